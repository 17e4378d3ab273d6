from openaudit.cli.app import main

main()

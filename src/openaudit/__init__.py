"""openaudit: tell how open a machine-learning model really is.

The compatibility promise covers the command line (flags, exit codes), the JSON
report schema and the rubric file format; the Python modules may change.
"""

__version__ = "0.1.0"

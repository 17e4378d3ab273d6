"""Every size openaudit bounds, in one place."""

MAX_README_BYTES = 1024 * 1024  # a larger card is refused, not read
MAX_LICENSE_BYTES = 256 * 1024  # per licence file
MAX_CONFIG_BYTES = 64 * 1024  # per configuration file read (adapter_config.json)
MAX_FRONT_MATTER_BYTES = 256 * 1024
MAX_YAML_DEPTH = 32
MAX_YAML_ALIASES = 64
MAX_FILES = 20_000  # repository listing entries kept
MAX_DIRECTORIES = 10_000  # directories walked in a local model folder
# Datasets are looked up one `dataset_info` (one Hub API request) each, all at once. A
# card declaring 21-50 sets is a deliberate list (sentence-embedding and multi-task
# models); cutting it at 20 left the data undecided however open the rest. At 50 + 50
# an audit spends at most 100 API requests on datasets, a fifth of the Hub's anonymous
# budget of 500 per 5 minutes; past the bound, the sets read still decide a level when
# one of them is not open, and every cut is a reported problem.
MAX_DATASETS = 50  # the model's own datasets (declared, or linked as training data) per model
MAX_BASE_DATASETS = 50  # datasets the base models' cards declare, looked up per model
MAX_BRANCHES = 2_000  # branch names kept from the refs listing
MAX_BASE_HOPS = 5  # base_model chain length followed
MAX_BASE_CARDS = 3  # base models whose README is read per model (EOSAI's base data)
MAX_EVIDENCE_BYTES = 64 * 1024 * 1024  # saved evidence file

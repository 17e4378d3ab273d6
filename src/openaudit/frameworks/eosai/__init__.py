"""The European Open Source AI Index (EOSAI): open / partial / closed per dimension.

Each dimension's reader rates the range of levels the evidence allows (`Rated`,
rated_levels); the modules beside it read the dimensions by group: weights
(weight_levels), code (code_levels), data sources (data_source_levels, with the base
model's in base_data_levels and the end model's in end_data_levels), hardware and
architecture (hardware_levels), preprint and paper (paper_levels), model card and
datasheet (card_levels) and licences (licence_levels). `dimensions` holds the table of
them and the `eosai_dimension` evaluator; `index_result` turns the probes' answers into
the framework's result.
"""

from openaudit.frameworks.eosai.card_levels import (
    CARD_TOPICS,
    MIN_TOPIC_WORDS,
)
from openaudit.frameworks.eosai.code_levels import MIN_RUN_WORDS
from openaudit.frameworks.eosai.dimensions import (
    DIMENSIONS,
    OWN_CARD_DIMENSIONS,
    eosai_dimension,
    eosai_rating,
)
from openaudit.frameworks.eosai.hardware_levels import (
    ACCELERATOR,
    ARCH_FILES,
    COMPUTE_ADDRESS,
    COMPUTE_SITE,
    FOOTPRINT_SECTIONS,
    HARDWARE_READ,
)
from openaudit.frameworks.eosai.index_result import (
    DOC_DIMENSIONS,
    LAYER_DIMENSIONS,
    eosai_layers,
    eosai_result,
    eosai_summary,
)
from openaudit.frameworks.eosai.paper_levels import PEER_REVIEWED
from openaudit.frameworks.eosai.rated_levels import EOSAI_POINTS, EOSAI_RANK, EosaiLevel, Rated

__all__ = [
    "ACCELERATOR",
    "ARCH_FILES",
    "CARD_TOPICS",
    "COMPUTE_ADDRESS",
    "COMPUTE_SITE",
    "DIMENSIONS",
    "DOC_DIMENSIONS",
    "EOSAI_POINTS",
    "EOSAI_RANK",
    "FOOTPRINT_SECTIONS",
    "HARDWARE_READ",
    "LAYER_DIMENSIONS",
    "MIN_RUN_WORDS",
    "MIN_TOPIC_WORDS",
    "OWN_CARD_DIMENSIONS",
    "PEER_REVIEWED",
    "EosaiLevel",
    "Rated",
    "eosai_dimension",
    "eosai_layers",
    "eosai_rating",
    "eosai_result",
    "eosai_summary",
]

"""The small configuration files a source reads for what they state about the model.

`adapter_config.json` (PEFT) names the model an adapter applies to in
`base_model_name_or_path`, also when the card declares no `base_model`. Sources read
them only for a card that declares no `base_model`, only at the top level, as text
within MAX_CONFIG_BYTES; they are parsed later, as JSON only.
"""

from __future__ import annotations

CONFIG_FILES = ("adapter_config.json",)


def is_config_file(path: str) -> bool:
    """True for the top-level configuration files a source reads."""
    return path in CONFIG_FILES

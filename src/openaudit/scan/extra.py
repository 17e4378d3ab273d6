"""Whether the optional `scale` extra (Daft, pyarrow) is installed: checked before
anything of the scan that imports them, so a missing extra is one line, not a traceback."""

from __future__ import annotations

from typing import Any

from openaudit.errors import UsageError

EXTRA_HINT = "install the scale extra: pip install 'openaudit[scale]'"


def require_daft() -> Any:
    """The daft module, or a one-line UsageError saying how to install the extra."""
    try:
        import daft
        import pyarrow  # noqa: F401
    except ModuleNotFoundError as exc:
        raise UsageError(f"`openaudit scan` needs {exc.name}", hint=EXTRA_HINT) from None
    return daft

"""The rich console every terminal format draws into: a text buffer, a fixed width, colour
only when asked, and nothing read from the environment or styled by the text itself."""

from __future__ import annotations

import io

from rich.console import Console


def buffer_console(buffer: io.StringIO, *, width: int, color: bool) -> Console:
    """A console writing into `buffer` at `width` columns, ANSI colour only if `color`;
    markup, highlighting and emoji are off, so untrusted text cannot style itself."""
    return Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        force_interactive=False,
        force_jupyter=False,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        _environ={},
    )

"""Command-line usage errors in openaudit's own words, not the parser library's.

typer (and the click it vendors) word errors for programmers: "Value error, 'xml' is
not one of 'table', 'json'.", "Input should be a valid integer, unable to parse string
as an integer", "(Possible options: --verbose)". Each is said here as one plain line
that names the option and what it accepts.
"""

from __future__ import annotations

import re
from typing import Any

import typer

# Validation phrasings of the typer/pydantic layer, and how to say them.
_REWORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Value error, "), ""),
    (re.compile(r"^(.*) is not one of (.*?)\.?$"), r"\1 is not one of \2"),
    (re.compile(r"^Input should be a valid integer.*$"), "expected a whole number"),
    (re.compile(r"^Input should be a valid number.*$"), "expected a number"),
    (re.compile(r"^Input should be less than or equal to (\S+)$"), r"expected at most \1"),
    (re.compile(r"^Input should be greater than or equal to (\S+)$"), r"expected at least \1"),
    (re.compile(r"^Input should be "), "expected "),
)


def is_a(exc: BaseException, name: str) -> bool:
    """True when `exc` is (a subclass of) the parser's exception class `name`.

    typer vendors click privately (`typer._click`); its exceptions are public only as
    `typer.TyperException`, so the specific kinds are told apart by class name.
    """
    return any(cls.__name__ == name for cls in type(exc).__mro__)


def usage_error_message(exc: typer.TyperException) -> str:
    """The one-line message for a command-line usage error."""
    if is_a(exc, "NoSuchOption"):
        return _unknown_option(exc)
    if is_a(exc, "MissingParameter"):
        return _missing(exc)
    if is_a(exc, "BadParameter"):
        param: Any = exc
        return f"{_param_name(param.param, param.param_hint)}: {_reword(exc.message)}"
    if is_a(exc, "BadOptionUsage"):
        return _bad_option_usage(exc)
    message = exc.format_message()
    command = re.fullmatch(r"No such command '(.*)'\.", message)
    if command:
        return f"unknown command '{command[1]}'{_see_help(exc)}"
    return _reword(message)


def _unknown_option(exc: Any) -> str:
    message = f"unknown option {exc.option_name}"
    if exc.possibilities:
        message += f"; did you mean {' or '.join(sorted(exc.possibilities))}?"
    return message + _see_help(exc)


def _missing(exc: Any) -> str:
    param = exc.param
    if param is not None and getattr(param, "param_type_name", "") == "argument":
        return f"missing {_param_name(param, None)}{_see_help(exc)}"
    return f"missing {_param_name(param, exc.param_hint)}{_see_help(exc)}"


def _bad_option_usage(exc: Any) -> str:
    needs = re.fullmatch(r"Option '(.*)' requires an argument\.", exc.message)
    if needs:
        return f"{needs[1]} needs a value"
    return _reword(exc.message)


def _param_name(param: Any, hint: Any) -> str:
    """'--format' for an option (its long name), 'REF' for an argument."""
    if param is not None:
        opts = [opt for opt in getattr(param, "opts", []) if opt.startswith("--")]
        if getattr(param, "param_type_name", "") == "option" and opts:
            return str(opts[0])
        metavar = getattr(param, "metavar", None) or getattr(param, "name", None)
        if metavar:
            return str(metavar)
    if isinstance(hint, list | tuple):
        hint = hint[0] if hint else ""
    return str(hint or "a value").strip("'")


def _reword(message: str) -> str:
    text = " ".join(str(message).split())
    for pattern, replacement in _REWORDS:
        text = pattern.sub(replacement, text)
    return text


def _see_help(exc: Any) -> str:
    ctx = getattr(exc, "ctx", None)
    path = getattr(ctx, "command_path", None) or "openaudit"
    return f" (see {path} --help)"


def plain_arguments(command: Any) -> None:
    """Show arguments in help and usage as plain names (`REF...`), not with the parser's
    type labels (`REF <list[str]>`, `{REF}...`); for `command` and its subcommands."""
    for param in command.params:
        if getattr(param, "param_type_name", "") == "argument" and hasattr(
            param, "display_type_rich"
        ):
            setattr(param, "display_type_rich", _no_type)  # noqa: B010 (typer's hook)
            setattr(param, "_usage_display_name", _usage_name(param))  # noqa: B010
    for sub in getattr(command, "commands", {}).values():
        plain_arguments(sub)


def _no_type(ctx: Any = None) -> None:
    return None


def _usage_name(param: Any) -> Any:
    name = str(param.metavar or param.name or "ARG").upper()
    shown = name if param.required else f"[{name}]"
    shown += "..." if param.nargs != 1 else ""
    return lambda: shown

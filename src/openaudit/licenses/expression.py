"""Licence expressions: Hub ids first, then the SPDX parser for AND / OR / WITH.

The SPDX parser (license_expression, the engine spdx-tools builds on) rewrites
some Hub ids silently (`gpl` becomes GPL-1.0-or-later, `gpl-3.0` becomes
GPL-3.0-only). So every token our table knows is swapped for a placeholder
before parsing, and swapped back afterwards; the parser only sees operators,
exceptions, and ids the table does not know.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from openaudit.licenses.catalogue import lookup
from openaudit.licenses.combine import choose_or, combine_and, unknown_facts
from openaudit.licenses.facts import ExpressionReport, LicenseFacts

MAX_EXPRESSION_CHARS = 2000
_TOKEN = re.compile(r"[()]|[^\s()]+")
_OPERATORS = frozenset({"and", "or", "with"})
_PLACEHOLDER = "LicenseRef-openaudit-"
_PLACEHOLDER_RE = re.compile(r"LicenseRef-openaudit-(\d+)\b")
_POSITION_RE = re.compile(r" at position: \d+")
_NO_LICENCE_IDS = frozenset({"unknown", "other"})


@dataclass(frozen=True)
class _Leaf:
    key: str  # canonical id
    display: str  # how the leaf is written in the normalised expression
    facts: LicenseFacts


@cache
def _licensing() -> Any:
    # Imported here: license_expression costs ~50 ms and most runs never parse.
    from license_expression import get_spdx_licensing  # type: ignore[import-untyped]

    return get_spdx_licensing()


def _display(facts: LicenseFacts) -> str:
    spdx = facts.spdx
    if spdx and not spdx.startswith("LicenseRef-"):
        return spdx
    return facts.id


def _substitute(text: str) -> tuple[str, list[LicenseFacts], list[str]]:
    """Replace every table-known licence token by a placeholder the parser keeps.

    A token that looks like a placeholder itself (someone typed `LicenseRef-openaudit-0`)
    is replaced too, as an unknown reference, so it cannot stand for another licence.
    Returns the text, the facts and the original token of each placeholder.
    """
    known: list[LicenseFacts] = []
    originals: list[str] = []
    out: list[str] = []
    previous = ""
    for token in _TOKEN.findall(text):
        facts = None
        if token.lower() not in _OPERATORS and token not in "()" and previous != "with":
            facts = lookup(token)
            if facts is None and _PLACEHOLDER.lower() in token.lower():
                why = "a licence reference openaudit's table does not know"
                facts = unknown_facts(token, why, spdx=token)
        if facts is None:
            out.append(token)
        else:
            out.append(f"{_PLACEHOLDER}{len(known)}")
            known.append(facts)
            originals.append(token)
        previous = token.lower()
    return " ".join(out), known, originals


def _leaf(symbol: Any, known: list[LicenseFacts], errors: list[str]) -> _Leaf:
    key = str(symbol.key)
    match = _PLACEHOLDER_RE.fullmatch(key)
    if match and int(match.group(1)) < len(known):
        facts = known[int(match.group(1))]
        return _Leaf(facts.id, _display(facts), facts)
    found = lookup(key)
    if found is not None:
        return _Leaf(found.id, _display(found), found)
    if key in _licensing().known_symbols:
        why = "a valid SPDX id that openaudit's table has no usage facts for"
        return _Leaf(key, key, unknown_facts(key, why, spdx=key))
    if not key.startswith("LicenseRef-"):
        errors.append(f"unknown licence id {key!r}")
    why = "a licence reference openaudit's table does not know"
    return _Leaf(key, key, unknown_facts(key, why, spdx=key))


@dataclass(frozen=True)
class _Node:
    facts: LicenseFacts
    leaves: tuple[_Leaf, ...]
    text: str
    compound: bool


def _with_exception(node: Any, known: list[LicenseFacts], errors: list[str]) -> _Node:
    leaf = _leaf(node.license_symbol, known, errors)
    text = f"{leaf.display} WITH {node.exception_symbol.key}"
    note = f"{leaf.facts.notes}; the exception adds permissions to {leaf.key}".strip("; ")
    facts = LicenseFacts(**{**leaf.facts.__dict__, "id": text, "notes": note})
    return _Node(facts, (leaf,), text, False)


def _walk(node: Any, known: list[LicenseFacts], errors: list[str]) -> _Node:
    licensing = _licensing()
    if hasattr(node, "exception_symbol"):
        return _with_exception(node, known, errors)
    if not isinstance(node, licensing.AND | licensing.OR):
        leaf = _leaf(node, known, errors)
        return _Node(leaf.facts, (leaf,), leaf.display, False)
    children = [_walk(arg, known, errors) for arg in node.args]
    operator = "AND" if isinstance(node, licensing.AND) else "OR"
    text = f" {operator} ".join(f"({c.text})" if c.compound else c.text for c in children)
    parts = [c.facts for c in children]
    if operator == "AND":
        _check_and(parts, errors)
        facts = combine_and(parts, text)
    else:
        facts = choose_or(parts, text)
    leaves = tuple(leaf for c in children for leaf in c.leaves)
    return _Node(facts, leaves, text, True)


def _check_and(parts: list[LicenseFacts], errors: list[str]) -> None:
    """Report licences that cannot all apply at once."""
    for strong in parts:
        if strong.family != "copyleft" or strong.share_alike != "yes":
            continue
        for other in parts:
            if other.commercial_use == "no":
                what = "forbids commercial use"
            elif other.field_of_use_restrictions:
                what = "restricts the fields of use"
            else:
                continue
            errors.append(
                f"contradictory: {strong.id} forbids adding restrictions, but {other.id} {what}"
            )


def _syntax_errors(tokens: list[str]) -> list[str]:
    for before, after in itertools.pairwise(tokens):
        if _is_licence(before) and _is_licence(after):
            return [f"{before!r} and {after!r} need an operator (AND, OR, WITH) between them"]
    return []


def _is_licence(token: str) -> bool:
    return token.lower() not in _OPERATORS and token not in ("(", ")")


def _invalid(*errors: str) -> ExpressionReport:
    return ExpressionReport(False, None, (), tuple(errors), None)


def _restore(message: str, originals: list[str]) -> str:
    message = _POSITION_RE.sub("", message)

    def original(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return originals[index] if index < len(originals) else match.group()

    return _PLACEHOLDER_RE.sub(original, message)


def _single(facts: LicenseFacts) -> ExpressionReport:
    return ExpressionReport(True, _display(facts), (facts.id,), (), facts)


def check_expression(text: object) -> ExpressionReport:
    """Validate and normalise a licence expression and combine its licences' facts.

    A single Hub id, SPDX id or common licence name is a valid expression too.
    AND means every licence applies (most restrictive flags); OR means the
    licensee may choose (most permissive option). Never raises.
    """
    if not isinstance(text, str):
        return _invalid(f"a licence expression must be text, not {type(text).__name__}")
    if len(text) > MAX_EXPRESSION_CHARS + 100:  # refused by length: never kept in the memo
        return _invalid(f"the licence expression is longer than {MAX_EXPRESSION_CHARS} characters")
    return _checked(text)


@lru_cache(maxsize=4096)  # the report is immutable; a scan sees the same few hundred values
def _checked(text: str) -> ExpressionReport:
    text = text.strip()
    if not text:
        return _invalid("the licence expression is empty")
    if len(text) > MAX_EXPRESSION_CHARS:
        return _invalid(f"the licence expression is longer than {MAX_EXPRESSION_CHARS} characters")
    balance = _balance_error(text)
    if balance:
        return _invalid(balance)
    whole = lookup(text)
    if whole is not None:
        return _single(whole)
    return _parse(text)


def _balance_error(text: str) -> str | None:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "unbalanced parentheses: ')' without '('"
        if depth > 32:
            return "parentheses nested too deeply"
    return "unbalanced parentheses: '(' without ')'" if depth else None


def _parse(text: str) -> ExpressionReport:
    tokens = _TOKEN.findall(text)
    errors = _syntax_errors(tokens)
    if errors:
        return _invalid(*errors)
    substituted, known, originals = _substitute(text)
    try:
        tree = _licensing().parse(substituted, strict=True)
    except Exception as exc:  # the parser raises several unrelated types on bad input
        return _invalid(_restore(str(exc), originals))
    if tree is None:
        return _invalid("the licence expression is empty")
    node = _walk(tree, known, errors)
    ids = tuple(dict.fromkeys(leaf.key for leaf in node.leaves))
    if len(ids) > 1 and _NO_LICENCE_IDS.intersection(ids):
        errors.append("'unknown' and 'other' name no licence and cannot be combined with others")
    return ExpressionReport(not errors, node.text, ids, tuple(errors), node.facts)

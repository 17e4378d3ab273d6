"""Restrictive clauses in licence texts that no known-licence rule recognises.

Custom licences (`license: other` with a home-grown LICENSE) are common; their
terms are not in the table, but a few phrasings give the important ones away:
"non-commercial", "research purposes only", "monthly active users", "you may
not use ... outputs ... to improve any other model". `detect_clauses` finds
them, each with the sentence it was read from, and `facts_from_clauses` turns
them into low-confidence usage facts. Only what is found is stated: a clause
that is absent proves nothing, so every other fact stays unknown.

How matching stays cheap and careful:
- only the first 64 KiB are read; the text is split into paragraphs, sentences
  and `;`-separated parts ("units"), each at most 2,000 characters;
- a rule is a few simple patterns that must occur in order, each starting
  within a bounded distance of the previous one; every pattern is a plain
  alternation with bounded repeats, searched in bounded windows, so the work
  is linear in the text (no nested or unbounded quantifiers);
- a list introduced by a negation ("You may not: (a) ...; (b) ...") passes
  the negation on to each of its items;
- each rule has "cancel" phrases that void a match in the same unit
  ("commercial and non-commercial use", "not limited to research");
- every step carries keywords, one of which any match must contain; a rule
  runs its patterns only on units whose lowered text holds a keyword of each
  step, so most units are skipped by plain substring checks.

The rules themselves (patterns, keywords, cancels) are data, in
`openaudit.licenses.clause_rules`; this module runs them and reads facts off
what they find.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from openaudit.licenses.clause_rules import NEGATION, RULES, ClauseKind, Rule
from openaudit.licenses.facts import Family, LicenseFacts, Ternary

MAX_TEXT_CHARS = 64 * 1024
MAX_UNIT_CHARS = 2_000
MAX_EXCERPT_CHARS = 160
MAX_PER_KIND = 3
_MAX_STARTS = 24  # first-pattern matches tried per unit and rule

LABELS: dict[str, str] = {
    "non_commercial": "non-commercial",
    "research_only": "research only",
    "evaluation_only": "evaluation or non-production only",
    "user_cap": "user or revenue cap",
    "acceptable_use_policy": "acceptable-use policy or prohibited uses",
    "output_training_ban": "outputs may not train other models",
    "no_redistribution": "no redistribution",
    "no_derivatives": "no modification or derivatives",
    "all_rights_reserved": "all rights reserved",
    "proprietary": "proprietary or confidential",
    "naming": "naming or display duty",
    "attribution": "attribution",
    "grant": "licence grant",
}

RESTRICTIVE_KINDS: frozenset[str] = frozenset(LABELS) - {"attribution", "grant"}
_NON_COMMERCIAL_KINDS = ("non_commercial", "research_only", "evaluation_only")
_RESTRICTED_KINDS = (
    "acceptable_use_policy",
    "user_cap",
    "output_training_ban",
    "no_derivatives",
    "no_redistribution",
    "naming",
    "proprietary",
)
_PROPRIETARY_KINDS = ("all_rights_reserved", "proprietary")
# Kinds the Open Source Definition rules out (field-of-use limits, no
# modification or redistribution); a naming duty alone is allowed by OSD 4.
_NOT_OSD_KINDS = frozenset(RESTRICTIVE_KINDS - {"naming"})


@dataclass(frozen=True)
class Clause:
    """One restrictive (or informational) clause found in a licence text."""

    kind: ClauseKind
    excerpt: str  # the matched sentence, trimmed to about 160 characters
    phrase: str = ""  # the matched words themselves, to centre shorter quotes on

    @property
    def label(self) -> str:
        """Plain words for the kind, e.g. 'non-commercial'."""
        return LABELS[self.kind]

    @property
    def restrictive(self) -> bool:
        """True unless the clause only grants rights or asks for attribution."""
        return self.kind in RESTRICTIVE_KINDS


# --- text preparation ----------------------------------------------------------

_TRANSLATE = str.maketrans(
    {
        "\u00ad": "",  # soft hyphen
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        **dict.fromkeys("*_`~"),  # markdown emphasis and code markers
    }
)
# Line breaks and spaces as HTML, spelled out case by case (with the long s, U+017F,
# which re.IGNORECASE also takes for "s") so the engine can skip ahead to "<" or "&";
# replaced before the [#>|] runs, as the single pattern's "<br>" took its ">" first.
_HTML_SPACE = re.compile("<[bB][rR] ?/?>|&[nN][bB][sS\u017f][pP];")
_STRUCTURE = re.compile(r"[#>|]+")
# "(?<=\w)-" with the look-behind after the hyphen, for the same fast skip.
_BROKEN_WORD = re.compile(r"-(?<=\w-)[ \t]*\n[ \t]*(?=\w)")
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")
_SENTENCE_END = re.compile(r"\s(?<=[.!?]\s)\s*(?=[\"'(\[]?[A-Z0-9])")  # whitespace after .!?
_LIST_LEAD = re.compile(r": ")


def _prepare(text: str) -> str:
    """The first 64 KiB with markdown markers removed and hyphenated line breaks joined."""
    text = text[:MAX_TEXT_CHARS].translate(_TRANSLATE)
    text = _STRUCTURE.sub(" ", _HTML_SPACE.sub(" ", text))
    return _BROKEN_WORD.sub("-", text)


def _chunks(text: str) -> Iterator[str]:
    """The text in pieces of at most MAX_UNIT_CHARS, overlapping so no match is cut."""
    if len(text) <= MAX_UNIT_CHARS:
        yield text
        return
    step = MAX_UNIT_CHARS - 400
    for start in range(0, len(text), step):
        yield text[start : start + MAX_UNIT_CHARS]


def _sentences(text: str) -> Iterator[str]:
    """Whitespace-collapsed sentences, paragraph by paragraph."""
    for paragraph in _PARAGRAPH.split(text):
        flat = " ".join(paragraph.split())  # the same as re.sub(r"\s+", " ", ...).strip()
        if flat:
            for sentence in _SENTENCE_END.split(flat):
                yield from _chunks(sentence)


def _list_lead(sentence: str) -> int | None:
    """Where a negated lead-in ("You may not: ...") ends, if the sentence has one."""
    for colon in _LIST_LEAD.finditer(sentence):
        if NEGATION.rx.search(sentence, max(0, colon.start() - 120), colon.start()):
            return colon.end()
    return None


def _units(sentence: str) -> Iterator[str]:
    """The `;`-separated parts of a sentence; list items carry their negated lead-in."""
    lead_end = _list_lead(sentence)
    if lead_end is None:
        yield from (part.strip() for part in sentence.split(";") if part.strip())
        return
    head = sentence[:lead_end]
    yield head.strip()
    lead = head[max(0, len(head) - 120) :].lstrip()
    for item in sentence[lead_end:].split(";"):
        if item.strip():
            yield f"{lead}{item.strip()}"


# --- matching ------------------------------------------------------------------


def _match(rule: Rule, unit: str) -> tuple[int, int] | None:
    """The span of the first in-order match of all steps, or None."""
    for count, first in enumerate(rule.steps[0].rx.finditer(unit)):
        if count >= _MAX_STARTS:
            return None
        end = _chain(rule, unit, first.end())
        if end is not None:
            return first.start(), end
    return None


def _chain(rule: Rule, unit: str, end: int) -> int | None:
    """Where the rule's later steps end, each found within `gap` of the last; None if not."""
    for step in rule.steps[1:]:
        found = step.rx.search(unit, end, end + rule.gap)
        if found is None:
            return None
        end = found.end()
    return end


def _cancelled(rule: Rule, unit: str) -> bool:
    return rule.cancel is not None and rule.cancel.search(unit) is not None


def _cut(text: str, start: int, end: int) -> str:
    """text[start:end] narrowed to whole words, with ellipses where it was cut."""
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, end)
        start = space + 1 if space >= 0 else start
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    inner = text[start:end].strip()
    return f"{'…' if start > 0 else ''}{inner}{'…' if end < len(text) else ''}"


def excerpt(unit: str, span: tuple[int, int], limit: int = MAX_EXCERPT_CHARS) -> str:
    """The unit around the span, at most about `limit` characters."""
    start, end = span
    if len(unit) <= limit:
        return unit
    if end - start >= limit:
        half = limit // 2 - 2
        return f"{_cut(unit, start, start + half)} {_cut(unit, end - half, end)}"
    room = limit - (end - start)
    left = max(0, start - room // 2)
    right = min(len(unit), left + limit)
    left = max(0, right - limit)
    return _cut(unit, left, right)


class _Holders:
    """Which units hold a keyword, found by scanning all units' lowered text at once.

    One C-level `str.find` pass per keyword over the joined text is far cheaper
    than testing every keyword against every unit from Python.
    """

    def __init__(self, parts: list[str]) -> None:
        self._parts = parts
        self._starts: list[int] = []
        at = 0
        for part in parts:
            self._starts.append(at)
            at += len(part) + 1
        self._joined = "\n".join(parts)  # no keyword holds a newline: none spans two units
        self._words: dict[str, set[int]] = {}

    def of_word(self, word: str) -> set[int]:
        """Indices of the units whose lowered text holds `word`."""
        found = self._words.get(word)
        if found is None:
            found = self._words[word] = self._scan(word)
        return found

    def _scan(self, word: str) -> set[int]:
        found: set[int] = set()
        at = self._joined.find(word)
        while at >= 0:
            index = bisect_right(self._starts, at) - 1
            found.add(index)
            if index + 1 >= len(self._starts):
                break
            at = self._joined.find(word, self._starts[index + 1])
        return found

    def of_rule(self, rule: Rule) -> set[int]:
        """Indices of the units holding a keyword of every step of the rule.

        The step with the fewest keywords is looked up in the whole text; the
        others are checked only in the units it leaves. A step without keywords
        rules nothing out.
        """
        steps = [step for step in rule.steps if step.keywords]
        first, *others = sorted(steps, key=lambda step: len(step.keywords))
        held: set[int] = set().union(*map(self.of_word, first.keywords))
        for step in others:
            held = {i for i in held if any(w in self._parts[i] for w in step.keywords)}
        return held


# The non-ASCII letters re.IGNORECASE matches to an ASCII letter while str.lower()
# does not turn them into it (checked by tests/test_licenses_speed_equivalence.py).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _folded(unit: str) -> str:
    """The unit in lower case, with every letter a pattern may read as ASCII made ASCII."""
    return unit.lower() if unit.isascii() else unit.translate(_FOLD).lower()


def _rules_per_unit(units: list[str]) -> list[list[Rule]]:
    """For each unit, in rule order, the rules its keywords leave possible."""
    holders = _Holders([_folded(unit) for unit in units])
    per_unit: list[list[Rule]] = [[] for _ in units]
    for rule in RULES:
        for index in holders.of_rule(rule):
            per_unit[index].append(rule)
    return per_unit


def _clauses_in(unit: str, rules: Iterable[Rule]) -> Iterator[Clause]:
    for rule in rules:
        span = _match(rule, unit)
        if span is not None and not _cancelled(rule, unit):
            phrase = unit[span[0] : span[1]][:MAX_EXCERPT_CHARS]
            yield Clause(rule.kind, excerpt(unit, span), phrase)


def _limit(clauses: Iterable[Clause]) -> tuple[Clause, ...]:
    """Distinct clauses in text order, at most MAX_PER_KIND of each kind."""
    seen: dict[tuple[str, str], Clause] = {}
    counts: dict[str, int] = {}
    for clause in clauses:
        key = (clause.kind, clause.excerpt)
        if key in seen or counts.get(clause.kind, 0) >= MAX_PER_KIND:
            continue
        seen[key] = clause
        counts[clause.kind] = counts.get(clause.kind, 0) + 1
    return tuple(seen.values())


def detect_clauses(text: str) -> tuple[Clause, ...]:
    """Restrictive (and grant / attribution) clauses in a licence text, in text order.

    Reads at most the first 64 KiB; case-insensitive; tolerant of line breaks
    and markdown; never raises on text. "All rights reserved" is dropped when
    the text also grants rights (it is then only the copyright line's formula).
    """
    if not isinstance(text, str) or not text.strip():
        return ()
    units = [unit for sentence in _sentences(_prepare(text)) for unit in _units(sentence)]
    found = [
        clause
        for unit, rules in zip(units, _rules_per_unit(units), strict=True)
        for clause in _clauses_in(unit, rules)
    ]
    if any(c.kind == "grant" for c in found):
        found = [c for c in found if c.kind != "all_rights_reserved"]
    return _limit(found)


# --- facts ---------------------------------------------------------------------


def _first(clauses: tuple[Clause, ...], *kinds: str) -> Clause | None:
    return next((c for c in clauses if c.kind in kinds), None)


def _has(clauses: tuple[Clause, ...], *kinds: str) -> bool:
    return _first(clauses, *kinds) is not None


def _family(clauses: tuple[Clause, ...]) -> Family:
    if _has(clauses, *_PROPRIETARY_KINDS) and not _has(clauses, "grant"):
        return "proprietary"
    if _has(clauses, *_NON_COMMERCIAL_KINDS):
        return "non-commercial"
    if _has(clauses, *_RESTRICTED_KINDS):
        return "restricted"
    return "unknown"


def _commercial(clauses: tuple[Clause, ...], family: Family) -> tuple[Ternary, str | None]:
    refusal = _first(clauses, *_NON_COMMERCIAL_KINDS)
    if refusal is not None:
        return "no", f"the licence text reads: '{refusal.excerpt}'"
    if family == "proprietary":
        return "no", "the licence text reserves all rights and grants none that was detected"
    cap = _first(clauses, "user_cap")
    if cap is not None:
        return "conditional", f"the licence text sets a cap: '{cap.excerpt}'"
    return "unknown", None


def _denied(clauses: tuple[Clause, ...], kind: str) -> Ternary:
    clause = _first(clauses, kind)
    if clause is None:
        return "unknown"
    words = clause.excerpt.lower()
    return "conditional" if any(w in words for w in ("except", "unless", "without")) else "no"


def _quoted(clauses: tuple[Clause, ...], kind: str) -> str:
    clause = _first(clauses, kind)
    return f"'{clause.excerpt}'" if clause else "unknown"


def _flag(clauses: tuple[Clause, ...], *kinds: str) -> bool | None:
    return True if _has(clauses, *kinds) else None


def describe(clauses: Iterable[Clause], limit: int = MAX_EXCERPT_CHARS) -> str:
    """'non-commercial ('...'); research only ('...')': each kind once, in order."""
    parts: dict[str, str] = {}
    for clause in clauses:
        if clause.restrictive and clause.kind not in parts:
            parts[clause.kind] = f"{clause.label} ('{_shortened(clause, limit)}')"
    return "; ".join(parts.values())


def _shortened(clause: Clause, limit: int) -> str:
    """The clause's excerpt cut to about `limit` characters around the matched words."""
    if len(clause.excerpt) <= limit:
        return clause.excerpt
    text = clause.excerpt.strip("…")
    at = text.find(clause.phrase) if clause.phrase else -1
    span = (at, at + len(clause.phrase)) if at >= 0 else (0, min(len(text), limit // 2))
    return excerpt(text, span, limit)


def facts_from_clauses(clauses: Iterable[Clause], label: str) -> LicenseFacts | None:
    """Low-confidence usage facts from detected clauses; None when none restricts.

    Only detected clauses set a fact: whatever was not detected stays unknown
    (never "yes"), since a missing phrase is no evidence of permission.
    """
    found = tuple(clauses)
    if not any(c.restrictive for c in found):
        return None
    family = _family(found)
    commercial, note = _commercial(found, family)
    name = label.strip() or "custom"
    return LicenseFacts(
        id=f"{name} (detected clauses)",
        name=f"{name}: custom licence, terms detected from its restrictive clauses",
        spdx=None,
        family=family,
        osi_approved=False if any(c.kind in _NOT_OSD_KINDS for c in found) else None,
        open_content=False,
        commercial_use=commercial,
        modification=_denied(found, "no_derivatives"),
        redistribution=_denied(found, "no_redistribution"),
        field_of_use_restrictions=_flag(
            found, "research_only", "evaluation_only", "acceptable_use_policy"
        ),
        acceptable_use_policy=_flag(found, "acceptable_use_policy"),
        user_cap=_quoted(found, "user_cap"),
        attribution="yes" if _has(found, "attribution", "naming") else "unknown",
        share_alike="unknown",
        output_restrictions=_quoted(found, "output_training_ban"),
        naming_or_display=_quoted(found, "naming"),
        confidence="low",
        notes=(
            f"detected clauses: {describe(found, 80)}. Low confidence: found by pattern "
            "matching, not a legal reading; terms not detected are unknown"
        ),
        commercial_note=note,
    )


__all__ = [
    "LABELS",
    "MAX_EXCERPT_CHARS",
    "MAX_TEXT_CHARS",
    "RESTRICTIVE_KINDS",
    "Clause",
    "ClauseKind",
    "describe",
    "detect_clauses",
    "excerpt",
    "facts_from_clauses",
]

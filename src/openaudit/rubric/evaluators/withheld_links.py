"""Links the card says are still to come or not public ("will be released at [X]",
"[X] is private"), and the sentences a link stands in: what several rules read before
taking a link as published."""

from __future__ import annotations

import re

from openaudit.card import Link
from openaudit.rubric.context import ProbeContext

PROMISED = re.compile(
    r"\b(?:will|shall|to)\s+(?:be\s+)?(?:made\s+)?(?:release|publish|open-?sourc|share|upload)"
    r"|\b(?:will|shall)\s+(?:be\s+)?(?:make|made)\s+(?:\w+\s+)?(?:public|available)"
    r"|\bcoming\s+soon\b|\b(?:plan|intend)s?\s+to\s+(?:release|publish|open-?source)"
    r"|\b(?:after|upon|once)\s+(?:the\s+)?(?:paper\s+)?(?:is\s+)?"
    r"(?:acceptance|accepted|publication|published)",
    re.IGNORECASE,
)
DENIED = re.compile(
    r"\bnot\s+(?:yet\s+)?(?:public(?:ly\s+\w+)?|released|available|open-?sourced?|published"
    r"|shared)\b|\b(?:is|are|remains?)\s+(?:private|closed|proprietary|unreleased)\b",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r";|:\s|,?\s+but\s+|\s+whereas\s+", re.IGNORECASE)


def link_sentences(ctx: ProbeContext, link: Link) -> str:
    """The card's sentences that hold the link: a topic word in another sentence of the
    same paragraph speaks of something else. White space is folded (a sentence may
    run over a soft line break)."""
    return " ".join(" ".join(s.split()) for s in ctx.card.sentences().holding(link.url))


def not_published(ctx: ProbeContext, link: Link) -> bool:
    """Whether the clause holding a link says what it points to is still to come or not
    public ("will be released at [X]", "[X] is private"): whatever its topic."""
    return any(
        link.url in clause and bool(PROMISED.search(clause) or DENIED.search(clause))
        for clause in CLAUSE_BREAK.split(link_sentences(ctx, link))
    )

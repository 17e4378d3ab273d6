"""The audit command's batch flags turned into settings: inputs, listing, cache, network.

Each function checks one group of flags (a clash is a UsageError before anything
runs) and returns what the batch run needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openaudit.cli.output import say
from openaudit.errors import UsageError
from openaudit.report import Format

if TYPE_CHECKING:
    from openaudit.sources.cache import EvidenceCache


@dataclass(frozen=True)
class ListingFlags:
    """--author, --search, --filter, --limit as given."""

    author: str | None
    search: str | None
    filters: tuple[str, ...]
    limit: int | None

    def describe(self) -> str:
        """The flags as typed, e.g. `--author acme --limit 10`."""
        text: str = self.query().describe()
        return text

    def query(self) -> Any:
        """The listing query for the Hub source."""
        from openaudit.sources.hub_listing import ListingQuery

        return ListingQuery(self.author, self.search, self.filters, self.limit)


def listing_query(
    author: str | None, search: str | None, filters: Sequence[str], limit: int | None
) -> ListingFlags | None:
    """The listing asked for, or None; --limit alone is a usage error."""
    if not (author or search or filters):
        if limit is not None:
            raise UsageError("--limit applies to a Hub listing: add --author, --search or --filter")
        return None
    return ListingFlags(author or None, search or None, tuple(filters), limit)


@dataclass(frozen=True)
class BatchInputs:
    """Where the models come from; in this order when several are given."""

    refs: tuple[str, ...]
    from_file: str | None
    listing: ListingFlags | None

    def check(self) -> None:
        """At least one source of models."""
        if not self.refs and self.from_file is None and self.listing is None:
            raise UsageError(
                "nothing to audit: give a model REF, --from-file FILE, "
                "or a Hub listing (--author, --search, --filter)"
            )

    @property
    def is_batch(self) -> bool:
        """True when the models come from a list or a listing (progress is shown)."""
        return self.from_file is not None or self.listing is not None


def resume_output(
    resume: Path | None, fmt: Format | None, output: Path | None
) -> tuple[Format | None, Path | None]:
    """With --resume FILE the report is JSON Lines appended to FILE; other choices clash."""
    if resume is None:
        return fmt, output
    if fmt not in (None, Format.JSONL):
        raise UsageError(f"--resume reads and appends a jsonl report, not --format {fmt}")
    if output is not None and Path(output).resolve() != resume.resolve():
        raise UsageError("--resume FILE appends to FILE; leave out --output or give the same file")
    return Format.JSONL, resume


def evidence_cache(
    cache_dir: Path | None, *, no_cache: bool, offline: bool, inputs: BatchInputs
) -> EvidenceCache | None:
    """The evidence cache the flags ask for (None with --no-cache)."""
    from openaudit.sources.cache import EvidenceCache, default_cache_dir

    if no_cache:
        if offline:
            raise UsageError(
                "--offline audits from the evidence cache; it cannot go with --no-cache"
            )
        return None
    if offline and inputs.listing is not None:
        raise UsageError(
            "a Hub listing (--author, --search, --filter) needs the Hub, not --offline"
        )
    return EvidenceCache(cache_dir or default_cache_dir(), offline=offline)


def configure_network(timeout: float | None, secrets: list[str]) -> None:
    """Apply --timeout, and say on stderr when the Hub makes every request wait."""
    from openaudit.sources import network

    def waiting(seconds: float, reason: str) -> None:
        say(f"the Hub asked to wait ({reason}): pausing all requests for {seconds:.0f} s", secrets)

    if timeout is None:
        network.configure(listener=waiting)
    else:
        network.configure(listener=waiting, timeout=timeout)

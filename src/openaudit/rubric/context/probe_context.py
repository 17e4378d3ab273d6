"""ProbeContext: the evidence of one audit plus derived facts, each computed once.

Evaluators read the evidence through this object so that the parsed card, the
licence identification and the licences of linked repos are computed at most
once per audit, however many probes ask for them.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from openaudit.base_mentions import CONFIG_FILE, adapter_base
from openaudit.evidence import Citation
from openaudit.lazy import cached_attribute
from openaudit.licenses.combine import combine_and, looser_terms
from openaudit.rubric.context.license_identification import identify_once
from openaudit.rubric.context.license_lineage import dataset_licenses, lineage
from openaudit.rubric.context.license_report import grants_nothing

if TYPE_CHECKING:
    from openaudit.card import Card, Section
    from openaudit.evidence import Evidence
    from openaudit.licenses import LicenseFacts
    from openaudit.rubric.context.license_lineage import DatasetLicense, LineageReport
    from openaudit.rubric.context.license_report import LicenseReport


T = TypeVar("T")
P = ParamSpec("P")

# A reader of a model's licence beyond what the model declares (ProbeContext.license asks
# it): the licence of the model a copy stating none of its own copies, which only the
# evaluators' copy tests tell. The built-in evaluators register it when loaded (the
# rubric registry loads them before any audit): copies.copy_licence.
LicenceReader = Callable[["ProbeContext", "LicenseReport"], "LicenseReport | None"]
_LICENCE_READERS: list[LicenceReader] = []


def licence_reader(reader: LicenceReader) -> LicenceReader:
    """Register `reader` as the reader of a licence the model does not declare (a
    decorator; registered again, it replaces the one before)."""
    _LICENCE_READERS[:] = [reader]
    return reader


class ProbeContext:
    """One audit's evidence with lazily computed, cached derived facts."""

    def __init__(self, evidence: Evidence) -> None:
        self.evidence = evidence
        self._memo: dict[Hashable, Any] = {}

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per audit for `key` (a derived fact several probes read)."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    @cached_attribute
    def card(self) -> Card:
        """The parsed model card (README, or API metadata when unreadable)."""
        return self.evidence.card

    @property
    def metadata(self) -> dict[str, Any]:
        """Card metadata; empty when absent or unreadable."""
        return self.card.metadata

    @property
    def readme_read(self) -> bool:
        """True when the README text itself was read (not only API metadata)."""
        return self.evidence.readme is not None

    @property
    def metadata_known(self) -> bool:
        """True when card metadata could be read from the README or the API."""
        if self.card.metadata_error:
            return False
        return self.readme_read or self.evidence.api_card_data is not None

    @cached_attribute
    def license(self) -> LicenseReport:
        """The model's licence as identified from every piece of evidence.

        A quantisation or format conversion whose card, read, states no licence of its
        own (a bare `other` or `unknown`, or none) is under the licence of the model it
        copies (copies.copy_licence): inferred, naming that model; undecided when its
        terms were not seen. A fine-tune, adapter or merge stating none has none.
        """
        own = identify_once(self.evidence)
        # (the card first: a model without card text, the scan's, reads no bases here)
        if not self._states_no_terms(own):
            return own
        evidence = self.evidence
        if not evidence.base_models and not evidence.implied_bases:
            return own
        # (the copy tests are the evaluators' (weights.conversion), which read contexts)
        read = next((reader(self, own) for reader in _LICENCE_READERS), None)
        return read or own

    def _states_no_terms(self, report: LicenseReport) -> bool:
        """The card, read and readable, states no licence terms: a bare `other` or
        `unknown` (grants_nothing), or no licence at all."""
        if report.facts is not None or not self.readme_read or self.card.metadata_error:
            return False
        return not report.claims or grants_nothing(report) is not None

    @cached_attribute
    def dataset_licenses(self) -> tuple[DatasetLicense, ...]:
        """Licence facts of the linked datasets the source looked up."""
        return dataset_licenses(self.evidence)

    @cached_attribute
    def effective_license(self) -> LicenseFacts | None:
        """The model's licence facts with its bases' terms added.

        A fine-tune, adapter, quantisation or merge is made from its bases'
        weights, so it inherits their restrictions whatever its own tag says.
        None when the model's own licence is not identified.
        """
        own = self.license.facts
        inherited = self.lineage.inherited
        if own is None or inherited is None or not looser_terms(own, inherited):
            return own
        bases = ", ".join(base.repo_id for base in self.lineage.bases if base.facts)
        return combine_and([own, inherited], f"{own.id} with the terms of its base {bases}")

    @cached_attribute
    def lineage(self) -> LineageReport:
        """Base models' licences and licence-laundering flags: the declared bases', else,
        once the source found it on the Hub, those of the base the card names without
        declaring it (`implied_lineage`), whose terms flow down as a declared base's do."""
        found = [r for r in self.evidence.implied_bases if r.status in ("ok", "gated")]
        if not self.evidence.base_models and any(r.depth == 1 for r in found):
            return self.implied_lineage
        return lineage(self.evidence, self.license)

    @cached_attribute
    def implied_lineage(self) -> LineageReport:
        """The lineage through the base a card names without declaring it (looked up by
        the source as `implied_bases`): whether it is the base, the rubric decides. Its
        terms are a reader's conclusion (`BaseLicense.inferred`), the reason saying so."""
        chain = dataclasses.replace(self.evidence, base_models=self.evidence.implied_bases)
        found = lineage(chain, self.license)
        stated = {  # an adapter's config states its base: a file says it, no inference
            base.lower()
            for config in self.evidence.config_files
            if config.path == CONFIG_FILE
            and (base := adapter_base(config.text, self.evidence.repo_id))
        }
        bases = tuple(
            base
            if base.repo_id.lower() in stated
            else dataclasses.replace(
                base, inferred=True, reason=f"named by the card, not declared; {base.reason}"
            )
            for base in found.bases
        )
        return dataclasses.replace(found, bases=bases)

    @cached_attribute
    def implied_chain(self) -> ProbeContext:
        """This model's context with the base its card names without declaring it (looked
        up by the source as `implied_bases`) in the place of declared bases, to judge
        that base's data as a declared base's (whether it is the base, the rubric
        decides; the card is the model's own, parsed once)."""
        evidence = dataclasses.replace(self.evidence, base_models=self.evidence.implied_bases)
        chain = ProbeContext(evidence)
        chain.__dict__["card"] = self.card
        return chain

    def file(self, path: str, value: str | None = None) -> Citation:
        """A citation of one repository file."""
        return Citation(f"file:{path}", value, self.evidence.file_url(path))

    def field(self, key: str, value: Any = None) -> Citation:
        """A citation of one card metadata field."""
        return Citation(f"card:{key}", _short(value), self._readme_url)

    def api(self, key: str, value: Any = None) -> Citation:
        """A citation of one field of the Hub API answer."""
        return Citation(f"api:{key}", _short(value), self.evidence.url)

    def section(self, section: Section) -> Citation:
        """A citation of one card section."""
        return Citation(f"README.md#{section.title}", f"line {section.line}", self._readme_url)

    def readme(self, value: str | None = None) -> Citation:
        """A citation of the README as a whole."""
        return Citation("README.md", value, self._readme_url)

    @cached_attribute
    def _readme_url(self) -> str | None:
        """The README's URL (cited by several probes' answers: made once per model)."""
        return self.evidence.file_url("README.md")


def _short(value: Any, limit: int = 200) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        value = ", ".join(value)
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def once_per_model(
    fn: Callable[Concatenate[ProbeContext, P], T],
) -> Callable[Concatenate[ProbeContext, P], T]:
    """Compute `fn(ctx, ...)` once per context and arguments.

    For a pure function of the evidence that several rubrics' probes ask for (a card's
    substance, a paper link): the default, MOF and EOSAI rubrics of one model share it.
    Keyword and positional calls share one entry; list arguments are keyed as tuples.
    """
    code = fn.__code__
    names = code.co_varnames[1 : code.co_argcount]

    @functools.wraps(fn)
    def wrapper(ctx: ProbeContext, *args: P.args, **kwargs: P.kwargs) -> T:
        if not args and not kwargs:  # the common call, fn(ctx): its key at once
            try:
                return ctx._memo[bare]  # type: ignore[no-any-return]
            except KeyError:
                value = ctx._memo[bare] = fn(ctx, *args, **kwargs)
                return value
        values: list[Any] | tuple[Any, ...] = args
        if kwargs or len(args) != len(names):
            values = list(args)
            rest = dict(kwargs)
            for name in names[len(args) :]:
                values.append(rest.pop(name, _UNSET))
            if rest:  # arguments the signature does not name: not memoised
                return fn(ctx, *args, **kwargs)
        key = (wrapper, tuple([tuple(v) if isinstance(v, list) else v for v in values]))
        memo = ctx._memo
        try:
            return memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = memo[key] = fn(ctx, *args, **kwargs)
            return value
        except TypeError:  # an unhashable argument: computed every time
            return fn(ctx, *args, **kwargs)

    bare = (wrapper, ())  # the key of a call without arguments (fn(ctx))
    return cast("Callable[Concatenate[ProbeContext, P], T]", wrapper)


_UNSET = object()  # an argument left to its default

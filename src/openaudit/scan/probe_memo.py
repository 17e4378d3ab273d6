"""Probe answers shared across the models of a scan, keyed by what each evaluator reads.

Over the whole Hub many models give a probe exactly the same inputs: the same declared
licence, the same file listing, no card text. A scan answers such a probe once and
reuses the answer for every later model with the same inputs (one memo per rubric:
the default one, MOF and EOSAI).

Correctness rests on the declarations below: `READS` names, per evaluator (or per
MOF component and EOSAI dimension), the parts of the evidence it reads of a model
without card text (the only models the memo serves: card texts are unique, and
keeping them would cost memory). An answer's key is the probe and the values of
exactly those parts, so two models share an answer only when the evaluator could
not tell them apart. tests/test_scan_memo.py proves the declarations complete: it
records what every memoised probe reads over the fixture models and generated dump
rows, gives a twin that shares only the declared inputs (its id, URL, sha and every
other part differ) the same answer, and finds the same levels and framework results
with the memo and without it. An evaluator missing from `READS` is never memoised.

A memoised answer keeps its answer, reason, grade and basis but no citations: a scan
keeps none (an EOSAI result made from memoised answers lists no evidence URLs, which
a scan does not write), and a citation names its model, so no model's result can
carry another model's identifiers. The identifiers are read to build citations only;
where an answer depends on the model's id, its declaration says so
(`repo_id_if_bases`), and evaluators reading the id otherwise are not memoised. The
single audit (`evaluate()`) never uses this memo.

A rubric's levels and framework result are pure functions of its answers: a memo
shares them between models that got the very same answer objects (`derived`), and the
licence columns between models with the same licence inputs (`by_inputs`, declared in
`COLUMN_READS` and proven like an evaluator's reads). So is the model's licence as
identified (`ProbeContext.license`, declared in `CONTEXT_READS`): the probes that miss
read the report an earlier model with the same licence inputs had, which differs from
the model's own in its citations only (the memo keeps none of them).

Memory is bounded: a memo keeps the answers, input values and results used lately
(`_Recent`), and only those another model may ask for again: each is stored from the
second sighting of its key on. An input value is kept from its second sighting on
(`InputNumbers`): on its first it gets a number of its own, and an answer or result
whose key holds such a number is worked out for the model and not stored, as no later
model can have that key. An answer's key whose values were all seen before may still be
the first of its combination (a file listing, a licence and a library that no model had
together), so it too is stored only when seen again (the hashes of keys seen once are
kept, two generations of `MAX_ANSWERS`). Most keys seen once in a scan are the model's
own (its id when it names bases, a base no other model of the scan builds on, a rare
combination): storing them filled the memos with entries nothing read again (about
1.5 KB a model without card text on the benchmark's dump), at the price of one answer
worked out twice per key that is seen again.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

from openaudit.rubric.evaluators.copies import merge_tags
from openaudit.rubric.evaluators.declared_library import library_tags
from openaudit.rubric.evaluators.rl_environments import rl_tags
from openaudit.rubric.evaluators.weights import delta_name_markers
from openaudit.scan.levels import answer
from openaudit.weight_formats import LIBRARIES, QUANT_MARKERS

if TYPE_CHECKING:
    from openaudit.evidence import Evidence, LinkedRepo
    from openaudit.rubric.context import ProbeContext
    from openaudit.rubric.model import ProbeSpec
    from openaudit.scan.levels import BoundRubric
    from openaudit.verdict import Outcome

T = TypeVar("T")

# Per rubric, entries kept (twice these at most: see `_Recent`); about 400 bytes each,
# but a derived result: about 3 KB for the default rubric's levels, 8 KB for a framework's.
MAX_ANSWERS = 20_000  # memoised answers
MAX_VALUES = 8_000  # numbered input values (a file listing, a licence declaration)
MAX_RESULTS = 500  # results derived from a model's answers (levels, framework result)


def _freeze(value: Any) -> Hashable:
    """A hashable image of JSON-like data that tells apart what `==` would mix up
    (True, 1 and 1.0; a list and a tuple) and keeps the order of dict keys."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, dict):
        return ("dict", tuple((_freeze(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_freeze(item) for item in value))
    return (type(value).__name__, value if isinstance(value, Hashable) else repr(value))


def _linked(repos: tuple[LinkedRepo, ...]) -> Hashable:
    """Linked repos without `named_by` and `sha`: named_by is the model itself for its
    direct links, and neither is read (the recording test checks it)."""
    return tuple(
        (r.repo_id, r.repo_type, r.status, r.depth, r.relation, _freeze(r.gated),
         _freeze(r.card_data), r.tags, r.files, r.problem)
        for r in repos
    )  # fmt: skip


PAPER_TAGS = ("arxiv:", "doi:")  # tags matching the globs arxiv:* and doi:*
_ABSENT = ("absent",)  # a card metadata key the card does not have


def _card_key(key: str) -> Callable[[Evidence], Hashable]:
    """The value of one card metadata key. The memo serves models without card text,
    whose card is the metadata the Hub serves (`Card.from_metadata`)."""

    def value(evidence: Evidence) -> Hashable:
        data = evidence.api_card_data or {}
        return _freeze(data[key]) if key in data else _ABSENT

    return value


# Each part of the evidence an evaluator may read, as a hashable value; `card:KEY`
# names one card metadata key. Every key also holds `shape` (the source, and whether the
# model has a URL), and none holds the card text: the memo serves models without one.
INPUTS: dict[str, Callable[[Evidence], Hashable]] = {
    "shape": lambda e: (e.source, bool(e.url)),
    "card_present": lambda e: e.api_card_data is not None,
    "card_keys": lambda e: _freeze(list(e.api_card_data or {})),
    "card_data": lambda e: _freeze(e.api_card_data),
    "access": lambda e: e.access,
    "source": lambda e: e.source,
    "gated": lambda e: _freeze(e.gated),
    "private": lambda e: e.private,
    "tags": lambda e: e.tags,
    # the `license:` tags, all that licence identification reads of the tags
    "license_tags": lambda e: tuple(
        t for t in e.tags if isinstance(t, str) and t.lower().startswith("license:")
    ),
    # the `arxiv:` and `doi:` tags, all that a paper's evaluators read of the tags
    "paper_tags": lambda e: tuple(t for t in e.tags if t.lower().startswith(PAPER_TAGS)),
    "library_name": lambda e: e.library_name,
    # the tags naming a library whose own weight formats the listing is read with
    # (weight_formats.LIBRARIES), all that reading weight files takes of the tags
    "weight_library_tags": lambda e: weight_library_tags(e.tags),
    # the tags naming a library that runs models (declared_library reads them when no
    # `library_name` is set)
    "library_tags": lambda e: library_tags(e.tags),
    # the Hub's and the card's tags that say a model is a merge (copies.merged reads them)
    "merge_tags": merge_tags,
    "pipeline_tag": lambda e: e.pipeline_tag,
    # the Hub's and the card's tags naming an RL library or an environment id, all that
    # the reader of an RL agent's environment takes of the tags (rl_environments.rl_tags)
    "rl_tags": rl_tags,
    "files": lambda e: (e.files, e.files_truncated),
    "license_files": lambda e: e.license_files,
    "datasets": lambda e: _linked(e.datasets),
    "base_models": lambda e: _linked(e.base_models),
    "problems": lambda e: e.problems,
    "branches": lambda e: e.branches,
    "config_files": lambda e: e.config_files,
    "implied_bases": lambda e: _linked(e.implied_bases),
    "base_datasets": lambda e: _linked(e.base_datasets),
    # the card texts of the bases whose metadata declares no datasets (None: not read)
    "base_cards": lambda e: e.base_cards,
    # the model's own id, which the licence lineage and an adapter's config are
    # compared with (a base naming the model itself): read only when the model has
    # base models, implied bases or config files
    "repo_id_if_bases": lambda e: (
        e.repo_id if e.base_models or e.implied_bases or e.config_files else None
    ),
    # the quantiser names in the model's own id (GPTQ, AWQ and EXL2 files are ordinary
    # safetensors, named as such in the id or the path), and the size and token that name
    # a weight diff ("alpaca-7b-wdiff"): all a conversion or delta check reads of it
    "repo_id_markers": lambda e: repo_id_markers(e.repo_id or e.ref),
}


def weight_library_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """The tags naming a library of weight_formats.LIBRARIES (any case)."""
    return tuple(t for t in tags if isinstance(t, str) and t.lower() in LIBRARIES)


def repo_id_markers(repo_id: str) -> tuple[str, ...]:
    """The quantiser markers (weight_formats.QUANT_MARKERS) a repo id holds, and the size and
    token that make its name a weight diff's (weights.delta_name_markers)."""
    low = repo_id.lower()
    return (*[marker for marker in QUANT_MARKERS if marker in low], *delta_name_markers(repo_id))


# The model's own licence as identified (ProbeContext.license).
OWN_LICENCE = (
    "card:license", "card:license_name", "card:license_link", "license_tags", "license_files",
    "card_present", "access", "card:extra_gated_prompt", "card:extra_gated_description",
    "card:extra_gated_fields",
)  # fmt: skip
# And with its bases' terms (ProbeContext.effective_license, .lineage).
LICENCE = (
    *OWN_LICENCE, "card:base_model", "base_models", "implied_bases", "config_files",
    "repo_id_if_bases",
)  # fmt: skip

# The library that runs the model (declared_library): declared, or named by a tag.
LIBRARY = ("library_name", "card:library_name", "library_tags")
# The weight files: the listing, read with the repository's library (weights.repo_libraries).
WEIGHT_FILES = ("files", *LIBRARY, "weight_library_tags")

# The base models: declared, implied (an adapter's config, the card's prose).
BASES = ("base_models", "implied_bases", "config_files", "repo_id_if_bases")
# A quantisation, conversion (weights_not_conversion) or merge (copies.merged) and the
# data of the models it copies or merges (and what their cards say of them: withheld).
COPY = (
    "card:base_model", "card:base_model_relation", "base_models", *WEIGHT_FILES,
    "repo_id_markers", "base_datasets", "merge_tags", "base_cards",
)  # fmt: skip
# What shows the weights are a diff to add to a base's (weights.delta_release) of a model
# without card text: its name and a recovery script in its files.
DELTA = ("repo_id_markers", "files")
# The datasets the card names and what the source read of them. (`linked_datasets`, the
# Hub datasets a card's text links, is read only for a card with text: never memoised.)
DATASETS = ("card_present", "access", "card:datasets", "datasets")
# Whether the model is an RL agent and the environment it names, the source of its
# training data (rl_environments.training_environment): the task, the declared library
# (LIBRARY), the tags naming an RL library or an environment, and the `model-index` results.
RL_AGENT = ("pipeline_tag", "card:pipeline_tag", *LIBRARY, "rl_tags", "card:model-index")

# What each evaluator reads of a model without card text (see the module docstring);
# for the evaluators in BY_PARAM, per value of that param: `evaluator(value)`.
READS: dict[str, tuple[str, ...]] = {
    "base_data_named": (
        "card_present", "access", "card:base_model", "card:datasets", *BASES, *COPY,
    ),
    "base_license_compatible": (*LICENCE, *BASES, *DELTA),
    # a model card file of its own (documentation.CARD_FILES) stands for the README
    "card_substantive": ("access", "files"),
    # a training config of the model's library (model_configs.library_training_config)
    "code_linked": ("access", "files", *LIBRARY),
    "code_osi_licensed": (*OWN_LICENCE, *LIBRARY, "files"),
    "commercial_use_allowed": LICENCE,
    # an implied base: the model its delta weights apply to (weights.delta_release); a
    # copy's source: its card's text, the datasets it declares (copies.copy_source)
    "data_documented": (*DATASETS, "card:base_model", *BASES, *DELTA, *COPY, "base_cards"),
    # a quantisation's or conversion's data are those of the model it copies (COPY)
    "data_sources_named": ("card:datasets", "card_present", "access", *COPY, *RL_AGENT),
    "dataset_license_in": ("card:datasets", "datasets", *COPY),
    "datasets_commercial_use": ("card:datasets", "datasets", *COPY),
    "datasets_declared": ("card:datasets", "card_present", "access", *COPY),
    "datasets_on_hub": ("card:datasets", "datasets", *COPY),
    "evaluation_results": ("card:model-index", "access", "files"),
    # the runtime of the weights' format (code.format_runtime)
    "inference_code": WEIGHT_FILES,
    "license_family_in": LICENCE,
    "license_file_consistent": (*OWN_LICENCE, "files"),
    "license_identified": OWN_LICENCE,
    "metadata_readable": ("card_present", "access"),
    "no_use_restrictions": LICENCE,
    "paper_linked": ("card:tags", "paper_tags", "access", "files"),
    "section_present": ("access",),
    "template_coverage": ("access",),
    "weight_files_present": WEIGHT_FILES,
    "weights_not_conversion": (
        "card:base_model", "card:base_model_relation", "base_models", *WEIGHT_FILES,
        "repo_id_markers",
    ),
    "weights_not_gated": ("source", "access", "gated"),
    "weights_safe_format": WEIGHT_FILES,
    # MOF components: a component found is judged by the distribution licence (or,
    # found in linked datasets, by theirs); the weights and the distribution licence
    # with the bases' terms
    "mof_license_open": LICENCE,
    "mof_component(final_parameters)": (*WEIGHT_FILES, *LICENCE),
    # weight files in folders named for a training step (checkpoint_names)
    "mof_component(intermediate_checkpoints)": (*WEIGHT_FILES, "branches", *LICENCE),
    # a library's training config; another library's model config beside the weights
    "mof_component(model_metadata)": (*WEIGHT_FILES, *OWN_LICENCE),
    "mof_component(architecture)": (*WEIGHT_FILES, *OWN_LICENCE),
    "mof_component(training_code)": ("files", *LIBRARY, *OWN_LICENCE),
    "mof_component(inference_code)": (*WEIGHT_FILES, *OWN_LICENCE),
    "mof_component(evaluation_code)": ("files", *OWN_LICENCE),
    "mof_component(preprocessing_code)": ("files", *OWN_LICENCE),
    "mof_component(supporting_libraries)": ("files", *OWN_LICENCE),
    # (a copy's: its source's datasets, copies.data_copy)
    "mof_component(datasets)": ("card:datasets", "datasets", *OWN_LICENCE, *COPY),
    "mof_component(evaluation_data)": (
        "files", "card:model-index", "card:datasets", "datasets", *OWN_LICENCE,
    ),
    "mof_component(model_card)": (*OWN_LICENCE, "files"),
    # a datasheet or AI Act summary in the files (frameworks.datasheets)
    # (and a copy's source's: copies.copy_source)
    "mof_component(data_card)": (
        "card:datasets", "datasets", "files", *OWN_LICENCE, *DATASETS, *COPY, "base_cards",
    ),
    "mof_component(technical_report)": ("files", "card:tags", "paper_tags", *OWN_LICENCE),
    "mof_component(research_paper)": ("files", "card:tags", "paper_tags", *OWN_LICENCE),
    "mof_component(evaluation_results)": ("files", "card:model-index", *OWN_LICENCE),
    "mof_component(sample_outputs)": OWN_LICENCE,
    # EOSAI dimensions
    "eosai_dimension(datasources_basemodel)": (
        *DATASETS, "source", "card:base_model", *BASES, "base_datasets", "base_cards", *COPY,
        *RL_AGENT,
    ),
    # a quantisation's or conversion's data are those of the model it copies (its card's
    # text, when its metadata declares none)
    "eosai_dimension(datasources_endmodel)": (*DATASETS, *COPY, "base_cards", *RL_AGENT),
    "eosai_dimension(weights_basemodel)": (
        "source", "access", "gated", *WEIGHT_FILES, "card:base_model", *BASES, *DELTA,
    ),
    # a PEFT adapter's end model is had through its base (its gate)
    "eosai_dimension(weights_endmodel)": (
        "source", "access", "gated", *WEIGHT_FILES, *DELTA, "base_models", "implied_bases",
    ),
    # training code is open when under an OSI-approved licence (repo code: the model's)
    "eosai_dimension(trainingcode)": (
        "files", "access", *LIBRARY, *OWN_LICENCE,
    ),
    "eosai_dimension(code)": ("files", "access", *LIBRARY, *OWN_LICENCE),
    "eosai_dimension(hardware_architecture)": (*WEIGHT_FILES, "access"),
    "eosai_dimension(preprint)": ("card:tags", "paper_tags", "access", "files"),
    "eosai_dimension(paper)": ("card:tags", "paper_tags", "access", "files"),
    "eosai_dimension(modelcard)": ("access", "files"),
    "eosai_dimension(datasheet)": (*DATASETS, "files", *COPY, "base_cards", *RL_AGENT),
    "eosai_dimension(licenses)": (
        *LICENCE, "files", *LIBRARY, "card:datasets", "datasets",
        *COPY,
    ),
}  # fmt: skip
# What a scan's columns other than its probes' answers read: the licence columns
# (score.licence_columns), the model's licence with its bases' terms.
COLUMN_READS: dict[str, tuple[str, ...]] = {"licence_columns": LICENCE}
# What the facts of a model's context the memo shares read (ProbeContext attributes): the
# model's licence as identified (`identify`).
CONTEXT_READS: dict[str, tuple[str, ...]] = {"license": OWN_LICENCE}
# Evaluators whose reads depend on one param, declared per value of it.
BY_PARAM = {"mof_component": "component", "eosai_dimension": "dimension"}


def declared_reads(name: str, params: dict[str, Any]) -> tuple[str, ...] | None:
    """What a probe of evaluator `name` with `params` reads (None: not declared)."""
    param = BY_PARAM.get(name)
    return READS.get(f"{name}({params.get(param)})" if param else name)


def _input(name: str) -> Callable[[Evidence], Hashable]:
    """The projection an input name stands for (KeyError: not an input)."""
    if name.startswith("card:"):
        return _card_key(name.removeprefix("card:"))
    return INPUTS[name]


class _Recent:
    """A bounded memo keeping what was used lately: two generations of at most `cap`
    entries; when the newer is full it becomes the older and the older is dropped. An
    entry found in the older moves to the newer, so what keeps being asked for stays."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._new: dict[Hashable, Any] = {}
        self._old: dict[Hashable, Any] = {}

    def get(self, key: Hashable) -> Any:
        """The value of `key`, or None."""
        value = self._new.get(key)
        if value is None:
            value = self._old.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        """Keep `value` for `key`."""
        if len(self._new) >= self.cap:
            self._old, self._new = self._new, {}
        self._new[key] = value

    def __len__(self) -> int:
        return len(self._new) + len(self._old)


class _RecentHashes:
    """The hashes seen lately: two generations of at most `cap` each (as `_Recent`)."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._new: set[int] = set()
        self._old: set[int] = set()

    def add(self, value: int) -> bool:
        """Keep `value`; whether it was seen lately already."""
        if value in self._new or value in self._old:
            return True
        if len(self._new) >= self.cap:
            self._old, self._new = self._new, set()
        self._new.add(value)
        return False

    def __len__(self) -> int:
        return len(self._new) + len(self._old)


class InputNumbers:
    """Numbers for the input values of a scan's models: equal values get the same number.

    The memos of a scan's rubrics share one, and a model's values are numbered once
    whatever rubric asks (kept in its context), so a file listing or a licence
    declaration is projected and hashed once per model, not once per rubric.

    A value is kept from its second sighting on. On its first, only its hash is kept
    and the value gets a negative number, never given again: a key holding one is the
    model's own, and a memo stores nothing under it (`kept`).
    """

    def __init__(self, cap: int | None = None) -> None:
        cap = MAX_VALUES if cap is None else cap
        self._values = _Recent(cap)  # by (input name, value)
        self._seen = _RecentHashes(cap)  # the hashes of (input name, value) seen once
        # numbers are never reused: an answer whose key names a value no longer
        # numbered can never be found again, only dropped in its turn
        self._serial = itertools.count(1)

    def numbers(
        self, ctx: ProbeContext, inputs: tuple[tuple[str, Callable[[Evidence], Hashable]], ...]
    ) -> dict[str, int]:
        """The numbers of the model's values of `inputs`, by input name (and of any
        other input a memo numbered for this model already)."""
        numbers: dict[str, int] = ctx.cached(self, dict)
        for name, get in inputs:
            if name not in numbers:
                numbers[name] = self._number(name, get(ctx.evidence))
        return numbers

    def _number(self, name: str, value: Hashable) -> int:
        entry = (name, value)
        number: int | None = self._values.get(entry)
        if number is None:
            number = next(self._serial)
            # a hash seen before: the value (or, rarely, one of equal hash) came before
            if not self._seen.add(hash(entry)):
                return -number  # first sighting: the model's own
            self._values.put(entry, number)
        return number

    def __len__(self) -> int:
        return len(self._values)

    def seen_held(self) -> int:
        """The number of hashes of values seen once kept."""
        return len(self._seen)


def kept(key: tuple[int, ...]) -> bool:
    """Whether a memo may store an entry under `key` (input numbers): none is the number
    of a value seen once (negative), which no later model can have."""
    return min(key, default=1) > 0


class ProbeMemo:
    """A scan-wide memo of one rubric's probe answers (see the module docstring).

    `numbers` may be shared with the memos of the scan's other rubrics (one per memo
    otherwise). Thread-safe: concurrent scorers at worst miss an answer another thread
    stored.
    """

    def __init__(self, rubric: BoundRubric, numbers: InputNumbers | None = None) -> None:
        self.rubric = rubric
        declared = [declared_reads(bound.name, bound.params) for bound in rubric.probes]
        reads = [("shape", *read) if read is not None else None for read in declared]
        names = list(dict.fromkeys(name for read in reads if read for name in read))
        self._inputs = tuple((name, _input(name)) for name in names)
        # probes reading the same inputs share one key per model: per probe, the
        # position of its inputs' key (None: never memoised), and how each key is taken
        # from the numbers of the model's input values (by input name)
        distinct = list(dict.fromkeys(read for read in reads if read))
        self._key_of = tuple(None if read is None else distinct.index(read) for read in reads)
        self._keys = tuple(operator.itemgetter(*read) for read in distinct)
        self._answers = _Recent(MAX_ANSWERS)  # by (probe position, its inputs' numbers)
        # the hashes of the keys of answers and results worked out once: stored the second time
        self._seen = _RecentHashes(MAX_ANSWERS)
        # (`numbers or ...` would not do: an InputNumbers holding no values yet is falsy)
        self._numbers = numbers if numbers is not None else InputNumbers()
        # the answers stored, by value: equal answers found from other inputs are one object
        self._outcomes = _Recent(MAX_ANSWERS)
        # results derived from a model's answers (levels, framework result), by the
        # answers' identities (see `derived`)
        self._derived = _Recent(MAX_RESULTS)
        self._every_probe_memoised = all(key_of is not None for key_of in self._key_of)
        self._columns = {
            kind: (tuple((name, _input(name)) for name in ("shape", *read)), ("shape", *read))
            for kind, read in (*COLUMN_READS.items(), *CONTEXT_READS.items())
        }

    def results(self, ctx: ProbeContext) -> list[tuple[ProbeSpec, Outcome]]:
        """Every probe's answer over `ctx`, memoised where the model has no card text.

        A memoised answer has no citations (the scan keeps none)."""
        if ctx.evidence.readme is not None:
            return [(bound.spec, answer(bound, ctx)) for bound in self.rubric.probes]
        numbers = self._numbers.numbers(ctx, self._inputs)
        shared = self._shared_facts(ctx)
        keys = [take(numbers) for take in self._keys]
        answers = self._answers
        found = []
        own = False  # an answer made for this model alone, not stored
        probes = zip(self.rubric.probes, self._key_of, strict=True)
        for position, (bound, key_of) in enumerate(probes):
            if key_of is None:
                found.append((bound.spec, answer(bound, ctx)))
                continue
            key = (position, keys[key_of])
            outcome = answers.get(key)
            if outcome is None:
                outcome = answer(bound, ctx)
                if self._admitted(key, keys[key_of]):
                    outcome = self._one_of_kind(outcome)
                    answers.put(key, outcome)
                else:
                    own = True
            found.append((bound.spec, outcome))
        self._keep_facts(ctx, shared)
        if own:
            ctx.cached((self, "own answers"), lambda: True)
        return found

    def _shared_facts(self, ctx: ProbeContext) -> list[tuple[str, Hashable]]:
        """Give the context of a model without card text the facts (`CONTEXT_READS`) an
        earlier model with the same inputs had; the keys of those it has not got yet."""
        facts = vars(ctx)  # where ProbeContext keeps them (lazy.cached_attribute)
        missing: list[tuple[str, Hashable]] = []
        for name in CONTEXT_READS:
            if name in facts:
                continue
            inputs, names = self._columns[name]
            numbers = self._numbers.numbers(ctx, inputs)
            values = tuple([numbers[input_name] for input_name in names])
            key = (name, *values)
            found = self._answers.get(key)
            if found is not None:
                facts[name] = found
            elif self._admitted(key, values):
                missing.append((name, key))
        return missing

    def _admitted(self, key: Hashable, values: tuple[int, ...]) -> bool:
        """Whether to store an entry under `key`, which the memo does not hold: its
        input values (`values`) are all kept and the key was seen before (an entry is
        stored from its key's second sighting on, so that the many keys only one model
        of a scan has take no room)."""
        return kept(values) and self._seen.add(hash(key))

    def _keep_facts(self, ctx: ProbeContext, missing: list[tuple[str, Hashable]]) -> None:
        """Keep for later models the shared facts the probes worked out for this one."""
        facts = vars(ctx)
        for name, key in missing:
            if name in facts:
                self._answers.put(key, facts[name])

    def _one_of_kind(self, outcome: Outcome) -> Outcome:
        """The outcome without citations, as the one object kept for answers equal to it."""
        bare = _without_citations(outcome)
        kept: Outcome | None = self._outcomes.get(bare)
        if kept is None:
            self._outcomes.put(bare, bare)
            return bare
        return kept

    def derived(
        self,
        ctx: ProbeContext,
        kind: str,
        results: list[tuple[ProbeSpec, Outcome]],
        compute: Callable[[list[tuple[ProbeSpec, Outcome]]], T],
    ) -> T:
        """`compute(results)`, where `results` is what `results(ctx)` gave and `compute`
        a pure function of it (`kind` names which: a rubric's levels, its framework
        result), shared with the earlier models of the scan that got the very same answers.

        The key is the identity of each answer, so two models share a result only when
        every probe gave them the same answer object (for a model without card text every
        answer comes from this memo, one object per distinct answer). An entry keeps its
        answers alive: while it is held, no other object can have their identities.
        """
        if (
            ctx.evidence.readme is not None
            or not self._every_probe_memoised
            or ctx.cached((self, "own answers"), bool)
        ):
            return compute(results)  # answers made for this model alone: never shared
        outcomes = tuple(outcome for _, outcome in results)
        key = (kind, *map(id, outcomes))
        found: tuple[tuple[Outcome, ...], T] | None = self._derived.get(key)
        if found is None:
            found = (outcomes, compute(results))
            if self._seen.add(hash(key)):
                self._derived.put(key, found)
        return found[1]

    def by_inputs(self, ctx: ProbeContext, kind: str, compute: Callable[[], T]) -> T:
        """`compute()`, a scan column of kind `kind` over `ctx` that reads only the inputs
        `COLUMN_READS` declares for it (never None), shared with the earlier models of the
        scan that had the same values of those inputs and no card text either."""
        if ctx.evidence.readme is not None:
            return compute()
        inputs, names = self._columns[kind]
        numbers = self._numbers.numbers(ctx, inputs)
        values = tuple([numbers[name] for name in names])
        key = (kind, *values)
        found: T | None = self._answers.get(key)
        if found is None:
            found = compute()
            if self._admitted(key, values):
                self._answers.put(key, found)
        return found

    def __len__(self) -> int:
        """The number of answers held."""
        return len(self._answers)

    def results_held(self) -> int:
        """The number of derived results held (levels, framework results)."""
        return len(self._derived)

    def values_held(self) -> int:
        """The number of input values numbered (by this memo and those sharing its numbers)."""
        return len(self._numbers)

    def seen_held(self) -> int:
        """The number of hashes of input values (by this memo and those sharing its
        numbers), and of keys of answers and results, seen once."""
        return self._numbers.seen_held() + len(self._seen)


def _without_citations(outcome: Outcome) -> Outcome:
    """The outcome without its citations (`dataclasses.replace` runs the dataclass's
    __init__ again: several times slower, for every answer a memo stores)."""
    if not outcome.citations:
        return outcome
    bare = object.__new__(type(outcome))
    vars(bare).update(vars(outcome), citations=())
    return bare

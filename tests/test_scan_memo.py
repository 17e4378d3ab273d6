"""The scan's probe memo (scan/probe_memo.py) gives every model the answers it would get
without it: each evaluator reads only the inputs it declares, a model sharing those
inputs gets the same answer, and levels with the memo are the levels without it."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from typing import Any

import pyarrow as pa
import pytest
from fakehub import load_repos
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from memo_recording import recording
from scan_dump import dump_row, fixture_row

from openaudit.evidence import Citation, Evidence, LinkedRepo, Problem, RepoFile, TextFile
from openaudit.rubric import ProbeContext, load_rubric
from openaudit.rubric.context.license_report import LicenseReport
from openaudit.rubric.evaluators.copies import merge_tags
from openaudit.rubric.evaluators.declared_library import library_tags
from openaudit.rubric.evaluators.rl_environments import RL_LIBRARIES, rl_tags
from openaudit.scan import probe_memo
from openaudit.scan.probe_memo import (
    PAPER_TAGS,
    ProbeMemo,
    declared_reads,
    repo_id_markers,
    weight_library_tags,
)
from openaudit.scan.rows import row_evidence
from openaudit.scan.score import Rubrics, licence_columns, score_batch, shipped_rubrics
from openaudit.verdict import Outcome

# one worker runs the whole module: its proofs share the fixture models and their answers
# (fetched once for the modules of the group: conftest's hub_models)
pytestmark = pytest.mark.xdist_group("hub_models")

OTHER_ID = "someone-else/another-model"


def _row_evidence(row: dict[str, Any]) -> Evidence:
    return row_evidence(row, frozenset(row)).evidence


def _dump_rows() -> list[dict[str, Any]]:
    """Dump rows made to reach the lineage, dataset, gating and licence-file paths."""
    card = {"license": "other", "license_name": "acme-research", "license_link": "LICENSE"}
    return [
        dump_row(),
        dump_row(cardData=None, tags=[], siblings=[]),
        dump_row(cardData=json.dumps(card), siblings=[{"rfilename": "LICENSE"}]),
        dump_row(cardData=json.dumps({"license": "mit", "base_model": "acme/base"})),
        dump_row(cardData=json.dumps({"base_model": ["acme/model", "acme/base"]})),
        dump_row(cardData=json.dumps({"license": "llama3.1", "datasets": ["acme/data"]})),
        dump_row(cardData=json.dumps({"license": ["mit", "apache-2.0"], "tags": ["arxiv:1"]})),
        dump_row(cardData=json.dumps({"model-index": [{"name": "m", "results": []}]})),
        dump_row(gated="manual", cardData=json.dumps({"extra_gated_prompt": "Agree"})),
        dump_row(gated=None, library_name="gguf", siblings=[{"rfilename": "m.gguf"}]),
        dump_row(cardData="not json", tags=["license:cc-by-nc-4.0", "arxiv:2403.01234"]),
        dump_row(siblings=[{"rfilename": "train.py"}, {"rfilename": "eval.py"}]),
        dump_row(cardData=json.dumps(card), siblings=[{"rfilename": "train.py"}]),
        # RL agents: the environment named by a tag, else by the `model-index` results
        dump_row(
            pipeline_tag="reinforcement-learning", library_name="stable-baselines3",
            tags=["stable-baselines3", "LunarLander-v2", "reinforcement-learning"],
            siblings=[{"rfilename": "ppo-LunarLander-v2.zip"}],
        ),
        dump_row(
            pipeline_tag=None, library_name=None, tags=["sample-factory"],
            cardData=json.dumps({"model-index": [{"name": "m", "results": [
                {"dataset": {"name": "doom_health_gathering_supreme", "type": "doom"}},
            ]}]}),
        ),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def fetched(hub_models: tuple[Evidence, ...]) -> list[Evidence]:
    """The fixture models the fake Hub serves, as fetched (card text and all)."""
    return list(hub_models)


@pytest.fixture(scope="module")
def models(fetched: list[Evidence]) -> list[Evidence]:
    """Fixture models without card text, as the memo serves them: from the fake Hub
    (with their linked repos looked up) and as dump rows."""
    found = [_row_evidence(row) for row in _dump_rows()]
    for (kind, _), repo in load_repos().items():
        if kind == "model":
            found.append(_row_evidence(fixture_row(repo, None)))
    for evidence in fetched:
        found += [replace(evidence, readme=None), replace(evidence, readme=None, files=())]
    return found


def _memoised() -> list[Any]:
    """Every memoised probe of the default, MOF and EOSAI rubrics."""
    every = [bound for rubric in shipped_rubrics().bound for bound in rubric.probes]
    return [bound for bound in every if _reads(bound) is not None]


def _reads(bound: Any) -> tuple[str, ...] | None:
    return declared_reads(bound.name, bound.params)


def _kept(outcome: Outcome) -> tuple[Any, ...]:
    """What a scan keeps of an answer."""
    grade = getattr(outcome, "grade", None)  # MOF and EOSAI answers carry a grade
    return (type(outcome), outcome.answer, outcome.reason, outcome.inferred, grade)


def _allowed(declared: tuple[str, ...], evidence: Evidence) -> set[str]:
    allowed = {"readme", *declared}  # the memo serves models without card text only
    related = evidence.base_models or evidence.implied_bases or evidence.config_files
    if "repo_id_if_bases" in declared and related:
        allowed.add("repo_id")
    if "tags" in declared:
        allowed |= {"license_tags", "paper_tags", "weight_library_tags", "library_tags"}
        allowed |= {"merge_tags", "rl_tags"}
    if "repo_id_markers" in declared:
        allowed.add("repo_id")
    return allowed


@pytest.fixture(scope="module")
def answers(models: list[Evidence]) -> list[list[tuple[Any, ...]]]:
    """What a scan keeps of each memoised probe's answer over each model, without the
    memo and with one context per model (as a scan has)."""
    found = []
    for evidence in models:
        ctx = ProbeContext(evidence)
        found.append([_kept(bound.fn(ctx, **bound.params)) for bound in _memoised()])
    return found


def test_every_memoised_evaluator_reads_only_the_inputs_it_declares(
    models: list[Evidence], answers: list[list[tuple[Any, ...]]]
) -> None:
    assert len(models) > 100
    read: dict[str, set[str]] = {}
    beyond: set[str] = set()
    for evidence, kept in zip(models, answers, strict=True):
        # one context per declaration: what a probe finds cached there, another probe
        # declaring the same inputs read (and was checked for), never one declaring others
        contexts: dict[tuple[str, ...], tuple[ProbeContext, set[str]]] = {}
        for bound, plain in zip(_memoised(), kept, strict=True):
            declared = _reads(bound) or ()
            if declared not in contexts:
                log: set[str] = set()
                contexts[declared] = ProbeContext(recording(evidence, log)), log
            ctx, log = contexts[declared]
            seen = bound.fn(ctx, **bound.params)
            # the recording stand-in changes nothing of the answer
            assert _kept(seen) == plain
            extra = log - _allowed(declared, evidence)
            beyond |= {f"{bound.spec.id} read {name} of {evidence.ref}" for name in extra}
            read.setdefault(bound.name, set()).update(log)
    if beyond:
        pytest.fail("undeclared reads:\n" + "\n".join(sorted(beyond)))
    # every declaration is exercised: each memoised evaluator read something
    assert all(read.get(bound.name) for bound in _memoised())


def _undeclared_reads(evidence: Evidence) -> set[str]:
    """What the memoised probes read of `evidence` beyond their declarations."""
    beyond = set()
    for bound in _memoised():
        log: set[str] = set()
        bound.fn(ProbeContext(recording(evidence, log)), **bound.params)
        extra = log - _allowed(_reads(bound) or (), evidence)
        beyond |= {f"{bound.spec.id} read {name}" for name in extra}
    return beyond


def _twin(evidence: Evidence, declared: tuple[str, ...]) -> Evidence:
    """Another model sharing only the declared inputs with `evidence`: every other part
    (its id, URL and sha included) differs."""
    related = evidence.base_models or evidence.implied_bases or evidence.config_files
    keeps_id = "repo_id_if_bases" in declared and related
    repo_id = evidence.repo_id if keeps_id else OTHER_ID
    if not keeps_id and "repo_id_markers" in declared:  # another id with the same markers
        markers = repo_id_markers(evidence.repo_id or evidence.ref)
        repo_id = "-".join((OTHER_ID, *markers))

    def linked(repos: tuple[LinkedRepo, ...]) -> tuple[LinkedRepo, ...]:
        return tuple(replace(r, named_by=f"{repo_id}-named", sha="e" * 40) for r in repos)

    changes: dict[str, Any] = {
        "ref": repo_id,
        "repo_id": repo_id,
        "url": f"https://hub.example/{repo_id}",
        "sha": "f" * 40,
        "revision": "twin",
        "datasets": linked(evidence.datasets),
        "base_models": linked(evidence.base_models),
        "implied_bases": linked(evidence.implied_bases),
    }
    if evidence.api_card_data is not None and "card_data" not in declared:
        kept = {k: v for k, v in evidence.api_card_data.items() if f"card:{k}" in declared}
        if "card:tags" not in declared:  # those tags alone
            alone = merge_tags(evidence) if "merge_tags" in declared else ()
            alone += rl_tags(evidence) if "rl_tags" in declared else ()
            if alone:
                kept["tags"] = list(alone)
        changes["api_card_data"] = {**kept, "twin_only": ["x"]}
    if "tags" not in declared:
        kept = [
            ("license_tags", ("license:",), "license:twin"),
            ("paper_tags", PAPER_TAGS, "arxiv:9"),
        ]
        tags = ["twin-tag", "base_model:twin/base", "dataset:twin/data"]
        for name, prefixes, junk in kept:
            if name in declared:
                tags += [t for t in evidence.tags if t.lower().startswith(prefixes)]
            else:
                tags.append(junk)
        # a twin's model library differs unless declared (declared_library reads it), and so
        # does its weight library (a library of its own weight files): the model library
        # first, as the model's own tags have it
        models = library_tags(evidence.tags)
        tags += models if "library_tags" in declared else ["diffusers"]
        libraries = weight_library_tags(evidence.tags)
        junk = ["fasttext"] if "library_tags" in declared else ["stable-baselines3", "spacy"]
        if "rl_tags" in declared:  # (stable-baselines3 is an RL library: kept as declared)
            junk = [tag for tag in junk if tag not in RL_LIBRARIES]
        tags += libraries if "weight_library_tags" in declared else junk
        # and so does whether it is tagged a merge, unless declared (copies.merged)
        tags += merge_tags(evidence) if "merge_tags" in declared else ["mergekit"]
        # and whether it is tagged an RL agent and its environment (rl_environments)
        tags += rl_tags(evidence) if "rl_tags" in declared else ["cleanrl", "Twin-v0"]
        changes["tags"] = tuple(tags)
    if "files" not in declared:
        changes["files"] = (RepoFile("twin.bin"), RepoFile("twin.py"))
        changes["files_truncated"] = not evidence.files_truncated
    if "license_files" not in declared:
        changes["license_files"] = (TextFile("LICENSE.twin", "Twin licence terms"),)
    if "datasets" not in declared:
        changes["datasets"] = (LinkedRepo("twin/data", "dataset", "not_found", named_by=repo_id),)
    if "base_models" not in declared:
        changes["base_models"] = ()
    if "implied_bases" not in declared:
        changes["implied_bases"] = (
            LinkedRepo("twin/base", "model", "not_found", named_by=repo_id),
        )
    if "config_files" not in declared:
        config = '{"base_model_name_or_path": "twin/adapter-base"}'
        changes["config_files"] = (TextFile("adapter_config.json", config),)
    for name, other in [
        ("access", "gated" if evidence.access == "full" else "full"),
        ("gated", "manual" if not evidence.gated else False),
        ("private", not evidence.private),
        ("library_name", "twin-library"),
        ("pipeline_tag", "twin-task"),
        ("problems", (Problem("twin", "a twin's problem"),)),
        ("branches", ("twin-branch",)),
    ]:
        if name not in declared:
            changes[name] = other
    return replace(evidence, **changes)


def test_a_model_sharing_the_declared_inputs_gets_the_same_answer(
    models: list[Evidence], answers: list[list[tuple[Any, ...]]]
) -> None:
    differ = set()
    for evidence, kept in zip(models, answers, strict=True):
        # probes declaring the same inputs have the same twin: one context per twin
        twins: dict[tuple[str, ...], ProbeContext] = {}
        for bound, mine in zip(_memoised(), kept, strict=True):
            declared = _reads(bound) or ()
            if declared not in twins:
                twins[declared] = ProbeContext(_twin(evidence, declared))
            theirs = _kept(bound.fn(twins[declared], **bound.params))
            if mine != theirs:
                differ.add(f"{bound.spec.id} over {evidence.ref}: {mine} != {theirs}")
    if differ:
        pytest.fail("answers differ:\n" + "\n".join(sorted(differ)))


def test_the_licence_columns_read_only_what_they_declare(models: list[Evidence]) -> None:
    """The scan's licence columns, shared between models with the same licence inputs
    (ProbeMemo.by_inputs), read only those inputs and are the same for a twin sharing them."""
    declared = probe_memo.COLUMN_READS["licence_columns"]
    beyond, differ = set(), set()
    for evidence in models:
        log: set[str] = set()
        mine = licence_columns(ProbeContext(recording(evidence, log)))
        assert mine == licence_columns(ProbeContext(evidence))
        beyond |= {f"read {name} of {evidence.ref}" for name in log - _allowed(declared, evidence)}
        theirs = licence_columns(ProbeContext(_twin(evidence, declared)))
        if mine != theirs:
            differ.add(f"{evidence.ref}: {mine} != {theirs}")
    assert not beyond, sorted(beyond)
    assert not differ, sorted(differ)


def _uncited(report: LicenseReport) -> LicenseReport:
    """The licence report without the citations of its claims (they name the model)."""
    claims = tuple(replace(claim, citation=Citation("")) for claim in report.claims)
    return replace(report, claims=claims)


def test_the_shared_licence_report_reads_only_what_it_declares(models: list[Evidence]) -> None:
    """The licence report a memo hands a later model with the same licence inputs (and no
    card text) reads only those inputs, and differs from the twin's own in citations only."""
    declared = probe_memo.CONTEXT_READS["license"]
    beyond, differ = set(), set()
    for evidence in models:
        log: set[str] = set()
        mine = ProbeContext(recording(evidence, log)).license
        assert mine == ProbeContext(evidence).license
        beyond |= {f"read {name} of {evidence.ref}" for name in log - _allowed(declared, evidence)}
        theirs = ProbeContext(_twin(evidence, declared)).license
        if _uncited(mine) != _uncited(theirs):
            differ.add(f"{evidence.ref}: {mine} != {theirs}")
    assert not beyond, sorted(beyond)
    assert not differ, sorted(differ)


def test_a_model_gets_the_licence_report_of_an_earlier_one_with_the_same_inputs() -> None:
    card = {"license": "apache-2.0"}
    first = _row_evidence(dump_row(id="acme/first", cardData=json.dumps(card)))
    second = _row_evidence(dump_row(id="lab/second", cardData=json.dumps(card)))
    other = _row_evidence(dump_row(id="lab/third", cardData=json.dumps({"license": "mit"})))
    memo = _memos()[0]
    contexts = [ProbeContext(evidence) for evidence in (first, second, other)]
    for ctx in contexts:
        memo.results(ctx)
    reports = [ctx.license for ctx in contexts]
    assert reports[1] is reports[0] and reports[2] is not reports[0]
    assert reports[2].license_id == "mit"


def _memos() -> list[ProbeMemo]:
    return [ProbeMemo(bound) for bound in shipped_rubrics().bound]


def _without_evidence(result: Any) -> Any:
    """A framework result without its evidence lists (a memoised answer has no citations)."""
    if isinstance(result, dict):
        return {k: _without_evidence(v) for k, v in result.items() if k != "evidence"}
    if isinstance(result, list | tuple):
        return [_without_evidence(item) for item in result]
    return result


def _results(evidence: Evidence, memos: list[ProbeMemo] | None = None) -> tuple[Any, ...]:
    """The default rubric's levels, and the MOF and EOSAI results but for their evidence
    lists (a memoised answer has no citations), with `memos` or without; over one
    context, as a scan has."""
    ctx = ProbeContext(evidence)
    default, *frameworks = shipped_rubrics().bound
    each = memos or [None] * len(shipped_rubrics().bound)
    found = [default.levels(ctx, each[0])]
    for bound, memo in zip(frameworks, each[1:], strict=True):
        found.append(_without_evidence(bound.framework(ctx, memo)))
    return tuple(found)


def _assert_same(memos: list[ProbeMemo], evidence: Evidence, without: Any = None) -> None:
    """The results with the memos are those without (`without`, if worked out already)."""
    assert _results(evidence, memos) == (without or _results(evidence)), evidence.ref


@pytest.fixture(scope="module")
def unmemoised(models: list[Evidence]) -> list[tuple[Any, ...]]:
    """Each model's results without the memo."""
    return [_results(evidence) for evidence in models]


def test_levels_with_the_memo_are_the_levels_without_it(
    fetched: list[Evidence], models: list[Evidence], unmemoised: list[tuple[Any, ...]]
) -> None:
    memos = _memos()
    # models with card text bypass the memo: a few show it
    others = fetched[:8] + [_twin(e, ("card_data",)) for e in models]
    every = [*zip(models, unmemoised, strict=True), *((e, _results(e)) for e in others)]
    for order in range(2):  # the memo filled in another order
        random.Random(order).shuffle(every)
        for evidence, without in every:
            _assert_same(memos, evidence, without)
    assert all(len(memo) > 0 for memo in memos)


_LICENCES = st.sampled_from(["apache-2.0", "mit", "other", "llama3.1", "cc-by-nc-4.0", "unknown"])
_IDS = st.sampled_from(["acme/model", "acme/base", "org/other", "lab/data"])


@st.composite
def _rows(draw: st.DrawFn) -> dict[str, Any]:
    card: dict[str, Any] = {}
    if draw(st.booleans()):
        card["license"] = draw(st.one_of(_LICENCES, st.lists(_LICENCES, max_size=2)))
    if draw(st.booleans()):
        card["license_name"], card["license_link"] = "acme-licence", "LICENSE"
    if draw(st.booleans()):
        card["datasets"] = draw(st.lists(_IDS, max_size=2))
    if draw(st.booleans()):
        card["base_model"] = draw(st.one_of(_IDS, st.lists(_IDS, max_size=2)))
        if draw(st.booleans()):
            card["base_model_relation"] = draw(st.sampled_from(["quantized", "adapter", "merge"]))
    files = draw(st.lists(st.sampled_from(["model.safetensors", "LICENSE", "m.gguf", "train.py"])))
    tags = draw(st.lists(st.sampled_from(["license:mit", "arxiv:2403.01234", "transformers"])))
    return dump_row(
        id=draw(_IDS),
        cardData=json.dumps(card) if card or draw(st.booleans()) else None,
        siblings=[{"rfilename": name} for name in files],
        tags=tags,
        gated=draw(st.sampled_from(["False", "manual", None])),
        library_name=draw(st.sampled_from(["transformers", "gguf", None])),
    )


_SHARED = _memos()  # filled across the examples


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rows())
def test_levels_with_the_memo_are_the_levels_without_it_over_generated_rows(
    row: dict[str, Any],
) -> None:
    evidence = _row_evidence(row)
    assert not _undeclared_reads(evidence)
    _assert_same(_SHARED, evidence)


def test_a_scan_with_the_memo_writes_what_it_writes_without(models: list[Evidence]) -> None:
    rows = [*_dump_rows(), *(dump_row(id=f"org{i}/model-{i}") for i in range(5))]
    rows += [dict(row, id=f"other/{i}") for i, row in enumerate(_dump_rows())]
    batch = pa.Table.from_pylist(rows)
    rubrics = shipped_rubrics()
    without = replace(rubrics, memos=None)
    assert score_batch(batch, rubrics).to_pylist() == score_batch(batch, without).to_pylist()


def test_a_memoised_answer_never_names_another_model() -> None:
    card = {"license": "other", "base_model": "acme/base", "datasets": ["acme/data"]}
    first = dump_row(id="acme/first", cardData=json.dumps(card), sha="1" * 40)
    second = dict(first, id="lab/second", sha="2" * 40)
    third = dict(first, id="lab/third", sha="3" * 40)
    memo = ProbeMemo(shipped_rubrics().bound[0])
    bound = shipped_rubrics().bound[0]
    for row in (first, second):  # the inputs they share are kept from their second sighting
        bound.levels(ProbeContext(_row_evidence(row)), memo)
    outcomes = memo.results(ProbeContext(_row_evidence(third)))
    memoised = [o for (_, o), b in zip(outcomes, bound.probes, strict=True) if _reads(b)]
    # answers from the memo have no citations; those reading the model's own id are its own
    assert memoised and any(not outcome.citations for outcome in memoised)
    others = ("acme/first", "lab/second", "1" * 40, "2" * 40)
    assert not any(name in repr(outcomes) for name in others)
    scored = score_batch(pa.Table.from_pylist([first, second, third]))
    assert "acme/first" not in json.dumps(scored.to_pylist()[1:])
    assert "lab/second" not in json.dumps(scored.to_pylist()[2])


def test_the_memo_stays_within_its_bounds(
    models: list[Evidence], unmemoised: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(probe_memo, "MAX_ANSWERS", 20)
    monkeypatch.setattr(probe_memo, "MAX_VALUES", 15)
    monkeypatch.setattr(probe_memo, "MAX_RESULTS", 3)
    memos = _memos()
    for evidence, without in zip(models, unmemoised, strict=True):
        _assert_same(memos, evidence, without)
        assert all(len(memo) <= 40 and memo.values_held() <= 30 for memo in memos)
        assert all(memo.results_held() <= 6 for memo in memos)
        # the hashes of values and keys seen once: 2 x 15 and 2 x 20
        assert all(memo.seen_held() <= 70 for memo in memos)


def test_a_memo_stores_nothing_a_later_model_cannot_ask_for() -> None:
    """Answers keyed by a value seen once (a model's own id when it names a base, a base
    no other model builds on) are not stored; once a value is seen again they are, and
    every model gets the answers it gets without the memo."""
    memos = _memos()
    bases = [
        dump_row(id=f"org{i}/tuned-{i}", cardData=json.dumps({"base_model": f"base/{i}"}))
        for i in range(30)
    ]
    plain = [dump_row(id=f"org{i}/plain-{i}", cardData=json.dumps({"license": "mit"}))
             for i in range(30)]  # fmt: skip
    # what models share is kept: a value from its second sighting, an answer from its
    # key's second sighting (the third model), a result from its answers' second (the fourth)
    for row in bases[:3] + plain[:4]:
        _assert_same(memos, _row_evidence(row))
    held = [(len(memo), memo.values_held(), memo.results_held()) for memo in memos]
    assert all(held_by_memo[0] > 0 for held_by_memo in held)
    for row in bases[3:]:  # each names a base of its own: nothing more to keep
        _assert_same(memos, _row_evidence(row))
    assert [(len(memo), memo.values_held(), memo.results_held()) for memo in memos] == held
    for row in plain[4:]:  # the same inputs, under other ids: answered from the memo
        _assert_same(memos, _row_evidence(row))
    assert [(len(memo), memo.values_held(), memo.results_held()) for memo in memos] == held
    assert all(memo.seen_held() > 30 for memo in memos)  # the hashes of the values seen once


def test_models_with_the_same_answers_share_their_levels_and_framework_results() -> None:
    """A result derived from a model's answers (its levels, its framework result) is
    shared with a later model only when every probe gave it the very same answer; the
    results stay those worked out without the memo."""
    card = {"license": "mit", "datasets": ["acme/data"]}
    # a value is kept from its second sighting, an answer from its key's second (the
    # third model), a result from its answers' second (the fourth): the fifth shares it
    same = [_row_evidence(dump_row(id=f"lab/m{i}", cardData=json.dumps(card))) for i in range(5)]
    other = _row_evidence(dump_row(id="lab/other", cardData=json.dumps({"license": "gpl-3.0"})))
    memos = _memos()
    default, mof, eosai = shipped_rubrics().bound
    found = {}
    for evidence in (*same, other):
        ctx = ProbeContext(evidence)
        found[evidence.ref] = (
            default.levels(ctx, memos[0]),
            mof.framework(ctx, memos[1]),
            eosai.framework(ctx, memos[2]),
        )
        assert _results(evidence, memos) == _results(evidence), evidence.ref
    *_, mine, theirs, others = found.values()
    assert all(a is b for a, b in zip(mine, theirs, strict=True))  # shared
    assert not any(a is b for a, b in zip(mine, others, strict=True))
    assert all(memo.results_held() > 0 for memo in memos)


def test_a_memo_serves_only_the_rubric_it_was_made_for() -> None:
    rubrics = shipped_rubrics()
    with pytest.raises(ValueError, match="another rubric"):
        rubrics.bound[1].levels(ProbeContext(Evidence(ref="a/b", source="hub")), rubrics.memo(0))


def test_a_scan_numbers_a_model_s_input_values_once_for_its_three_rubrics() -> None:
    rubrics = Rubrics.of(*(load_rubric(name) for name in ("openaudit", "mof", "eosai")))
    memos = rubrics.memos
    assert memos is not None and all(memo.values_held() == 0 for memo in memos)
    for repo_id in ("acme/first", "lab/second"):  # a value is kept from its second sighting
        evidence = _row_evidence(dump_row(id=repo_id, cardData=json.dumps({"license": "mit"})))
        rubrics.bound[0].levels(ProbeContext(evidence), memos[0])
    # the MOF and EOSAI memos hold the values the default rubric's memo numbered
    assert memos[0].values_held() > 0
    assert all(memo.values_held() == memos[0].values_held() for memo in memos)

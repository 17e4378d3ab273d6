"""A base under a *custom* licence, and what flows down to a derivative.

A base whose card says `license: other` with a licence name, link or licence file that
no rule identifies is under a custom licence, read as the model's own would be: terms
that grant use and are not open (inferred). A derivative cannot shed them: under an
open tag its weights and usage limits are partial, and MOF and EOSAI read its licence
as not open; a derivative stating no licence of its own (a bare `other`, or none) has
none, whatever its base. A base whose terms were not seen (a bare `other`, not found)
keeps the derivative from being open, as before. A quantisation or format conversion
stating no licence is the exception: it is under the licence of the model it copies.
Evidence built here, cards invented.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo, RepoFile, TextFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import lineage
from openaudit.rubric.model import LEVEL_RANK

BASE_ID = "example/base-7b"
NAMED = {"license": "other", "license_name": "base-community-licence"}
BARE = {"license": "other"}


def base_repo(card: dict[str, Any], files: tuple[str, ...] = (), status: str = "ok") -> LinkedRepo:
    return LinkedRepo(
        BASE_ID,
        "model",
        status,  # type: ignore[arg-type]
        card_data=card,
        relation="finetune",
        files=tuple(RepoFile(path) for path in files),
    )


CUSTOM_NAMED = base_repo(NAMED, ("LICENSE", "model.safetensors"))
CUSTOM_FILE = base_repo(BARE, ("LICENSE", "model.safetensors"))
APACHE = base_repo({"license": "apache-2.0"})
NON_COMMERCIAL = base_repo({"license": "cc-by-nc-4.0"})
LLAMA = base_repo({"license": "llama3"})
BARE_BASE = base_repo(BARE, ("model.safetensors",))
MISSING = base_repo({}, status="not_found")


def derivative(own: str | None, base: LinkedRepo) -> Evidence:
    """A fine-tune of `base` whose card says `license: own` (None: no licence at all)."""
    licence = f"license: {own}\n" if own else ""
    readme = (
        f"---\n{licence}base_model: {BASE_ID}\n---\n# Tuned-7B\n\n"
        "A chat model fine-tuned from Base-7B on example conversations.\n"
    )
    return Evidence(
        ref="example/tuned-7b",
        source="hub",
        repo_id="example/tuned-7b",
        url="https://huggingface.co/example/tuned-7b",
        readme=readme,
        files=(RepoFile("README.md"), RepoFile("config.json"), RepoFile("model.safetensors")),
        base_models=(base,),
    )


# name, the base's card metadata and files, the licence it reads as (None: unseen),
# whether it is a custom licence, a phrase of the reason
LINEAGE: list[tuple[str, dict[str, Any], tuple[str, ...], str | None, bool, str]] = [
    ("licence name", NAMED, (), "base-community-licence (custom licence)", True,
     "license: other with license_name: base-community-licence, which matches no known"),
    ("relative licence link", {"license": "other", "license_link": "LICENSE.md"}, (),
     "custom licence", True, "license_link: LICENSE.md"),
    ("licence file in the listing", BARE, ("LICENSE", "config.json"), "custom licence", True,
     "license: other with licence file LICENSE"),
    ("link to a known licence",
     {"license": "other", "license_link": "https://www.apache.org/licenses/LICENSE-2.0"}, (),
     "apache-2.0", False, "license_link: https://www.apache.org/licenses/LICENSE-2.0"),
    # negative twins: no terms shown, or not under `license: other`
    ("bare other", BARE, ("config.json",), None, False, "license: other (no license_name)"),
    ("bare other beside a NOTICE", BARE, ("NOTICE",), None, False, "license: other"),
    ("licence file without a declared licence", {}, ("LICENSE",), None, False,
     "no licence declared"),
    ("unknown with a name", {"license": "unknown", "license_name": "base-terms"}, (), None,
     False, "license: unknown"),
    ("known open licence", {"license": "apache-2.0"}, ("LICENSE",), "apache-2.0", False,
     "card license: apache-2.0"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("card", "files", "license_id", "custom", "phrase"),
    [pytest.param(*c[1:], id=c[0]) for c in LINEAGE],
)
def test_a_bases_other_licence_with_stated_terms_is_a_custom_licence(
    card: dict[str, Any], files: tuple[str, ...], license_id: str | None, custom: bool, phrase: str
) -> None:
    """`license: other` with a name, link or licence file no rule identifies reads as a
    custom licence (restricted, not OSI-approved, inferred); a link to a known licence
    names it; a bare `other` or a base without `other` stays unseen."""
    base = lineage(derivative("apache-2.0", base_repo(card, files))).bases[0]
    assert base.license_id == license_id, base.reason
    assert base.custom is custom
    assert phrase in base.reason
    if custom:
        assert base.inferred and base.facts is not None
        assert (base.facts.family, base.facts.osi_approved) == ("restricted", False)
        assert base.facts.commercial_use == "unknown"
    elif license_id is None:
        assert base.facts is None


def _default(evidence: Evidence, strict: bool = False) -> dict[str, Any]:
    verdict = evaluate(load_rubric("openaudit"), evidence, strict=strict)
    levels: dict[str, Any] = {layer.id: layer.level for layer in verdict.layers}
    for layer in verdict.layers:
        for f in layer.findings:
            levels[f.probe] = (f.answer, f.basis, f.reason)
    return levels


# name, the derivative's own licence, its base, weights and usage levels, the answer of
# weights.open_license and usage.open_license (answer, basis), a phrase of their reason
OPEN_TAG: list[tuple[str, str, LinkedRepo, str, str, tuple[str, str], str]] = [
    ("apache-2.0 over a named custom base", "apache-2.0", CUSTOM_NAMED, "partial", "partial",
     ("no", "inferred"), f"base {BASE_ID}: license: other with license_name"),
    ("apache-2.0 over a custom licence file", "apache-2.0", CUSTOM_FILE, "partial", "partial",
     ("no", "inferred"), "licence file LICENSE, which matches no known licence"),
    ("mit over a named custom base", "mit", CUSTOM_NAMED, "partial", "partial",
     ("no", "inferred"), "a careful reader takes it as a custom licence"),
    # negative twins: an open base; a base whose terms were not seen stays unknown
    ("apache-2.0 over an apache-2.0 base", "apache-2.0", APACHE, "open", "open",
     ("yes", "stated"), "'apache-2.0' is permissive"),
    ("apache-2.0 over a bare-other base", "apache-2.0", BARE_BASE, "unknown", "unknown",
     ("unknown", "unknown"), "were not seen (license: other (no license_name))"),
    ("apache-2.0 over a missing base", "apache-2.0", MISSING, "unknown", "unknown",
     ("unknown", "unknown"), "were not seen"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("own", "base", "weights", "usage", "answer", "phrase"),
    [pytest.param(*c[1:], id=c[0]) for c in OPEN_TAG],
)
def test_a_custom_base_licence_flows_down_under_an_open_tag(
    own: str, base: LinkedRepo, weights: str, usage: str, answer: tuple[str, str], phrase: str
) -> None:
    """An open tag over a custom base: the weights' licence is not open (inferred, naming
    the base and its custom licence), weights and usage limits partial."""
    found = _default(derivative(own, base))
    assert (found["weights"], found["usage_limits"]) == (weights, usage)
    for probe in ("weights.open_license", "usage.open_license"):
        assert found[probe][:2] == answer, (probe, found[probe][2])
        assert phrase in found[probe][2], (probe, found[probe][2])


def named_derivative(base: LinkedRepo, *, adapter: bool = False) -> Evidence:
    """An apache-2.0 fine-tune whose card declares no `base_model` but names `base` (a
    Trainer card's title link; with `adapter`, an adapter_config.json states it), as
    the source looked it up (`implied_bases`)."""
    readme = (
        "---\nlicense: apache-2.0\ntags:\n- generated_from_trainer\n---\n# tuned-7b\n\n"
        f"Pond [https://huggingface.co/{BASE_ID}](https://huggingface.co/{BASE_ID}) brook.\n"
        "## Training procedure\nText.\n"
    )
    config = f'{{"base_model_name_or_path": "{BASE_ID}"}}'
    return Evidence(
        ref="example/tuned-7b",
        source="hub",
        repo_id="example/tuned-7b",
        url="https://huggingface.co/example/tuned-7b",
        readme=readme if not adapter else readme.replace("https://huggingface.co/", "x/"),
        files=(RepoFile("README.md"), RepoFile("config.json"), RepoFile("model.safetensors")),
        config_files=(TextFile("adapter_config.json", config),) if adapter else (),
        implied_bases=(base,),
    )


# name, evidence, weights and usage levels, the answer of weights.open_license and
# usage.open_license (answer, basis), a phrase of their reason
IMPLIED_TAG: list[tuple[str, Evidence, str, str, tuple[str, str], str]] = [
    ("a custom base the card names, not declared", named_derivative(CUSTOM_NAMED), "partial",
     "partial", ("no", "inferred"), f"base {BASE_ID}: named by the card, not declared"),
    ("a custom base an adapter config states (stated, not inferred by the card)",
     named_derivative(CUSTOM_NAMED, adapter=True), "partial", "partial", ("no", "inferred"),
     f"base {BASE_ID}: license: other with license_name"),
    ("a Llama base an adapter config states", named_derivative(LLAMA, adapter=True),
     "partial", "partial", ("no", "stated"), f"with the terms of its base {BASE_ID}"),
    # negative twins: an open base named; a named base the Hub does not have
    ("an apache-2.0 base the card names", named_derivative(APACHE), "open", "open",
     ("yes", "stated"), "'apache-2.0' is permissive"),
    ("a base the card names that the Hub lacks", named_derivative(MISSING), "open", "open",
     ("yes", "stated"), "'apache-2.0' is permissive"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "weights", "usage", "answer", "phrase"),
    [pytest.param(*c[1:], id=c[0]) for c in IMPLIED_TAG],
)
def test_a_base_named_but_not_declared_passes_its_terms_down(
    evidence: Evidence, weights: str, usage: str, answer: tuple[str, str], phrase: str
) -> None:
    """The terms of a base the card names (or an adapter config states) without
    declaring it flow down as a declared base's do, once the source found it: inferred
    when only the card's words or links name it."""
    found = _default(evidence)
    assert (found["weights"], found["usage_limits"]) == (weights, usage)
    for probe in ("weights.open_license", "usage.open_license"):
        assert found[probe][:2] == answer, (probe, found[probe][2])
        assert phrase in found[probe][2], (probe, found[probe][2])


# name, the derivative's own licence (None: none), its base, the usage level, the
# answers of usage.license_identified and usage.grants_use (answer, basis), a phrase
NO_TERMS: list[tuple[str, str | None, LinkedRepo, str, tuple[str, str], str]] = [
    ("bare other over a named custom base", "other", CUSTOM_NAMED, "closed",
     ("no", "inferred"), "all rights are reserved"),
    ("bare other over a custom licence file", "other", CUSTOM_FILE, "closed",
     ("no", "inferred"), "all rights are reserved"),
    ("no licence over a named custom base", None, CUSTOM_NAMED, "closed",
     ("no", "stated"), "no licence"),
    ("bare other over a non-commercial base", "other", NON_COMMERCIAL, "closed",
     ("no", "inferred"), "all rights are reserved"),
    ("bare other over an apache-2.0 base", "other", APACHE, "closed",
     ("no", "inferred"), "all rights are reserved"),
    ("bare other over a bare-other base", "other", BARE_BASE, "closed",
     ("no", "inferred"), "all rights are reserved"),
    ("bare other over a missing base", "other", MISSING, "closed",
     ("no", "inferred"), "all rights are reserved"),
    ("no licence over an apache-2.0 base", None, APACHE, "closed",
     ("no", "stated"), "no licence"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("own", "base", "usage", "answer", "phrase"),
    [pytest.param(*c[1:], id=c[0]) for c in NO_TERMS],
)
def test_a_derivative_stating_no_licence_has_none_whatever_its_base(
    own: str | None, base: LinkedRepo, usage: str, answer: tuple[str, str], phrase: str
) -> None:
    """A bare `other` (or no licence) is no licence, over any base: the base's terms cap
    what the derivative may be, they grant it nothing (DESIGN: no licence is closed). A
    restricted base never makes the release look more open than an open one would."""
    found = _default(derivative(own, base))
    assert found["usage_limits"] == usage
    for probe in ("usage.license_identified", "usage.grants_use"):
        assert found[probe][:2] == answer, (probe, found[probe][2])
    assert phrase in found["usage.license_identified"][2]


def _framework(rubric: str, evidence: Evidence) -> dict[str, Any]:
    result: dict[str, Any] = evaluate(load_rubric(rubric), evidence).extras[rubric]
    return result


# name, own licence, base, MOF final parameters (status, licence open, basis), the MOF
# usage layer, EOSAI licences (level, basis), a phrase of the EOSAI reason
FRAMEWORKS: list[tuple[str, str | None, LinkedRepo, tuple[str, bool | None, str], str,
                       tuple[str, str], str]] = [
    ("apache-2.0 over a named custom base", "apache-2.0", CUSTOM_NAMED,
     ("included", False, "inferred"), "partial", ("closed", "inferred"),
     "carries the terms of a custom licence"),
    # negative twins: known restricted terms read as before; unseen terms undecided; a
    # bare other over an open base is unlicensed
    ("apache-2.0 over a llama3 base", "apache-2.0", LLAMA,
     ("included", False, "inferred"), "partial", ("closed", "stated"), "(restricted)"),
    ("apache-2.0 over a bare-other base", "apache-2.0", BARE_BASE,
     ("included", None, "unknown"), "unknown", ("closed", "inferred"), "'apache-2.0' (open)"),
    ("bare other over an apache-2.0 base", "other", APACHE,
     ("included", False, "inferred"), "closed", ("closed", "inferred"),
     "all rights are reserved"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("own", "base", "params", "mof_usage", "licences", "phrase"),
    [pytest.param(*c[1:], id=c[0]) for c in FRAMEWORKS],
)
def test_mof_and_eosai_read_a_custom_base_licence_as_not_open(
    own: str | None,
    base: LinkedRepo,
    params: tuple[str, bool | None, str],
    mof_usage: str,
    licences: tuple[str, str],
    phrase: str,
) -> None:
    """MOF: the weights (component 10) are not openly licensed, the distribution licence
    not open (usage partial); EOSAI: licences closed, as for the model's own custom
    licence (rated as the restricted family). Inferred throughout."""
    evidence = derivative(own, base)
    mof = _framework("mof", evidence)
    weights = next(c for c in mof["components"] if c["id"] == "10")
    assert (weights["status"], weights["license_open"], weights["basis"]) == params, weights
    layers = {layer.id: layer.level for layer in evaluate(load_rubric("mof"), evidence).layers}
    assert layers["usage_limits"] == mof_usage
    eosai = _framework("eosai", evidence)
    dim = next(d for d in eosai["dimensions"] if d["id"] == "licenses")
    assert (dim["level"], dim["basis"]) == licences, dim["reason"]
    assert phrase in dim["reason"]


@pytest.mark.parametrize(
    ("own", "base"),
    [pytest.param(c[1], c[2], id=c[0]) for c in (*OPEN_TAG, *NO_TERMS)],
)
def test_strict_never_calls_a_layer_more_open(own: str | None, base: LinkedRepo) -> None:
    """--strict counts stated answers only: the inferred flow-down leaves it unknown or
    lower, never more open than the default."""
    default = evaluate(load_rubric("openaudit"), derivative(own, base))
    strict = evaluate(load_rubric("openaudit"), derivative(own, base), strict=True)
    for mine, theirs in zip(strict.layers, default.layers, strict=True):
        if mine.level != "unknown":
            assert theirs.level != "unknown", (mine.id, mine.level)
            assert LEVEL_RANK[mine.level] <= LEVEL_RANK[theirs.level], (mine.id, mine.level)


# name, own licence, base, usage level, usage.commercial_use and usage.base_compatible
# (answer, basis)
RESTRICTED_OWN: list[tuple[str, str, LinkedRepo, str, tuple[str, str], tuple[str, str]]] = [
    ("llama3 over a named custom base", "llama3", CUSTOM_NAMED, "partial",
     ("no", "stated"), ("yes", "inferred")),
    # negative twins: a base whose terms were not seen; a known base
    ("llama3 over a bare-other base", "llama3", BARE_BASE, "partial",
     ("no", "stated"), ("unknown", "unknown")),
    ("llama3 over a llama3 base", "llama3", LLAMA, "partial",
     ("no", "stated"), ("yes", "stated")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("own", "base", "usage", "commercial", "compatible"),
    [pytest.param(*c[1:], id=c[0]) for c in RESTRICTED_OWN],
)
def test_a_custom_base_under_a_restricted_licence_conflicts_with_nothing_known(
    own: str, base: LinkedRepo, usage: str, commercial: tuple[str, str], compatible: tuple[str, str]
) -> None:
    """A restricted licence over a custom base keeps its own known terms (the custom
    licence's unknown commercial terms take nothing away from a "no"), and is compatible
    with it only as far as is known (inferred)."""
    found = _default(derivative(own, base))
    assert found["usage_limits"] == usage
    assert found["usage.commercial_use"][:2] == commercial, found["usage.commercial_use"][2]
    assert found["usage.base_compatible"][:2] == compatible, found["usage.base_compatible"][2]


def test_unknown_commercial_terms_of_a_known_licence_still_show_looseness() -> None:
    """Only a custom licence's unknown commercial terms show no looseness: a catalogued
    licence whose commercial terms are unknown (openrail) still flags a derivative that
    allows commercial use, as before."""
    from openaudit.licenses.catalogue import get
    from openaudit.licenses.combine import combine_and, looser_terms
    from openaudit.rubric.context.license_lineage import custom_facts

    apache, openrail = get("apache-2.0"), get("openrail")
    assert apache is not None and openrail is not None
    assert any("commercial use yes" in r for r in looser_terms(apache, openrail))
    assert not any("commercial" in r for r in looser_terms(apache, custom_facts("lab-license")))
    # two custom bases at once (a merge) are still custom terms: no looseness from them
    llama = get("llama3")
    assert llama is not None
    both = combine_and([custom_facts("lab-a-license"), custom_facts("lab-b-license")], "both")
    assert looser_terms(llama, both) == looser_terms(llama, custom_facts("lab-license")) == ()
    assert looser_terms(llama, combine_and([both, openrail], "all"))  # a catalogued one does


# name, the base, OSAID's parameters-terms answer (answer, basis), a phrase of its reason,
# where "use for any purpose" stands (met, unmet, undecided), the weights and usage levels
OSAID_PARAMETERS: list[tuple[str, LinkedRepo, tuple[str, str], str, str, tuple[str, str]]] = [
    ("a named custom base", CUSTOM_NAMED, ("no", "inferred"), "custom licence", "undecided",
     ("partial", "unknown")),
    ("a llama3 base", LLAMA, ("no", "stated"), "acceptable-use policy", "unmet",
     ("partial", "closed")),
    ("a non-commercial base", NON_COMMERCIAL, ("no", "stated"), "non-commercial", "unmet",
     ("partial", "partial")),
    ("a bare-other base", BARE_BASE, ("unknown", "unknown"), "were not seen", "undecided",
     ("unknown", "unknown")),
    ("a base not found", MISSING, ("unknown", "unknown"), "were not seen", "undecided",
     ("unknown", "unknown")),
    # negative twin: an open base adds no terms
    ("an apache-2.0 base", APACHE, ("yes", "stated"), "with no use restrictions", "met",
     ("open", "open")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("base", "answer", "phrase", "any_purpose", "levels"),
    [pytest.param(*c[1:], id=c[0]) for c in OSAID_PARAMETERS],
)
def test_osaid_parameters_and_use_carry_their_bases_terms(
    base: LinkedRepo, answer: tuple[str, str], phrase: str, any_purpose: str,
    levels: tuple[str, str],
) -> None:  # fmt: skip
    """OSAID asks that the parameters be under terms without use restrictions and that
    anyone may use the model for any purpose: a derivative's parameters are made from its
    base's, whose terms flow down under an open tag, as they do for the usage layer (the
    base is cited); while those terms are unseen neither is met, whatever the model's own
    tag allows, and the weights and usage layers are unknown, as the default rubric's."""
    verdict = evaluate(load_rubric("osaid"), derivative("apache-2.0", base))
    found = next(f for layer in verdict.layers for f in layer.findings
                 if f.probe == "osaid.parameters_terms")  # fmt: skip
    assert (found.answer, found.basis) == answer, found.reason
    assert phrase in found.reason
    cited = [c for c in found.citations if c.where == f"base_model:{BASE_ID}"]
    assert len(cited) == (answer[0] != "yes"), found.citations
    result = verdict.extras["osaid"]
    stands = {c["id"]: k for k in ("unmet", "undecided") for c in result[k]}
    assert stands.get("use_any_purpose", "met") == any_purpose, result
    layers = {layer.id: layer.level for layer in verdict.layers}
    assert (layers["weights"], layers["usage_limits"]) == levels


def copy(
    own: str | None,
    base: LinkedRepo,
    *,
    files: tuple[str, ...] = ("m.Q4_K_M.gguf",),
    relation: str | None = None,
    chain: tuple[LinkedRepo, ...] = (),
) -> Evidence:
    """A quantisation or format conversion of `base` (its files only in `files`, or a
    stated relation), whose card says `license: own` (None: no licence at all)."""
    licence = f"license: {own}\n" if own else ""
    stated = f"base_model_relation: {relation}\n" if relation else ""
    readme = (
        f"---\n{licence}base_model: {BASE_ID}\n{stated}---\n# Base-7B GGUF\n\n"
        "Quantised files of Base-7B for llama.cpp.\n"
    )
    return Evidence(
        ref="example/base-7b-gguf",
        source="hub",
        repo_id="example/base-7b-gguf",
        url="https://huggingface.co/example/base-7b-gguf",
        readme=readme,
        files=(RepoFile("README.md"), *(RepoFile(path) for path in files)),
        base_models=(base, *chain),
    )


# An apache-2.0 fine-tune whose own base is under llama3: a copy of it carries both.
LAUNDERED = base_repo({"license": "apache-2.0", "base_model": "example/root-8b"})
LLAMA_ROOT = LinkedRepo("example/root-8b", "model", "ok", depth=2, card_data={"license": "llama3"})

# name, evidence, the usage level, the weights level, weights.open_license and
# usage.license_identified (answer, basis), a phrase of the licence's reason
COPY_TERMS: list[tuple[str, Evidence, str, str, tuple[str, str], tuple[str, str], str]] = [
    ("a gguf copy of an apache-2.0 model, no licence", copy(None, APACHE), "open", "partial",
     ("yes", "inferred"), ("yes", "inferred"), "its licence is that of the model it copies"),
    ("a stated quantized copy, bare other", copy("other", APACHE, files=("model.safetensors",),
                                                 relation="quantized"),
     "open", "partial", ("yes", "inferred"), ("yes", "inferred"), "a quantized version of"),
    ("an onnx export, no licence", copy(None, APACHE, files=("onnx/model.onnx",)), "open",
     "partial", ("yes", "inferred"), ("yes", "inferred"), "only onnx files beside"),
    ("a copy of a llama3 model", copy(None, LLAMA), "partial", "partial", ("no", "inferred"),
     ("yes", "inferred"), "example/base-7b (card license: llama3)"),
    ("a copy of a non-commercial model", copy(None, NON_COMMERCIAL), "partial", "partial",
     ("no", "inferred"), ("yes", "inferred"), "cc-by-nc-4.0"),
    ("a copy of a custom-licensed model", copy("other", CUSTOM_NAMED), "partial", "partial",
     ("no", "inferred"), ("yes", "inferred"), "base-community-licence"),
    ("a copy of an apache fine-tune of a llama3 model",
     copy(None, LAUNDERED, chain=(LLAMA_ROOT,)), "partial", "partial", ("no", "inferred"),
     ("yes", "inferred"), "its licence is that of the model it copies"),
    # undecided: the copied model's terms were not seen
    ("a copy of a bare-other model", copy(None, BARE_BASE), "unknown", "partial",
     ("unknown", "unknown"), ("unknown", "unknown"), "whose terms were not seen"),
    ("a copy of a missing model", copy("other", MISSING), "unknown", "partial",
     ("unknown", "unknown"), ("unknown", "unknown"), "whose terms were not seen"),
    # negative twins: a copy of a model read that declares no licence has none either; a
    # fine-tune or an adapter stating no licence has none; a copy stating its own keeps it
    ("twin: a copy of a model declaring no licence",
     copy(None, base_repo({}, ("model.safetensors",))), "closed", "partial",
     ("no", "stated"), ("no", "stated"), "no licence"),
    ("twin: a fine-tune, no licence", derivative(None, APACHE), "closed", "partial",
     ("no", "stated"), ("no", "stated"), "no licence"),
    ("twin: a gguf stated a fine-tune", copy(None, APACHE, relation="finetune"), "closed",
     "partial", ("no", "stated"), ("no", "stated"), "no licence"),
    ("twin: an adapter named gptq", copy(None, APACHE, files=(
        "adapter_config.json", "adapter_model.safetensors")), "closed", "partial",
     ("no", "stated"), ("no", "stated"), "no licence"),
    ("twin: a copy stating mit", copy("mit", APACHE), "open", "partial", ("yes", "stated"),
     ("yes", "stated"), "'mit'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "usage", "weights", "open_licence", "identified", "phrase"),
    [pytest.param(*c[1:], id=c[0]) for c in COPY_TERMS],
)
def test_a_copy_stating_no_licence_is_under_its_sources(
    evidence: Evidence,
    usage: str,
    weights: str,
    open_licence: tuple[str, str],
    identified: tuple[str, str],
    phrase: str,
) -> None:
    """A quantisation or format conversion stating no licence of its own (none, a bare
    `other`) adds nothing that could carry terms: it is under the licence of the model
    it copies, inferred and naming it; never more open than that model and its bases,
    undecided when their terms were not seen. A fine-tune or an adapter keeps none."""
    found = _default(evidence)
    assert (found["usage_limits"], found["weights"]) == (usage, weights)
    assert found["weights.open_license"][:2] == open_licence, found["weights.open_license"]
    assert found["usage.license_identified"][:2] == identified, found["usage.license_identified"]
    reasons = (found["usage.license_identified"][2], found["weights.open_license"][2])
    assert any(phrase in reason for reason in reasons), reasons


# name, evidence, MOF's usage layer, MOF 10's licence openness, EOSAI licences level
COPY_FRAMEWORKS: list[tuple[str, Evidence, str, bool | None, str]] = [
    ("a copy of an apache-2.0 model", copy(None, APACHE), "open", True, "closed"),
    ("a copy of a llama3 model", copy(None, LLAMA), "partial", False, "closed"),
    ("a copy of a custom-licensed model", copy(None, CUSTOM_NAMED), "partial", False,
     "closed"),
    ("a copy of a bare-other model", copy(None, BARE_BASE), "unknown", None, "unknown"),
    ("twin: a fine-tune, no licence", derivative(None, APACHE), "closed", False, "closed"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "mof_usage", "params_open", "licences"),
    [pytest.param(*c[1:], id=c[0]) for c in COPY_FRAMEWORKS],
)
def test_mof_and_eosai_read_a_copy_under_its_sources_licence(
    evidence: Evidence, mof_usage: str, params_open: bool | None, licences: str
) -> None:
    """MOF and EOSAI read a copy stating no licence as the default rubric does: under the
    licence of the model it copies (inferred), undecided when its terms were not seen."""
    layers = {layer.id: layer.level for layer in evaluate(load_rubric("mof"), evidence).layers}
    assert layers["usage_limits"] == mof_usage
    weights = next(c for c in _framework("mof", evidence)["components"] if c["id"] == "10")
    assert weights["license_open"] is params_open, weights
    dim = next(d for d in _framework("eosai", evidence)["dimensions"] if d["id"] == "licenses")
    level = dim["level"] if dim.get("low") in (None, dim["level"]) else "unknown"
    assert level == licences, dim


@pytest.mark.parametrize("evidence", [pytest.param(c[1], id=c[0]) for c in COPY_TERMS])
def test_strict_never_calls_a_copy_more_open(evidence: Evidence) -> None:
    """--strict counts stated answers only: a copy's licence read as its source's
    (inferred) leaves its layers unknown or lower, never more open than the default."""
    default = evaluate(load_rubric("openaudit"), evidence)
    strict = evaluate(load_rubric("openaudit"), evidence, strict=True)
    for mine, theirs in zip(strict.layers, default.layers, strict=True):
        if mine.level != "unknown":
            assert theirs.level != "unknown", (mine.id, mine.level)
            assert LEVEL_RANK[mine.level] <= LEVEL_RANK[theirs.level], (mine.id, mine.level)

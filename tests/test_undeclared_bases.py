"""Property tests of the reader of bases a card names without declaring `base_model`."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit.evidence import Evidence
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.undeclared_bases import implied_base, undeclared_bases

# Hub names neither start nor end with '.', '-' or '_' (the card parser drops a final '.').
REPO = st.from_regex(
    r"[a-z][a-z0-9]{0,8}/[A-Za-z0-9](?:[A-Za-z0-9._-]{0,10}[A-Za-z0-9])?", fullmatch=True
)
PROSE = st.text(st.sampled_from(list("abc fine-tuned version of based on #\n[]()")), max_size=80)
TITLES = st.sampled_from(["Training", "Fine-tuning", "Comparison", "Uses", "Evaluation"])


def context(readme: str) -> ProbeContext:
    evidence = Evidence(ref="me/model", repo_id="me/model", source="hub", readme=readme)
    return ProbeContext(evidence)


@st.composite
def cards(draw: st.DrawFn) -> tuple[str, set[str]]:
    """A card of random sections, prose and Hub model links; the repos it links."""
    parts, linked = ["---\nlicense: mit\n---\n# M\n"], set()
    for _ in range(draw(st.integers(0, 5))):
        parts.append(f"## {draw(TITLES)}\n{draw(PROSE)}")
        repo = draw(st.one_of(REPO, st.just("me/model")))
        linked.add(repo)
        parts.append(f"[{draw(PROSE)}](https://huggingface.co/{repo}) {draw(PROSE)}\n")
    return "".join(parts), linked


@settings(max_examples=60, deadline=None)
@given(cards())
def test_only_linked_models_and_never_itself(drawn: tuple[str, set[str]]) -> None:
    readme, linked = drawn
    found = undeclared_bases(context(readme))
    assert {repo for repo, _ in found} <= linked - {"me/model"}
    assert all(cite.where.startswith("README.md") for _, cite in found)


@settings(max_examples=30, deadline=None)
@given(cards())
def test_nothing_is_implied_when_base_model_is_declared(drawn: tuple[str, set[str]]) -> None:
    readme, _ = drawn
    declared = readme.replace("license: mit", "license: mit\nbase_model: org/declared", 1)
    assert implied_base(context(declared)) is None

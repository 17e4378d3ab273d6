"""Table-driven tests of which Hub link a card without `base_model` names as its base,
by where the link stands (not by a derivation phrase: tests/test_base_phrases.py).

The Hub source looks the base up (`implied_base_id`) and the rubric judges with it
(`implied_base`): both must name the same model. Each rule has a negative twin.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.base_mentions import named_bases
from openaudit.card import parse_card
from openaudit.evidence import Evidence, LinkedRepo, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.undeclared_bases import implied_base
from openaudit.rubric.registry import get_evaluator, run
from openaudit.sources.implied_bases import implied_base_id
from openaudit.verdict import Outcome

HEAD = "---\nlicense: apache-2.0\n---\n"
HUB = "https://huggingface.co"


def base_named(readme: str, repo_id: str, head: str = HEAD) -> str | None:
    """The base the source looks up and the rubric judges with (asserted the same)."""
    text = head + readme
    card = parse_card(text)
    looked_up = implied_base_id(repo_id, card.metadata, card, ())
    evidence = Evidence(
        ref=repo_id, repo_id=repo_id, source="hub", readme=text,
        files=(RepoFile("model.safetensors"),),
    )  # fmt: skip
    judged = implied_base(ProbeContext(evidence))
    assert looked_up == (judged.name if judged else None)
    return looked_up


# (case, repo id, card, the base named or None)
ORG_PAGES: list[tuple[str, str, str, str | None]] = [
    ("the own org's page in the title, its base model under Training", "labx/chat-7b",
     f"# Chat 7B\nBy [Lab X]({HUB}/labx).\n## Training\nWe used [base]({HUB}/labx/base-7b).\n",
     "labx/base-7b"),
    ("a bare org URL in the title, the base's bare URL under Training", "labx/chat-7b",
     f"# Chat 7B\n{HUB}/labx\n## Training\n{HUB}/labx/base-7b\n", "labx/base-7b"),
    ("another org's page, that org's model under Training", "me/chat-7b",
     f"# Chat 7B\nThanks to [Big Org]({HUB}/bigorg).\n## Training\n"
     f"We used [base]({HUB}/bigorg/base-7b).\n", "bigorg/base-7b"),
    ("twin: the own org's page alone under Training is no base", "labx/chat-7b",
     f"# Chat 7B\nText.\n## Training\nDone by [Lab X]({HUB}/labx).\n", None),
    ("twin: a legacy one-segment model id under Training is the base", "me/sst2",
     f"# SST-2\nText.\n## Fine-tuning\nWe used [DistilBERT]({HUB}/distilbert-base-uncased).\n",
     "distilbert-base-uncased"),
    ("training checkpoints linked under 'Training Dynamics' are no base", "labx/chat-7b",
     f"# Chat 7B\nText.\n## Training Dynamics\n"
     f"[Checkpoints]({HUB}/labx/base-7b-Intermediate-Checkpoints)\n", None),
    ("twin: a checkpoint a derivation phrase names is the base", "me/tiny-chat",
     f"# Tiny Chat\nThis model is a fine-tuned version of "
     f"[tiny]({HUB}/labx/tiny-intermediate-step-1431k-3T) on chats.\n",
     "labx/tiny-intermediate-step-1431k-3T"),
    ("org page, checkpoints and the base: the base is picked", "labx/chat-7b",
     f"# Chat 7B\n[Lab X]({HUB}/labx)\n## Training Dynamics\n"
     f"[ckpts]({HUB}/labx/base-7b-Intermediate-Checkpoints)\n## Fine-tuning\n"
     f"We used [base]({HUB}/labx/base-7b).\n", "labx/base-7b"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("repo_id", "readme", "base"), [c[1:] for c in ORG_PAGES], ids=[c[0] for c in ORG_PAGES]
)
def test_an_organisation_page_is_no_base(repo_id: str, readme: str, base: str | None) -> None:
    assert base_named(readme, repo_id) == base


# --- a tuned release that links its base without declaring it (probe9 class 3) --------
# (case, repo id, card, the base named or None)
BY_NAME: list[tuple[str, str, str, str | None]] = [
    ("release name less '-chat', linked in the title section", "lab/jais-13b-chat",
     f"# Jais-13b-chat\nA chat model on [Jais-13b]({HUB}/lab/jais-13b).\n## Uses\nChat.\n",
     "lab/jais-13b"),
    ("the base's '-Base' set aside, beside a sibling instruct model", "tc/Pajama-7B-Chat",
     f"# Pajama-7B-Chat\n[base]({HUB}/tc/Pajama-7B-Base) [instruct]({HUB}/tc/Pajama-7B-Instruct)\n",
     "tc/Pajama-7B-Base"),
    ("a family table: the same size, not the Python or 13B ones", "cl/Coder-7b-Instruct-hf",
     f"# Coder\n| [7b]({HUB}/cl/Coder-7b-hf) | [py]({HUB}/cl/Coder-7b-Python-hf) | "
     f"[it]({HUB}/cl/Coder-7b-Instruct-hf) | [13b]({HUB}/cl/Coder-13b-hf) |\n", "cl/Coder-7b-hf"),
    ("'-base' of the target under 'Model Summary'", "ds/coder-6.7b-instruct",
     f"# Coder\nText.\n## 2. Model Summary\nFrom [base]({HUB}/ds/coder-6.7b-base).\n",
     "ds/coder-6.7b-base"),
    ("a model index: the closest name (-hf kept) before the first listed", "meta/Lm-2-7b-chat-hf",
     f"# Lm 2\nText.\n## Model Index\n[a]({HUB}/meta/Lm-2-7b) [b]({HUB}/meta/Lm-2-7b-hf) "
     f"[c]({HUB}/meta/Lm-2-7b-chat) [d]({HUB}/meta/Lm-2-13b-hf)\n", "meta/Lm-2-7b-hf"),
    ("a model name standing whole in the release's name", "oa/oasst-sft-4-pythia-12b-epoch-3.5",
     f"# OA SFT\nText.\n## Model Details\nBase: [pythia]({HUB}/eai/pythia-12b-deduped)\n",
     "eai/pythia-12b-deduped"),
    ("twin: a base model's card linking its own chat variant", "lab/jais-13b",
     f"# Jais-13b\nSee also the chat model [chat]({HUB}/lab/jais-13b-chat).\n", None),
    ("twin: a base model's card linking its original-format copy", "meta/Lm-2-7b-hf",
     f"# Lm 2\nText.\n## Model Index\n[a]({HUB}/meta/Lm-2-7b)\n", None),
    ("twin: a chat card linking sibling models of another size", "lab/jais-13b-chat",
     f"# Jais-13b-chat\n[30b chat]({HUB}/lab/jais-30b-chat) [30b]({HUB}/lab/jais-30b)\n", None),
    ("twin: the base linked only under 'Evaluation'", "lab/jais-13b-chat",
     f"# Jais-13b-chat\nText.\n## Evaluation\nScores of [Jais-13b]({HUB}/lab/jais-13b).\n",
     None),
    ("twin: the base in a sentence comparing it", "lab/jais-13b-chat",
     f"# Jais-13b-chat\nIt outperforms [Jais-13b]({HUB}/lab/jais-13b) on chat.\n", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("repo_id", "readme", "base"), [c[1:] for c in BY_NAME], ids=[c[0] for c in BY_NAME]
)
def test_a_tuned_release_names_its_base_by_name(
    repo_id: str, readme: str, base: str | None
) -> None:
    assert base_named(readme, repo_id) == base


# --- a Trainer card whose base is linked in its title section, not declared (probe12 #9) -
TRAINER = "---\nlicense: apache-2.0\ntags:\n- generated_from_trainer\n---\n"
# the template's opening line as a replay keeps it: the link, not its words
OPENING = (
    f"Pond orchard tall lantern [{HUB}/org/base-7b]({HUB}/org/base-7b) brook. Hedge "
    f"[{HUB}/datasets/org/pairs]({HUB}/datasets/org/pairs) harbor.\n"
)
TEMPLATE = "## Model description\nMore.\n## Training and evaluation data\nMore.\n"
# (case, repo id, card metadata, card, the base named or None)
TRAINER_TITLE: list[tuple[str, str, str, str, str | None]] = [
    ("the title section's Hub model link, its words lost", "me/m-sft", TRAINER,
     f"# m-sft\n{OPENING}{TEMPLATE}", "org/base-7b"),
    ("the first of two model links in the title section", "me/m-sft", TRAINER,
     f"# m-sft\nFrom [{HUB}/org/base-7b]({HUB}/org/base-7b), with [{HUB}/org/judge]"
     f"({HUB}/org/judge).\n{TEMPLATE}", "org/base-7b"),
    ("the template's own words name it too", "me/m-sft", TRAINER,
     f"# m-sft\nThis model is a fine-tuned version of [org/base-7b]({HUB}/org/base-7b) on the "
     f"None dataset.\n{TEMPLATE}", "org/base-7b"),
    ("twin: the same card without the Trainer's tag", "me/m-sft", HEAD,
     f"# m-sft\n{OPENING}{TEMPLATE}", None),
    ("twin: the model linked under a later heading, not the title", "me/m-sft", TRAINER,
     f"# m-sft\nText.\n## Model description\n{OPENING}", None),
    ("twin: the title links the card's own repo", "me/m-sft", TRAINER,
     f"# m-sft\nSee [{HUB}/me/m-sft]({HUB}/me/m-sft).\n{TEMPLATE}", None),
    ("twin: the title's link compares the model", "me/m-sft", TRAINER,
     f"# m-sft\nIt outperforms [{HUB}/org/base-7b]({HUB}/org/base-7b) on chat.\n{TEMPLATE}",
     None),
    ("twin: the card's words name another base", "me/m-sft", TRAINER,
     f"# m-sft\n{OPENING}## Training procedure\nIt was fine-tuned from [Real-7B]"
     f"({HUB}/org/real-7b) on pairs.\n", "org/real-7b"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("repo_id", "head", "readme", "base"),
    [c[1:] for c in TRAINER_TITLE],
    ids=[c[0] for c in TRAINER_TITLE],
)
def test_a_trainer_card_names_its_base_in_its_title_section(
    repo_id: str, head: str, readme: str, base: str | None
) -> None:
    assert base_named(readme, repo_id, head) == base


def test_the_trainer_rule_is_said_in_the_reason() -> None:
    evidence = Evidence(ref="me/m-sft", repo_id="me/m-sft", source="hub",
                        readme=f"{TRAINER}# m-sft\n{OPENING}{TEMPLATE}")  # fmt: skip
    implied = implied_base(ProbeContext(evidence))
    assert implied is not None
    assert implied.said == (
        "the card builds on org/base-7b (the first Hub model linked in 'm-sft', the title "
        "section of a Trainer card)"
    )
    assert implied.citation.where == "README.md#m-sft"


def test_a_declared_base_model_leaves_the_name_rule_out() -> None:
    text = f"---\nbase_model: org/other\n---\n# Jais-13b-chat\n[Jais-13b]({HUB}/lab/jais-13b)\n"
    assert [b.name for b in named_bases(parse_card(text), "lab/jais-13b-chat")] == []
    assert base_named(text.removeprefix("---\nbase_model: org/other\n---\n"), "lab/jais-13b-chat")


def test_the_reason_names_the_link_and_the_rule() -> None:
    readme = f"# Jais-13b-chat\nText.\n## Model Details\n[Jais-13b]({HUB}/lab/jais-13b)\n"
    evidence = Evidence(ref="lab/jais-13b-chat", repo_id="lab/jais-13b-chat", source="hub",
                        readme=HEAD + readme)  # fmt: skip
    implied = implied_base(ProbeContext(evidence))
    assert implied is not None
    assert implied.said == (
        "the card builds on lab/jais-13b (linked in 'Model Details'; its name is this model's "
        "name without 'chat')"
    )
    assert implied.citation.where == "README.md#Model Details"


# --- the implied base, looked up, is judged as a declared base is -------------------------
CHAT = f"# M-7b-chat\nA chat model on [M-7b]({HUB}/org/m-7b).\n"


def looked_up(datasets: list[str] | None, **fields: Any) -> Evidence:
    data = {"datasets": datasets} if datasets else {}
    base = LinkedRepo("org/m-7b", "model", "ok", card_data=data, files=(RepoFile("a.safetensors"),))
    return Evidence(ref="org/m-7b-chat", repo_id="org/m-7b-chat", source="hub",
                    readme=HEAD + CHAT, implied_bases=(base,), **fields)  # fmt: skip


def ask(name: str, evidence: Evidence, **params: Any) -> Outcome:
    spec = get_evaluator(name)
    assert spec is not None
    return run(spec, ProbeContext(evidence), params)


# (case, evidence, base_data answer, its reason, EOSAI datasources_basemodel level, reason)
IMPLIED_DATA: list[tuple[str, Evidence, str, str, str, str]] = [
    ("the implied base names open datasets",
     looked_up(["org/web"], base_datasets=(LinkedRepo("org/web", "dataset", "ok",
               card_data={"license": "odc-by"}),)),
     "yes", "builds on org/m-7b (linked in 'M-7b-chat'; its name is this model's name without "
     "'chat'): the base model(s) name their training datasets too", "open", "org/web"),
    ("twin: the implied base names none", looked_up(None), "no",
     "base org/m-7b names no training datasets", "unknown", "its card's text was not read"),
    ("twin: the implied base not looked up", Evidence(
        ref="org/m-7b-chat", repo_id="org/m-7b-chat", source="hub", readme=HEAD + CHAT), "no",
     "that model's training data is not named in what was read", "closed",
     "not shared in what was read"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "answer", "reason", "level", "why"),
    [c[1:] for c in IMPLIED_DATA],
    ids=[c[0] for c in IMPLIED_DATA],
)
def test_an_implied_base_looked_up_has_its_data_read(
    evidence: Evidence, answer: str, reason: str, level: str, why: str
) -> None:
    found = ask("base_data_named", evidence)
    assert (found.answer, found.inferred, reason in found.reason) == (answer, True, True), found
    dimension = {"dimension": "datasources_basemodel"}
    at_open = ask("eosai_dimension", evidence, at_least="open", **dimension)
    at_partial = ask("eosai_dimension", evidence, at_least="partial", **dimension)
    got = {("yes", "yes"): "open", ("no", "yes"): "partial", ("no", "no"): "closed"}.get(
        (at_open.answer, at_partial.answer), "unknown"
    )
    assert (got, why in at_open.reason) == (level, True), at_open.reason


# --- a tuned release whose base is not named at all (probe12 #4) ------------------------
SETS = ["org/chat-sft-mix", "org/feedback-pairs"]
DATA = (
    f"## Training Data\nWe tuned on [{HUB}/datasets/org/zh-instruct-200k]"
    f"({HUB}/datasets/org/zh-instruct-200k).\n"
)
FILLER = "## Model Details\nPond orchard tall lantern brook.\n"


def release(
    repo_id: str, readme: str | None, datasets: list[str] | None = None, pipeline: str = ""
) -> Evidence:
    card: dict[str, Any] = {"license": "apache-2.0"}
    card |= {"datasets": datasets} if datasets else {}
    card |= {"pipeline_tag": pipeline} if pipeline else {}
    head = "---\n" + "".join(f"{key}: {value}\n" for key, value in card.items()) + "---\n"
    found = tuple(LinkedRepo(d, "dataset", "ok", card_data={"license": "mit"})
                  for d in datasets or ())  # fmt: skip
    text = None if readme is None else head + readme
    return Evidence(ref=repo_id, repo_id=repo_id, source="hub", readme=text, datasets=found,
                    api_card_data=card, files=(RepoFile("model.safetensors"),))  # fmt: skip


# (case, evidence, hit: base data not named and EOSAI's base data closed)
UNNAMED: list[tuple[str, Evidence, bool]] = [
    ("'-instruct', only tuning sets declared", release(
        "lab/foo-7b-instruct", f"# Foo-7B-Instruct\nText.\n{FILLER}", SETS), True),
    ("'-chat', a tuning set linked under a data heading", release(
        "lab/zh-lm-7b-chat", f"# ZH-LM-7B-Chat\nText.\n{DATA}"), True),
    ("'-sft', no data named at all", release("lab/foo-7b-sft", f"# Foo\n{FILLER}"), True),
    ("a pre-training title cited only under 'Citation'", release(
        "lab/foo-7b-instruct", f"# Foo\n{FILLER}## Citation\nPre-training of Foo (2024).\n",
        SETS), True),
    ("twin: no tuning word in the name", release(
        "lab/foo-7b", f"# Foo-7B\nText.\n{FILLER}", SETS), False),
    ("twin: a declared set whose name says no tuning (a corpus)", release(
        "lab/foo-7b-instruct", f"# Foo\n{FILLER}", ["org/web-corpus", *SETS]), False),
    ("twin: trained from scratch", release(
        "lab/foo-7b-chat", f"# Foo\nFoo was trained from scratch.\n{FILLER}", SETS), False),
    ("twin: a 'Pretraining' heading", release(
        "lab/foo-7b-chat", f"# Foo\nText.\n## Pretraining\nText.\n{DATA}"), False),
    ("twin: says it was pre-trained", release(
        "lab/foo-7b-it", f"# Foo\nFoo is pre-trained and then tuned.\n{FILLER}"), False),
    ("twin: a corpus size in tokens", release(
        "lab/foo-7b-it", f"# Foo\nTrained on 2T tokens, then tuned.\n{FILLER}"), False),
    ("twin: Chinese 预训练 in a heading", release(
        "lab/zh-lm-7b-chat", f"# ZH\nText.\n## 预训练数据\nText.\n{DATA}"), False),
    ("twin: the card's text not read", release("lab/foo-7b-instruct", None, SETS), False),
    ("'-it' after a size: instruction tuned", release("lab/foo-7b-it", f"# Foo\n{FILLER}"),
     True),
    ("twin: 'it' in a language pair (a translation model)", release(
        "lab/opus-mt-en-it", f"# opus-mt-en-it\n{FILLER}"), False),
    ("twin: an RL agent named by its algorithm", release(
        "me/ppo-LunarLander-v2", f"# PPO Agent\n{FILLER}", pipeline="reinforcement-learning"),
     False),
]  # fmt: skip


@pytest.mark.parametrize(("evidence", "hit"), [c[1:] for c in UNNAMED], ids=[c[0] for c in UNNAMED])
def test_a_tuned_release_whose_base_is_not_named(evidence: Evidence, hit: bool) -> None:
    found = ask("base_data_named", evidence)
    dimension = {"dimension": "datasources_basemodel"}
    eosai = ask("eosai_dimension", evidence, at_least="partial", **dimension)
    said = "a tuned release whose base is not named"
    if hit:
        assert (found.answer, found.inferred, said in found.reason) == ("no", True, True), found
        assert (eosai.answer, eosai.inferred, said in eosai.reason) == ("no", True, True), eosai
    else:
        assert (found.answer, said in found.reason) == ("yes", False), found
        assert said not in eosai.reason, eosai


def test_its_tuning_sets_cards_do_not_document_all_its_data() -> None:
    found = ask("data_documented", release("lab/foo-7b-instruct", "# Foo\nText.\n", SETS))
    assert (found.answer, found.inferred) == ("no", True), found
    assert "a tuned release whose base is not named" in found.reason

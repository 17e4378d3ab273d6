"""One row of the Hub metadata dump as Evidence, with what the dump could not tell.

A row has the columns of hub-stats' `models.parquet` (`id`, `tags`, `cardData`,
`siblings`, `gated`, `library_name`, `pipeline_tag`, `sha`, ...) and, when a card
dump was joined, the README text in `card`; with `scan --hydrate`, the files fetched
from the Hub for it in `fetched` (a list of {path, text, problem}). The dump
carries file names but not the text of licence files, the linked datasets' or base
models' own metadata (nor, joined, the base models' card text), nor the repo's
branches: those become `Problem`s and unread entries the rubric engine turns into
unknown answers, never into a pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from openaudit.base_chain import cards_to_read
from openaudit.card import Card, parse_card
from openaudit.data_links import linked_training_ids
from openaudit.evidence import Evidence, LinkedRepo, Problem, RepoFile, TextFile
from openaudit.hub_refs import with_repo_ids
from openaudit.limits import MAX_DATASETS, MAX_FILES, MAX_FRONT_MATTER_BYTES, MAX_README_BYTES
from openaudit.sources import card_ids, is_license_file
from openaudit.sources.card_repo_ids import with_readme_ids
from openaudit.sources.config_files import CONFIG_FILES
from openaudit.sources.implied_bases import implied_base_id, listing_conversion, listing_copy

HUB_URL = "https://huggingface.co"
MAX_LICENSE_FILES = 8  # as the Hub source reads at most this many
NOT_IN_DUMP = "not in the metadata dump"
LICENCE_FILE_UNREAD = "text not in the metadata dump; not read"


# A base model's columns joined into its fine-tunes' rows (`bases`, scan --bases).
BASE_COLUMNS = ("id", "sha", "cardData", "tags", "gated", "siblings")
# Kinds of evidence a dump row can lack; probes' `reads` map onto them (score.py).
README = "readme"
LICENCE_TEXT = "licence_text"
DATASETS = "datasets"
BASES = "bases"
GATING = "gating"
CARD = "card"
FILES = "files"
CONFIG = "config"  # adapter_config.json of a card that declares no base


@dataclass(frozen=True)
class RowEvidence:
    """A dump row's evidence, what the dump lacked for it (one line each) and the
    kinds of evidence that were lacking (README, LICENCE_TEXT, ...)."""

    evidence: Evidence
    missing: tuple[str, ...]
    lacks: frozenset[str]
    # files the Hub has whose text the row lacks and nobody tried to fetch yet:
    # "README.md" and the licence files (scan --hydrate fetches what a layer needs)
    unfetched: tuple[str, ...] = ()


def _implied_base(
    evidence: Evidence,
    card_data: dict[str, Any] | None,
    parsed: Card | None,
    config_files: tuple[TextFile, ...],
) -> str | None:
    """The base a row's card names without declaring it, as the Hub source reads it
    (with the listing's conversion formats: the model a conversion converts)."""
    converted = None
    if parsed is not None:  # (the listing's formats matter only to a card's text)
        library = evidence.library_name or (card_data or {}).get("library_name")
        converted = listing_conversion(evidence.files, library, evidence.tags)
    return implied_base_id(evidence.repo_id or "", card_data, parsed, config_files, converted)


def row_evidence(row: dict[str, Any], columns: frozenset[str]) -> RowEvidence:
    """Evidence for one dump row; `columns` are the columns the dump has.

    Raises ValueError only for a row without a usable `id`.
    """
    repo_id = row.get("id")
    if not isinstance(repo_id, str) or not repo_id.strip():
        raise ValueError("the row has no model id")
    missing: list[str] = []
    problems: list[Problem] = []
    served = _card_data(row.get("cardData"), "cardData" in columns, missing)
    fetched = fetched_files(row.get("fetched"))
    readme = _readme_of(row.get("card"), "card" in columns, fetched.get(README_FILE), missing)
    parsed = parse_card(readme) if readme is not None else None
    # the bases and datasets the README declares where the served card data has none
    # are declared ones, as the Hub source reads them
    card_data = with_readme_ids(served, parsed.metadata if parsed is not None else None)
    gated = _gated(row.get("gated"), "gated" in columns, missing)
    names = _sibling_names(row.get("siblings"), "siblings" in columns, missing)
    files = tuple(RepoFile(name) for name in names[:MAX_FILES])
    if len(names) > MAX_FILES:
        problems.append(
            Problem("files", f"file listing cut at {MAX_FILES:,} of {len(names):,} files")
        )
    license_files = _licence_files(names, missing, fetched)
    configs = [] if base_ids(served) else [n for n in CONFIG_FILES if n in names]
    config_files = tuple(_config_file(name, missing, fetched) for name in configs)
    # Linked repos come from the card data the Hub serves, as the Hub source reads them.
    datasets = _datasets(card_data, repo_id, missing, problems)
    joined = joined_bases(row.get("bases")) if "bases" in columns else None
    bases = _bases(card_data, repo_id, joined, missing)
    # a copy declaring no datasets: the Hub source reads its source's card too
    library = _text(row.get("library_name")) or (card_data or {}).get("library_name")
    copy = not card_ids(card_data, "datasets")[0] and listing_copy(
        repo_id, files, library, _strings(row.get("tags")), card_data
    )
    if silent := [repo.repo_id for repo in cards_to_read(repo_id, bases, copy=copy)]:
        # the Hub source reads these bases' cards for EOSAI's base and end-model data
        shown = ", ".join(silent[:3]) + _more(silent, 3)
        missing.append(f"base model card text ({shown}) {NOT_IN_DUMP}")
    evidence = Evidence(
        ref=repo_id,
        source="hub",
        repo_id=repo_id,
        sha=_text(row.get("sha")),
        url=f"{HUB_URL}/{repo_id}",
        gated=gated,
        access="gated" if gated and readme is None else "full",
        readme=readme,
        api_card_data=served,
        tags=_strings(row.get("tags")),
        library_name=_text(row.get("library_name")),
        pipeline_tag=_text(row.get("pipeline_tag")),
        files=files,
        files_truncated=len(names) > MAX_FILES,
        license_files=license_files,
        config_files=config_files,
        datasets=datasets,
        base_models=bases,
        problems=tuple(problems),
        branches=None,
    )
    if parsed is not None:
        # Evidence.card would parse the README again: hand it the card parsed here.
        evidence.__dict__["card"] = parsed
    lacks = {README} if readme is None else set()
    lacks |= {LICENCE_TEXT} if any(file.text is None for file in license_files) else set()
    lacks |= {DATASETS} if datasets else set()
    lacks |= {BASES} if any(base.problem == NOT_IN_DUMP for base in bases) else set()
    lacks |= {GATING} if gated is None else set()
    lacks |= {FILES} if "siblings" not in columns else set()
    lacks |= {CONFIG} if any(file.text is None for file in config_files) else set()
    if not bases and (implied := _implied_base(evidence, card_data, parsed, config_files)):
        # the Hub source looks such a base up; a scan joins only declared bases
        missing.append(f"base {implied}, named outside base_model: {NOT_IN_DUMP}")
        lacks.add(BASES)
    if parsed is not None and (
        linked := linked_training_ids(parsed, card_ids(card_data, "datasets")[0])
    ):
        # the Hub source looks up the datasets a card links as training data; a dump
        # holds no dataset metadata
        shown = ", ".join(linked[:3]) + _more(linked, 3)
        missing.append(f"dataset metadata of those the card links ({shown}) {NOT_IN_DUMP}")
        lacks.add(DATASETS)
    if readme is None and card_data is None and _card_unusable(row, columns):
        lacks.add(CARD)
    unfetched = [README_FILE] if readme is None and README_FILE in names else []
    unfetched = [path for path in unfetched if path not in fetched]
    unfetched += [f.path for f in license_files if f.text is None and f.path not in fetched]
    unfetched += [f.path for f in config_files if f.text is None and f.path not in fetched]
    return RowEvidence(evidence, tuple(missing), frozenset(lacks), tuple(unfetched))


README_FILE = "README.md"
# Whether a file name is a licence file, once per distinct name: dumps repeat names.
_licence_like = lru_cache(maxsize=8192)(is_license_file)


@dataclass(frozen=True)
class Fetched:
    """A file `scan --hydrate` fetched from the Hub: its text, or why it has none."""

    text: str | None
    problem: str | None


def fetched_files(value: Any) -> dict[str, Fetched]:
    """The `fetched` column of a row, by path (empty when nothing was fetched)."""
    if not isinstance(value, list | tuple):
        return {}
    found = {}
    for item in value:
        if isinstance(item, dict) and isinstance(item.get("path"), str):
            text, problem = item.get("text"), item.get("problem")
            found[item["path"]] = Fetched(
                text if isinstance(text, str) else None,
                problem if isinstance(problem, str) else None,
            )
    return found


def _readme_of(
    value: Any, present: bool, fetched: Fetched | None, missing: list[str]
) -> str | None:
    """The card dump's README text, else the one fetched from the Hub (--hydrate)."""
    if value is not None or fetched is None:
        return _readme(value, present, missing)
    if fetched.text is None:
        missing.append(f"README.md not in the card dump and not fetched: {fetched.problem}")
        return None
    return _readme(fetched.text, True, missing)


def _card_unusable(row: dict[str, Any], columns: frozenset[str]) -> bool:
    """The dump has card metadata for the row but it could not be used (no column,
    not JSON, not an object, over the bound); a null cardData is a card without any."""
    return "cardData" not in columns or row.get("cardData") is not None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _card_data(value: Any, present: bool, missing: list[str]) -> dict[str, Any] | None:
    """The card front matter the dump holds (JSON text or a struct), or None with why."""
    if not present:
        missing.append("the dump has no `cardData` column")
        return None
    if value is None:
        return None  # the repo has no card metadata: the Hub serves none either
    if isinstance(value, str):
        if len(value) > MAX_FRONT_MATTER_BYTES:
            missing.append(f"cardData is over the {MAX_FRONT_MATTER_BYTES // 1024} KiB bound")
            return None
        try:
            value = json.loads(value)
        except ValueError:
            missing.append("cardData is not valid JSON")
            return None
    if not isinstance(value, dict):
        missing.append(f"cardData is a JSON {type(value).__name__}, not an object")
        return None
    return with_repo_ids(value)[0]  # a Hub URL under base_model/datasets: its id


def _readme(value: Any, present: bool, missing: list[str]) -> str | None:
    """The card text a card dump supplied, bounded like a README read from the Hub."""
    if not present or value is None:
        missing.append("README text not in the card dump")
        return None
    if not isinstance(value, str):
        missing.append("the card dump's `card` is not text")
        return None
    if len(value) > MAX_README_BYTES or len(value.encode("utf-8")) > MAX_README_BYTES:
        missing.append(f"the card text is over the {MAX_README_BYTES // 2**20} MiB bound; not read")
        return None
    return value


_GATED_WORDS: dict[str, bool | str] = {
    "false": False,
    "true": True,
    "auto": "auto",
    "manual": "manual",
}


def _gated(value: Any, present: bool, missing: list[str]) -> bool | str | None:
    """The Hub's gating (False, True, "auto", "manual"), or None when the dump lacks it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _GATED_WORDS:
        return _GATED_WORDS[value.strip().lower()]
    if not present:
        missing.append("the dump has no `gated` column")
    elif value is None:
        missing.append("gating not in the dump")
    else:
        missing.append(f"gated value {str(value)[:40]!r} not understood")
    return None


def _sibling_names(value: Any, present: bool, missing: list[str]) -> list[str]:
    """File names from `siblings`: a list of {rfilename} structs (or of plain names)."""
    if not present:
        missing.append("the dump has no `siblings` column")
        return []
    if not isinstance(value, list | tuple):
        return []
    names = []
    for item in value:
        name = item.get("rfilename") if isinstance(item, dict) else item
        if isinstance(name, str) and name:
            names.append(name)
    return names


def _config_file(name: str, missing: list[str], fetched: dict[str, Fetched]) -> TextFile:
    """A configuration file the dump lists (adapter_config.json): unread unless
    `scan --hydrate` fetched it."""
    got = fetched.get(name)
    if got is None:
        missing.append(f"{name} text {NOT_IN_DUMP}")
        return TextFile(path=name, text=None, problem=f"text {NOT_IN_DUMP}; not read")
    if got.text is None:
        missing.append(f"{name} not fetched: {got.problem}")
    return TextFile(path=name, text=got.text, problem=got.problem)


def _licence_files(
    names: list[str], missing: list[str], fetched: dict[str, Fetched]
) -> tuple[TextFile, ...]:
    """Licence-like files the dump lists: unread (their text is not in the dump), unless
    `scan --hydrate` fetched them."""
    found = [name for name in names if _licence_like(name)][:MAX_LICENSE_FILES]
    unread = [name for name in found if name not in fetched]
    if unread:
        missing.append(f"licence file text ({', '.join(unread)}) {NOT_IN_DUMP}")
    files = []
    for name in found:
        got = fetched.get(name)
        if got is None:
            files.append(TextFile(path=name, text=None, problem=LICENCE_FILE_UNREAD))
        elif got.text is None:
            missing.append(f"{name} not fetched: {got.problem}")
            files.append(TextFile(path=name, text=None, problem=got.problem))
        else:
            files.append(TextFile(path=name, text=got.text))
    return tuple(files)


def _datasets(
    card: dict[str, Any] | None, repo_id: str, missing: list[str], problems: list[Problem]
) -> tuple[LinkedRepo, ...]:
    """The datasets the card names, not looked up: their metadata is not in the dump."""
    ids, id_problems = card_ids(card, "datasets")
    problems.extend(id_problems)
    if ids:
        missing.append(f"dataset metadata ({', '.join(ids[:3])}{_more(ids, 3)}) {NOT_IN_DUMP}")
    return tuple(
        LinkedRepo(d, "dataset", "skipped", named_by=repo_id, problem=NOT_IN_DUMP)
        for d in ids[:MAX_DATASETS]
    )


def _bases(
    card: dict[str, Any] | None, repo_id: str, joined: dict[str, Any] | None, missing: list[str]
) -> tuple[LinkedRepo, ...]:
    """The base models the card names: from their own dump rows when `joined` has them
    (the first hop, as the Hub source reads it), else not looked up.

    A joined base's own bases (the second hop) are not joined: they are listed as not
    looked up, except a cycle back to the model, which the Hub source skips as well.
    """
    ids, _ = card_ids(card, "base_model")
    relation = _relation(card)
    found: list[LinkedRepo] = []
    unread: list[str] = []
    for base in ids:
        row = (joined or {}).get(base)
        if row is None:
            unread.append(base)
            found.append(_unread_base(base, repo_id, relation, 1))
            continue
        base_card = _card_data(row.get("cardData"), True, []) or {}
        found.append(_joined_base(base, repo_id, relation, row, base_card))
        hop_relation = _relation(base_card)
        for second in card_ids(base_card, "base_model")[0]:
            if second in (repo_id, base):
                cycle = f"base_model cycle: {second} is already in the chain"
                found.append(_skipped_base(second, base, hop_relation, 2, cycle))
            else:
                unread.append(second)
                found.append(_unread_base(second, base, hop_relation, 2))
    if unread:
        names = ", ".join(unread[:3]) + _more(unread, 3)
        missing.append(f"base model metadata ({names}) {NOT_IN_DUMP}")
    return tuple(found)


def _joined_base(
    base: str, named_by: str, relation: str | None, row: dict[str, Any], card: dict[str, Any]
) -> LinkedRepo:
    """A first-hop base model read from its own dump row."""
    names = _sibling_names(row.get("siblings"), True, [])
    return LinkedRepo(
        base,
        "model",
        "ok",
        depth=1,
        named_by=named_by,
        relation=relation,
        sha=_text(row.get("sha")),
        gated=_gated(row.get("gated"), True, []) or False,
        card_data=card,
        tags=_strings(row.get("tags")),
        files=tuple(RepoFile(name) for name in names[:MAX_FILES]),
    )


def _relation(card: dict[str, Any] | None) -> str | None:
    relation = (card or {}).get("base_model_relation")
    return relation if isinstance(relation, str) else None


def _unread_base(base: str, named_by: str, relation: str | None, depth: int) -> LinkedRepo:
    return _skipped_base(base, named_by, relation, depth, NOT_IN_DUMP)


def _skipped_base(
    base: str, named_by: str, relation: str | None, depth: int, why: str
) -> LinkedRepo:
    return LinkedRepo(
        base, "model", "skipped", depth=depth, named_by=named_by, relation=relation, problem=why
    )


def base_ids(card_data: Any) -> list[str]:
    """The base model ids a dump row's `cardData` names (none when it is unusable)."""
    return card_ids(_card_data(card_data, True, []), "base_model")[0]


def joined_bases(value: Any) -> dict[str, Any] | None:
    """The `bases` column of a row (the base models' own dump rows), by id."""
    if not isinstance(value, list | tuple):
        return None
    return {
        item["id"]: item
        for item in value
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def _more(items: list[str], shown: int) -> str:
    return f" and {len(items) - shown} more" if len(items) > shown else ""

"""The pretrained foundations under a model's declared bases, from its base-model chain.

One walk serves two readers: the Hub source, which reads the card text of the bases
EOSAI judges, and EOSAI's base dimensions, which judge them. Both must agree on
which bases those are, so the walk lives here and neither copies it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openaudit.evidence import LinkedRepo

Chain = tuple[str, ...]  # repo ids from a declared base down to the base judged


def foundations(
    repo_id: str | None, bases: tuple[LinkedRepo, ...]
) -> tuple[tuple[LinkedRepo, Chain], ...]:
    """Under each declared base (depth 1), the deepest base the chain reaches that has no
    base of its own (a chain cut short ends at the base not looked up), with the chain of
    bases down to it; a base reached by two chains is listed once. A base's own bases
    are those its card declares, as the source followed them."""
    listed = listed_bases(bases)

    def descend(repo: LinkedRepo, chain: Chain) -> list[tuple[LinkedRepo, Chain]]:
        ends = []
        for name in base_ids(repo.card_data.get("base_model")):
            child = listed.get(name)
            if child is None or name in chain or name == repo_id:
                continue  # not followed by the source, or a cycle: the chain ends here
            ends += descend(child, (*chain, name))
        return ends or [(repo, chain)]

    judged: dict[str, tuple[LinkedRepo, Chain]] = {}
    for base in (repo for repo in bases if repo.depth == 1):
        for repo, chain in descend(base, (base.repo_id,)):
            judged.setdefault(repo.repo_id, (repo, chain))
    return tuple(judged.values())


def listed_bases(bases: tuple[LinkedRepo, ...]) -> dict[str, LinkedRepo]:
    """Each base by its id: the first entry, or the first one looked up (a base two
    chains reach is looked up once; the other entry is a skip naming it)."""
    listed = {repo.repo_id: repo for repo in reversed(bases)}  # the first entry wins
    listed |= {repo.repo_id: repo for repo in reversed(bases) if repo.status != "skipped"}
    return listed


def bases_of(repo: LinkedRepo, bases: tuple[LinkedRepo, ...]) -> tuple[LinkedRepo, ...]:
    """The entries of `bases` (a model's whole chain, as the source followed it) for the
    bases `repo`'s card declares, in its order; those the source did not follow left out."""
    listed = listed_bases(bases)
    names = dict.fromkeys(base_ids(repo.card_data.get("base_model")))
    return tuple(listed[name] for name in names if name in listed and name != repo.repo_id)


def chain_bases(
    repo_id: str | None, bases: tuple[LinkedRepo, ...]
) -> tuple[tuple[str, LinkedRepo | None, Chain], ...]:
    """Every base under the declared ones (depth 1) down to the pretrained foundations,
    each once, in the order a walk from the declared bases meets them: its id, its
    lookup (None when a base's card declares it but the source did not follow it), and
    the chain of bases from a declared base down to it."""
    listed = listed_bases(bases)
    met: dict[str, tuple[str, LinkedRepo | None, Chain]] = {}
    level: list[tuple[str, Chain]] = [(r.repo_id, (r.repo_id,)) for r in bases if r.depth == 1]
    while level:
        deeper = []
        for name, chain in level:
            if name in met or name == repo_id:
                continue  # met already, by a shorter chain, or a cycle back to the model
            repo = listed.get(name)
            met[name] = (name, repo, chain)
            if repo is not None:
                children = base_ids(repo.card_data.get("base_model"))
                deeper += [(child, (*chain, child)) for child in children]
        level = deeper
    return tuple(met.values())


def silent_foundations(repo_id: str | None, bases: tuple[LinkedRepo, ...]) -> list[LinkedRepo]:
    """The foundations whose card text EOSAI's base data rating needs: those read whose
    metadata declares no datasets (what their card says of their data is in its text)."""
    return [
        repo
        for repo, _ in foundations(repo_id, bases)
        if repo.status == "ok" and not base_ids(repo.card_data.get("datasets"))
    ]


def copied_silent(repo_id: str | None, bases: tuple[LinkedRepo, ...]) -> list[LinkedRepo]:
    """The models a copy (a quantisation or format conversion) copies whose card text
    EOSAI's end-model data rating needs: its declared bases (depth 1) read whose metadata
    declares no datasets (a copy's data are its source's, told in its source's card)."""
    return [
        repo
        for repo in bases
        if repo.depth == 1
        and repo.status == "ok"
        and repo.repo_id != repo_id
        and not base_ids(repo.card_data.get("datasets"))
    ]


def cards_to_read(
    repo_id: str | None, bases: tuple[LinkedRepo, ...], *, copy: bool
) -> list[LinkedRepo]:
    """The bases whose card text EOSAI reads, each once: for a copy that declares no
    datasets (`copy`), first the models it copies (`copied_silent`), then the
    foundations (`silent_foundations`)."""
    found = [*(copied_silent(repo_id, bases) if copy else ()), *silent_foundations(repo_id, bases)]
    return list({repo.repo_id: repo for repo in reversed(found)}.values())[::-1]


def base_ids(value: Any) -> list[str]:
    """The repo ids a card metadata value (a string or a list) names."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [str(item) for item in items if str(item).strip()]

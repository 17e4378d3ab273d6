"""Link classification: what a URL in a model card points at (code, paper, Hub repo, licence).

`classify_link(url, text)` looks only at the URL, and, for a host it does not know, at
the link text to spot a paper or technical report; it does no I/O. card.py finds the
links and re-exports these names.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

from openaudit.licenses import identify_url

LinkKind = Literal["code", "paper", "hf_dataset", "hf_model", "hf_space", "license", "other"]

_LICENSE_FILE = re.compile(
    r"(?:licen[cs]e|copying|use[_-]?policy)(?:\.[a-z0-9]{1,8}){0,2}", re.IGNORECASE
)
_CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org"})
_GITHUB_RESERVED = frozenset(
    {
        "about", "apps", "collections", "contact", "customer-stories", "enterprise",
        "explore", "features", "issues", "login", "marketplace", "notifications", "orgs",
        "pricing", "pulls", "search", "security", "settings", "signup", "site", "sponsors",
        "team", "topics", "trending", "users",
    }
)  # fmt: skip
_HF_HOSTS = frozenset({"huggingface.co", "hf.co"})
_HF_RESERVED = frozenset(
    {
        "api", "blog", "chat", "collections", "datasets", "docs", "enterprise", "join",
        "learn", "login", "models", "new", "new-dataset", "new-space", "notifications",
        "organizations", "papers", "posts", "pricing", "privacy", "search", "settings",
        "spaces", "tasks", "terms-of-service", "welcome",
    }
)  # fmt: skip
# Hosts where peer-reviewed work is published: proceedings, journals and publishers.
_VENUE_HOSTS = frozenset(
    {
        "aclanthology.org", "dl.acm.org", "ieeexplore.ieee.org", "jmlr.org",
        "link.springer.com", "neurips.cc", "ojs.aaai.org", "openaccess.thecvf.com",
        "papers.neurips.cc", "papers.nips.cc", "pnas.org", "science.org", "nature.com",
        "cell.com", "academic.oup.com", "sciencedirect.com", "journals.plos.org",
        "biomedcentral.com", "frontiersin.org", "mdpi.com", "jair.org", "ecva.net",
        "isca-archive.org", "isca-speech.org", "mlr.press", "transacl.org",
    }
)  # fmt: skip
_PAPER_HOSTS = _VENUE_HOSTS | {
    "aclweb.org", "api.semanticscholar.org", "biorxiv.org", "doi.org", "dx.doi.org",
    "medrxiv.org", "openreview.net", "papers.ssrn.com", "semanticscholar.org",
}  # fmt: skip
# Hosts that archive papers for good (preprint servers, proceedings, DOIs): a paper there
# is archived; a report on a blog, a project site or in a code repository is not.
_ARCHIVE_HOSTS = _PAPER_HOSTS | {
    "arxiv.org", "export.arxiv.org", "zenodo.org", "hal.science", "hal.archives-ouvertes.fr",
    "osf.io", "chemrxiv.org", "psyarxiv.com", "eartharxiv.org",
}  # fmt: skip
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?", re.IGNORECASE)
_REPO_PART = re.compile(r"[\w.-]+")
# Link text naming a paper: marks a link to a host not known for papers (a short link,
# project page or PDF host) as one. "Papers with Code" is a leaderboard, not a paper.
_REPORT_TEXT = re.compile(
    r"\b(?:technical|tech)\s+report\b|\bwhite\s?paper\b|\bpre-?print\b|\barxiv\b"
    r"|\bpaper\b(?!\s+with\s+code)",
    re.IGNORECASE,
)

# A datasheet or an EU AI Act training-content summary documents data, not research: its
# PDF is no paper or report, whatever host it is on.
_DATASHEET_TEXT = re.compile(
    r"\bdata[\s_-]?sheets?\b|\bdata[\s_-]?cards?\b|\bsummary\s+of\s+(?:the\s+)?training\b"
    r"|\btraining[\s_-](?:data|content)[\s_-]summary\b|\bpublic\s+summary\b|\bAI[\s_-]Act\b",
    re.IGNORECASE,
)

# A code of practice or a responsible-use guide is a policy document, not research.
_POLICY_TEXT = re.compile(r"\bcode\s+of\s+practice\b|\bresponsible\s+use\s+guide\b", re.IGNORECASE)

_LICENSE_TEXT = re.compile(
    r"\blicen[cs]es?\b|\bterms\b|\buse\s+policy\b|\bagreement\b", re.IGNORECASE
)

# A model card is the release's own documentation, not a paper about it.
_MODEL_CARD_TEXT = re.compile(r"\bmodel[\s_-]?cards?\b", re.IGNORECASE)

_Classified = tuple[LinkKind, str | None]


def parses(url: str) -> bool:
    """Whether the URL splits into parts (`urlsplit` refuses "https://[x": a bracket
    that opens no IPv6 address)."""
    return _split(url) is not None


def _split(url: str) -> tuple[SplitResult, str] | None:
    """The URL's parts and its host (lower case, without "www."); None when it does not
    parse."""
    try:
        parts = urlsplit(url.strip())
        return parts, (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return None


def classify_link(url: str, text: str = "") -> tuple[LinkKind, str | None]:
    """The kind of a link and its target (repo id, arXiv id, "github.com/org/repo", ...).

    Relative links are classified only when they name a licence file.
    """
    split = _split(url)
    if split is None:
        return "other", None
    parts, host = split
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if not parts.scheme and not parts.netloc:
        return ("license", None) if _is_license_file(segments) else ("other", None)
    if parts.scheme.lower() not in ("http", "https", "") or not host:
        return "other", None
    if segments and segments[-1].lower().endswith(".pdf") and host not in _ARCHIVE_HOSTS:
        # a PDF's link text or its own file name may say it is no paper; a link text
        # that calls it a paper outweighs the file name ("[our paper](.../agreement.pdf)")
        names_paper = text.strip() != url.strip() and _REPORT_TEXT.search(text)
        said = text if names_paper else f"{text} {_file_words(segments[-1])}"
        if (kind := no_paper_said(said)) is not None:
            return kind, None
    for classify in (_license_link, _paper_link, _code_link, _hub_link):
        found = classify(host, segments, parts.query)
        if found is not None:
            return found
    if text.strip() != url.strip() and _REPORT_TEXT.search(text):
        return "paper", None  # a bare URL is its own text: a word in its path says little
    if host not in _LOG_HOSTS and _report_path(segments, text):
        return "paper", None
    return "other", None


# A URL (or file name) of an image: a picture or a chart, never a page or a paper.
IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)(?:[?#]|$)", re.IGNORECASE)
# Hosts of training logs and leaderboards: a "report" there is a run's log or a table.
_LOG_HOSTS = frozenset({"wandb.ai", "api.wandb.ai", "paperswithcode.com", "comet.com"})
# Path words that make a "report" something else: an abuse or bug report form, a
# company's transparency or annual report.
_NOT_A_PAPER_WORDS = frozenset(
    {
        "abuse", "bug", "bugs", "issue", "issues", "incident", "security", "vulnerability",
        "misuse", "transparency", "annual", "concern", "problem", "harm", "safety", "status",
        "error", "errors", "feedback", "form", "forms", "card", "cards", "weekly", "monthly",
        "daily", "quarterly", "generator", "template", "html", "htm",
    }
)  # fmt: skip
_NOT_A_PAPER_FOLDERS = frozenset({"blog", "blogs", "news", "posts", "post", "forms", "form"})


def name_parts(segment: str) -> list[str]:
    """A name or path segment as lower-case words and numbers, split where letters meet
    digits or a capital: "Gemma3Report" -> gemma, 3, report; "Llama-3.2-1B" -> llama, 3,
    2, 1, b."""
    spaced = re.sub(r"([a-z])([A-Z])|([A-Za-z])(\d)|(\d)([A-Za-z])", r"\1\3\5 \2\4\6", segment)
    return re.findall(r"[a-z]+|\d+", spaced.lower())


def _report_path(segments: list[str], text: str) -> bool:
    """The URL's own path says it is a report or publication: a last segment naming a
    report ("gemma2report", "phi3-tech-report", "whitepaper") or a page under a
    "publications" folder ("research/publications/<title>"). A word in a bare URL's path
    is all a reader has when the card gives no link text."""
    folders = {s.lower() for s in segments[:-1]}
    if not segments or folders & _NOT_A_PAPER_FOLDERS:
        return False
    if segments[:-1] and folders & {"publication", "publications"}:
        return True
    words = name_parts(segments[-1])
    if _NOT_A_PAPER_WORDS.intersection([*words, *re.findall(r"[a-z]+", text.lower())]):
        return False
    named = "report" in words and len(words) > 1  # "report" alone may be a form to fill
    return named or "whitepaper" in words or "preprint" in words


def no_paper_said(said: str) -> LinkKind | None:
    """What a PDF is when its link text or file name says it is no paper: "license" for a
    licence, terms, use policy or agreement ("[Model License](.../terms.pdf)"), "other"
    for a datasheet, an AI Act summary, a code of practice, a responsible-use guide or a
    model card (they document data, policy or the release, not research); None when the
    words say neither."""
    if _LICENSE_TEXT.search(said):
        return "license"
    if _DATASHEET_TEXT.search(said) or _POLICY_TEXT.search(said):
        return "other"
    return "other" if _MODEL_CARD_TEXT.search(said) else None


def pdf_named_no_paper(path: str) -> bool:
    """A PDF whose own file name says it is no paper (`no_paper_said`): a licence, a use
    policy, a datasheet or a model card shipped as `Community_License.pdf`."""
    return no_paper_said(_file_words(path.rsplit("/", 1)[-1])) is not None


def _file_words(name: str) -> str:
    """A file name as words: "Community%20License_for-X.pdf" -> "Community License for X pdf"
    (an underscore is a word character, so `\\b` would not see the words it joins)."""
    return re.sub(r"[\s_.-]+", " ", name)


def _is_license_file(segments: list[str]) -> bool:
    return bool(segments) and _LICENSE_FILE.fullmatch(segments[-1]) is not None


def _license_link(host: str, segs: list[str], query: str) -> _Classified | None:
    """A licence page (target: its licence id, recognised by `licenses.identify_url`)
    or a licence file."""
    first = segs[0].lower() if segs else ""
    path = "/".join(segs).lower()
    catalogues = {"opensource.org": ("licenses", "license"), "spdx.org": ("licenses",)}
    catalogues |= {"choosealicense.com": ("licenses",), "gnu.org": ("licenses",)}
    catalogues |= {"creativecommons.org": ("licenses", "publicdomain")}
    catalogues |= {"apache.org": ("licenses",)}
    if first in catalogues.get(host, ()):
        return "license", identify_url(f"{host}/{path}")
    if host in ("llama.meta.com", "llama.com", "ai.meta.com") and (
        "license" in path or "use-policy" in path or "use_policy" in path
    ):
        return "license", identify_url(f"{host}/{path}")
    if (
        host == "ai.google.dev"
        and path.startswith("gemma/")
        and ("terms" in path or "prohibited_use_policy" in path)
    ):
        return "license", identify_url(f"{host}/{path}")
    return ("license", None) if _is_license_file(segs) else None


def _paper_link(host: str, segs: list[str], query: str) -> _Classified | None:
    if host in ("arxiv.org", "export.arxiv.org") and len(segs) >= 2:
        if segs[0].lower() in ("abs", "pdf", "html", "format"):
            return "paper", _arxiv_id("/".join(segs[1:]))
        return None
    if host in _HF_HOSTS and len(segs) >= 2 and segs[0] == "papers":
        return "paper", _arxiv_id(segs[1])
    if segs and segs[-1].lower().endswith(".pdf"):
        return "paper", None
    if host in ("doi.org", "dx.doi.org") and segs:
        doi = "/".join(segs)
        return None if record_doi(doi) else ("paper", doi)
    if host == "openreview.net":
        return "paper", next(iter(parse_qs(query).get("id", [])), None)
    if host in _PAPER_HOSTS or host.startswith("proceedings."):
        return "paper", None
    return None


# DOI prefixes of preprint servers: arXiv, bioRxiv/medRxiv, SSRN, Research Square.
PREPRINT_DOI_PREFIXES = ("10.48550/", "10.1101/", "10.2139/", "10.21203/")


def published_paper(url: str) -> str | None:
    """Where a paper link says the paper was published after review: the proceedings,
    journal or publisher host, or a DOI not minted for preprints or records. None for
    preprint servers, OpenReview (it hosts submissions too) and everything else."""
    split = _split(url)
    if split is None:
        return None
    parts, host = split
    if host in ("doi.org", "dx.doi.org"):
        doi = parts.path.strip("/").lower()
        if doi.startswith("10.") and not doi.startswith(PREPRINT_DOI_PREFIXES):
            return None if record_doi(doi) else f"DOI {doi}"
        return None
    if host == "aclweb.org" and parts.path.lower().startswith("/anthology"):
        return host
    if any(host == venue or host.endswith(f".{venue}") for venue in _VENUE_HOSTS):
        return host
    return host if host.startswith("proceedings.") else None


def archived_paper(url: str) -> bool:
    """Whether a paper link points where papers are archived for good: arXiv (or the Hub's
    page of an arXiv paper), another preprint server, a proceedings or publisher site, a
    DOI. A PDF on a project site or in a code repository is not archived."""
    split = _split(url)
    if split is None:
        return False
    parts, host = split
    if host in _HF_HOSTS:
        return parts.path.startswith("/papers/")
    return host in _ARCHIVE_HOSTS or host.startswith("proceedings.")


_SHORT_LINK_HOSTS = frozenset(
    {
        "aka.ms", "amzn.to", "bit.ly", "buff.ly", "cutt.ly", "goo.gl", "goo.gle", "ibm.biz",
        "is.gd", "lnkd.in", "msft.it", "ow.ly", "rb.gy", "rebrand.ly", "s.id", "shorturl.at",
        "t.co", "t.ly", "tiny.cc", "tinyurl.com",
    }
)  # fmt: skip


def short_link(url: str) -> bool:
    """Whether the URL is on a link shortener ("aka.ms/...", "bit.ly/..."): where it leads
    is not known without following it."""
    split = _split(url)
    if split is None:
        return False
    host = split[1]
    return host in _SHORT_LINK_HOSTS or host.startswith("aka.")


# DOI prefixes of general repositories whose records are mostly software releases,
# datasets and model repos (Zenodo, figshare, the Hugging Face Hub's own DOIs): such a
# DOI is not a paper unless the link's text calls it one.
RECORD_DOI_PREFIXES = ("10.5281/", "10.6084/", "10.57967/")


def record_doi(doi: str) -> bool:
    """True for a DOI minted by a general repository (a software, data or model record)."""
    return doi.strip().lower().startswith(RECORD_DOI_PREFIXES)


def _arxiv_id(raw: str) -> str | None:
    """The arXiv id without version or .pdf, or None when it does not look like one."""
    raw = re.sub(r"\.pdf$", "", raw, flags=re.IGNORECASE)
    match = _ARXIV_ID.fullmatch(raw)
    return match.group(1) if match else None


def _code_link(host: str, segs: list[str], query: str) -> _Classified | None:
    if host == "raw.githubusercontent.com":
        host = "github.com"
    if host == "gist.github.com":
        return "code", None
    if host in ("sourceforge.net", "sf.net"):
        if len(segs) >= 2 and segs[0] == "projects":
            return "code", f"sourceforge.net/projects/{segs[1]}"
        return "code", None
    if host not in _CODE_HOSTS:
        return None
    if not segs or (host == "github.com" and segs[0].lower() in _GITHUB_RESERVED):
        return "other", None
    if len(segs) < 2:
        return "code", None  # an organisation or user page
    repo = segs[1].removesuffix(".git")
    return "code", f"{host}/{segs[0]}/{repo}"


def _hub_link(host: str, segs: list[str], query: str) -> _Classified | None:
    if host not in _HF_HOSTS:
        return None
    if not segs:
        return "other", None
    if segs[0] == "datasets" and len(segs) >= 2:
        return "hf_dataset", _repo_id(segs[1:3])
    if segs[0] == "spaces" and len(segs) >= 3:
        return "hf_space", _repo_id(segs[1:3])
    if segs[0] in _HF_RESERVED or len(segs) < 2:
        return "other", None  # a Hub page, or a user/organisation page
    repo_id = _repo_id(segs[:2])
    return ("hf_model", repo_id) if repo_id else ("other", None)


def _repo_id(parts: list[str]) -> str | None:
    if all(_REPO_PART.fullmatch(part) for part in parts):
        return "/".join(parts)
    return None


def hub_link_target(url: str) -> tuple[LinkKind, str | None]:
    """What a URL on the Hub (huggingface.co, hf.co) points at: ("hf_model", id),
    ("hf_dataset", id), ("hf_space", id), or ("other", None) for a Hub page, a URL with
    a user name or port, and any other host."""
    split = _split(url)
    if split is None:
        return "other", None
    parts, host = split
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc or ":" in host:
        return "other", None
    try:
        if parts.port is not None:
            return "other", None
    except ValueError:
        return "other", None
    found = _hub_link(host, [unquote(s) for s in parts.path.split("/") if s], parts.query)
    return found if found is not None else ("other", None)

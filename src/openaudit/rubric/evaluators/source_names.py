"""Proper names of data sources in sentences about the training data.

No list holds every dataset: "We fine-tuned on OpenOrca, MetaMathQA and the Tulu 3 SFT
Mixture", "pretrained on UniRef50 and ZINC15", "trained on the Free Music Archive" name
their data as plainly as "trained on C4" (DESIGN: data named, "datasets or sources").
A careful reader knows a name by its shape: CamelCase (OpenOrca, arXiv), capitals (LVIS,
PDB), letters with digits (ZINC15, HelpSteer2), capitalised hyphenated compounds
(Magpie-Pro-300K, MIMIC-III), and runs of capitalised words (Free Music Archive), in a
sentence saying what the model was trained on, or in a list of a training-data section.

What such a sentence names besides its data is not data: the models that wrote or
filtered it (GPT-4, Llama 2), the organisations that own it (NVIDIA), its formats (JSON),
languages (English), hardware (H100), methods (DPO) and licences (Creative Commons);
and names the sentence negates ("excluding ParaCrawl", "ParaCrawl excluded") or evaluates
on are not training data either.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from openaudit.rubric.evaluators.evaluator_helpers import negated
from openaudit.training_sections import DATA_LABEL, SOURCES_LABEL

# Markup that is not text: images, link targets, bare URLs, `org/name` ids, emphasis.
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+/[\w./-]+")
_MARKUP = re.compile(r"[*_`#>]")

# A word: letters and digits, hyphenated or dotted parts ("Magpie-Pro-300K", "v1.1").
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*")
# Between two words of one name: a single space (or a hyphen, kept in the token).
_JOIN = re.compile(r"[ \t]")

# A sentence saying where its data came from; the name follows the cue.
TRAINING_CUE = re.compile(
    r"\b(?:pre-?)?train\w*|\bfine-?tun\w*|\btun(?:ed|ing)\b|\balign(?:ed|ment)\b|\blearn\w*"
    r"|\b(?:sft|dpo|rlhf|ppo|distill\w*)\b",
    re.IGNORECASE,
)
SOURCE_CUE = re.compile(
    r"\b(?:includ(?:e[sd]?|ing)|consist(?:s|ed|ing)? of|compris\w*|mix(?:ture)?"
    r" of|mixes|blend of|from|sourced|drawn|collected|curated|built|sources?)\b",
    re.IGNORECASE,
)
# A name introduced as what the training was done with, not on: "trained with Megatron-LM",
# "We used FlashAttention-2", "using LoRA", "via TRL", "a fork of X". Data is named so too
# ("fine-tuned with the OpenOrca dataset", "used X, 2M samples in all"), but then the
# sentence says it is data (DATA_CONTEXT), or it stands in a training-data section.
INSTRUMENT_CUE = re.compile(
    r"\b(?:with|using|used|uses?|via|through|implemented[ \t]+in|powered[ \t]+by"
    r"|fork[ \t]+of|on[ \t]+top[ \t]+of)\b",
    re.IGNORECASE,
)
# Words that make a sentence speak of data, not of how the training ran ("data parallel"
# is a way of running it; "tokens" alone may be a batch size).
DATA_CONTEXT = re.compile(
    r"\b(?:data(?:sets?)?(?![ \t-]*parallel)|corp(?:us|ora)|samples|examples|conversations"
    r"|dialogues|documents|pairs|utterances|recordings|captions|images|videos"
    r"|tokens[ \t]+(?:of|from))\b",
    re.IGNORECASE,
)
EVALUATION_CUE = re.compile(
    r"\bevaluat\w*|\bbenchmark\w*|\bvalidat\w*|\btest(?:s|ed|ing)?\b|\bheld[- ]out\b"
    r"|\bleaderboard|\baccuracy\b|\bresults?\b|\bscores?\b|\bcompared?\b",
    re.IGNORECASE,
)

# Single words that are not data: function words and the capitalised first words of
# headings and lists, general categories of data, methods and tools, formats, languages,
# organisations, months, licences.
_FUNCTION = {
    "a",
    "an",
    "the",
    "we",
    "our",
    "it",
    "its",
    "this",
    "these",
    "that",
    "those",
    "in",
    "on",
    "for",
    "of",
    "with",
    "from",
    "and",
    "or",
    "then",
    "also",
    "all",
    "each",
    "both",
    "see",
    "note",
    "after",
    "before",
    "during",
    "finally",
    "first",
    "second",
    "third",
    "next",
    "additionally",
    "moreover",
    "furthermore",
    "however",
    "here",
    "there",
    "they",
    "i",
    "you",
    "as",
    "at",
    "by",
    "to",
    "is",
    "are",
    "was",
    "were",
    "be",
    "only",
    "some",
    "most",
    "about",
}
_GENERIC = {
    "data", "dataset", "datasets", "corpus", "corpora", "collection", "mixture", "mix",
    "training", "pretraining", "pre-training", "fine-tuning", "finetuning", "tuning",
    "instruction", "instructions", "supervised", "unsupervised", "preference", "reward",
    "stage", "phase", "step", "section", "table", "figure", "appendix", "details", "model",
    "hardware", "software", "infrastructure", "compute", "environment", "procedure",
    "models", "base", "chat", "instruct", "web", "books", "book", "code", "news", "papers",
    "articles", "math", "mathematics", "science", "wiki", "forums", "dialogues", "dialogue",
    "conversations", "images", "image", "text", "texts", "audio", "video", "speech", "music",
    "public", "publicly", "available", "licensed", "synthetic", "open", "source", "sources",
    "domain", "general", "high", "quality", "filtered", "internal", "proprietary", "private",
    "human", "annotated", "curated", "multilingual", "total", "tokens", "other", "misc",
    "sft", "dpo", "rlhf", "ppo", "grpo", "orpo", "kto", "rlaif",
    "minhash", "fasttext", "bpe", "tokenizer", "transformer",
    "bf16", "fp16", "fp8", "fp32", "int8", "int4", "gpu", "gpus",
    "tpu", "tpus", "cpu", "api", "apis", "pii", "llm", "llms", "nlp", "ai", "ml", "cot", "qa",
    "json", "jsonl", "csv", "tsv", "xml", "html", "pdf", "png", "jpeg", "jpg", "wav", "mp3",
    "flac", "rgb", "rgba", "sql", "smiles", "fasta", "parquet", "markdown", "latex", "url",
    "urls", "http", "readme", "faq", "tbd", "todo", "none", "unknown", "n/a",
    "english", "chinese", "french", "german", "spanish", "japanese", "korean", "russian",
    "arabic", "portuguese", "italian", "hindi", "vietnamese", "dutch", "polish", "turkish",
    "indonesian", "thai", "swedish", "greek", "hebrew", "persian", "ukrainian", "czech",
    "mandarin", "cantonese", "bengali", "urdu", "swahili", "european", "asian", "african",
    "python", "java", "javascript", "typescript", "rust", "go", "c", "c++", "cpp", "ruby",
    "php", "kotlin", "swift", "scala", "haskell", "bash", "shell", "lean", "coq",
    "nvidia", "openai", "meta", "google", "microsoft", "anthropic", "amazon", "aws", "apple",
    "alibaba", "baidu", "tencent", "deepmind", "huggingface", "hugging", "face", "eleutherai",
    "allenai", "ai2", "cohere", "ibm", "intel", "amd", "facebook", "bytedance", "github",
    "jupyter", "hub", "kaggle", "gitlab", "zenodo", "modelscope", "figshare",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "mit", "apache", "gpl", "bsd", "creative",
    "commons", "license", "licence", "licenses", "licences",
}  # fmt: skip
# Training software and methods: what a model is trained with, never what on. One table
# of the common ones (frameworks, kernels, optimisers, fine-tuning methods, attention and
# position schemes), lowercase, with the hyphenated names they go by; a name whose first
# word is one ("DeepSpeed ZeRO-3", "Megatron-LM fork") or that is one with a version
# ("FlashAttention-2") is no data. Others are told by the sentence (INSTRUMENT_CUE).
TRAINING_SOFTWARE = frozenset(
    {"megatron", "megatron-lm", "megatron-core", "megatron-deepspeed", "deepspeed",
     "deepspeed-chat", "fsdp", "fsdp2", "zero", "nemo", "nemo-aligner", "nemo-rl",
     "nemo-skills", "trl", "peft", "axolotl", "llama-factory", "llamafactory", "unsloth",
     "torchtune", "nanotron", "levanter", "maxtext", "t5x", "fairseq", "fairseq2", "espnet",
     "speechbrain", "gpt-neox", "openrlhf", "verl", "colossalai", "colossal-ai", "accelerate",
     "transformers", "diffusers", "pytorch", "tensorflow", "keras", "jax", "flax", "optax",
     "flashattention", "flash-attention", "flash-attn", "xformers", "apex", "triton", "liger",
     "vllm", "sglang", "sentencepiece", "tiktoken", "bitsandbytes",
     "lora", "qlora", "dora", "adam", "adamw", "adafactor", "lion", "lamb", "sgd", "muon",
     "sophia", "shampoo", "gqa", "mqa", "mha", "mla", "rope", "yarn", "alibi", "swiglu",
     "geglu", "gelu", "rmsnorm", "layernorm", "moe", "fim"}
)  # fmt: skip

# Model families: a name made of one and version, size or variant words is a model
# (GPT-4, Llama 2, Qwen2.5-7B-Instruct), whoever wrote or was tuned from it.
_MODEL = re.compile(
    r"(?:chat)?gpt|llama|mistral|mixtral|qwen|gemma|claude|gemini|phi|falcon|bert|roberta"
    r"|t5|flan-t5|pythia|opt|bloomz?|deepseek|yi|vicuna|whisper|clip|vit|sdxl|stable"
    r"|olmo|granite|nemotron|command|palm|bard|codex|davinci|starcoder\d?|codellama|mpt|glm"
    r"|chatglm|baichuan|internlm",
    re.IGNORECASE,
)
_VERSION = re.compile(
    r"(?:v?\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[bmk]?|\d+x\d+b|o\d|instruct|chat|base|turbo"
    r"|pro|mini|large|small|medium|xl|ultra|flash|sonnet|opus|haiku|it|hf|code|vision)",
    re.IGNORECASE,
)
_SIZE = re.compile(r"(?:\d+x)?\d+(?:\.\d+)?[bm]", re.IGNORECASE)  # parameters: a model
_HARDWARE = re.compile(r"[ahvlbt]\d{2,3}[a-z]?|mi\d{3}x?|gh200|rtx\w*|tpu\w*|gpu\w*", re.I)
# Words after a name that make it a model, hardware or a licence, not data.
_FOLLOWED_NOT_DATA = re.compile(
    r"[ \t]*(?:\(\w[^)]*\)[ \t]*)?(?:models?\b|gpus?\b|tpus?\b|chips?\b|nodes?\b|cards?\b"
    r"|licen[cs]es?\b|tokeni[sz]er\b|architecture\b|supercomputer\b|cluster\b"
    r"|checkpoints?\b|weights\b"
    # what is filtered out of the data ("Rigorous CSAM filtering", "PII removal")
    r"|filter(?:ing|s)\b|detection\b|removal\b|classifiers?\b"
    r"|'s (?:api|models?)\b)",
    re.IGNORECASE,
)
# Right after the name: the name is left out ("ParaCrawl excluded").
_EXCLUDED_AFTER = re.compile(
    r"[ \t]*(?:\)[ \t]*)?(?:(?:was|were|is|are)[ \t]+)?(?:excluded|removed|omitted|dropped"
    r"|(?:was|were|is|are)?[ \t]*not[ \t]+used)\b",
    re.IGNORECASE,
)
# Right before the name: what made or processed the data ("generated by GPT-4",
# "filtered with FastText"), unless a training verb takes it ("fine-tuned with X").
_AGENT_BEFORE = re.compile(
    r"\b(?P<verb>\w+)?[ \t]+(?:by|with|using|via|under|through|at|in)[ \t]+(?:the[ \t]+|a[ \t]+"
    r"|an[ \t]+)?$",
    re.IGNORECASE,
)
# The last word of an organisation's name ("Acme Labs", "Stability AI").
_ORGANISATION = re.compile(
    r"(?:corp(?:oration)?|inc|ltd|llc|gmbh|labs?|university|institute|team|foundation"
    r"|research|ai|group|company)\.?",
    re.IGNORECASE,
)
_LICENCE = re.compile(r"\bCC[- ]BY\b|\bCC0\b|\bODC[- ]|\blicen[cs]e", re.IGNORECASE)
# The last word of a tool's name in code ("MultipleNegativesRankingLoss").
_TOOL_SUFFIX = re.compile(r"[a-z](?:Loss|Trainer|Optimizer|Scheduler|Tokenizer|Model|Config)$")
# Right before the name: a training verb whose object it is (the model, not the data).
_TRAINED_BEFORE = re.compile(
    r"\b(?:(?:pre-?)?train(?:ed|s)?|fine-?tun(?:ed|es?)|tuned|distill(?:ed|s)?)[ \t]+"
    r"(?:the[ \t]+|a[ \t]+|an[ \t]+)?$",
    re.IGNORECASE,
)
# A list item's bullet: its first words may be a name ("- Project Gutenberg: books").
_BULLET = re.compile(r"[ \t]*(?:[-+]|\d{1,3}[.)])[ \t]+$")
# Before a name: nothing but a list item's bullet or number and its label ("2) ",
# "Code: "), so the name opens the sentence or the item's text, where any word is
# capitalised ("2) Newly created ...", "* Code: Exposing the model to code ..."). Bounded,
# so the match stays short on a long sentence.
_OPENING = re.compile(
    r"[ \t]*(?:(?:[-+]|\d{1,3}[.)])[ \t]+)?"
    r"(?:(?P<label>[^\W_][\w'\u2019 /&-]{0,60}?)[ \t]*:[ \t]*)?"
)
# A word that says what is done, not what with: a gerund or an adverb ("Exposing",
# "Newly"); the last word of a process's or a training method's name ("CSAM Filtering",
# "Direct Preference Optimization", "Reinforcement Learning").
_GERUND_OR_ADVERB = re.compile(r"[A-Za-z][a-z]{2,}(?:ing|ly)")
_PROCESS_LAST = re.compile(
    r"(?:[A-Za-z]+-)*[A-Za-z][a-z]{2,}(?:ing|i[sz]ation|alignment|distillation|augmentation)",
    re.IGNORECASE,
)
# Right after a name: a data noun that makes it the name of data ("Anthropic Red Teaming
# data", "the Nemotron Post-Training dataset"), whatever its last word looks like.
_DATA_AFTER = re.compile(r"[ \t]+(?:data(?:sets?)?|datasets?|set|corpus|corpora)\b", re.IGNORECASE)
# After a list label's name ("* Forums: Reddit and Quora threads.", "Forums: Reddit,
# Stack Exchange", "* News: Reuters articles.", "1) Reddit"): the item ends, more
# capitalised names follow, or a plural noun of content, so the name is the item's value,
# not the first word of a sentence ("* Code: Exposing the model ...").
_VALUE_AFTER = re.compile(
    r"[ \t]*(?:[.;]?[ \t]*$|(?:,|&|\band\b)[ \t]+(?:the[ \t]+)?[A-Z]"
    r"|[ \t]+(?:articles|threads|comments|posts|pages|questions|answers|conversations"
    r"|dialogues|documents|texts|books|papers|transcripts|dumps|instructions)\b)"
)
# An adjective's or participle's ending: a sentence's first word, not a name ("Rigorous",
# "Synthetic", "Additional", "Curated", "English", "Multilingual").
_ADJECTIVE_END = re.compile(
    r"[A-Za-z]+(?:ed|ing|ly|ous|al|ive|ic|ful|able|ible|ary|ent|ant|less|ish|ese|ian)"
)
# A compound that describes data by its likeness to a source ("Wikipedia-style articles",
# "textbook-like data", "ShareGPT-style chats"): no source named.
_LIKENESS = re.compile(r"[\w.-]*-(?:style|like)", re.IGNORECASE)
# A bold label opening a sentence or list item.
_LABEL = re.compile(r"[ \t]*(?:[-+*][ \t]+)?(\*\*|__)[^*_\n]{1,80}\1:?")
_PLACEHOLDER = re.compile(r"more information needed", re.IGNORECASE)
# The name is what was trained ("Acme-3 was pretrained on ..."), not the data.
_SUBJECT_TRAINED = re.compile(
    r"(?:[ \t]+v?\d[\w.]*)*[ \t]*(?:\([^)]*\)[ \t]*)?"
    r"(?:(?:was|is|were|are|has|have|had)[ \t]+)?(?:been[ \t]+)?"
    r"(?:\w+ly[ \t]+|further[ \t]+)?(?:(?:pre-?)?train(?:ed|s)?|fine-?tun(?:ed|es)|tuned"
    r"|distilled|learn(?:s|ed|t))\b",
    re.IGNORECASE,
)
# A citation's "et al." after an author's name.
_ET_AL = re.compile(r"[ \t]+et[ \t]+al\b", re.IGNORECASE)
# Negations the shared helper does not read ("Neither ... include X").
_NEITHER = re.compile(r"\b(?:neither|nor|none of)\b", re.IGNORECASE)
# An owner ("information from Nimbus's products"), not a source's name.
_POSSESSIVE = re.compile(r"['\u2019]s\b")
# Right before the name: code taken from it ("the modified code `train.py` from X").
_CODE_FROM = re.compile(
    r"\b(?:code|scripts?|recipes?|implementation|repository|repo|library|framework|tool(?:kit)?"
    r"|pipeline|trainer)\b(?:[^.,;]|\.(?=\S)){0,40}\b(?:from|of|in|by)[ \t]+(?:the[ \t]+)?$",
    re.IGNORECASE,
)
# Right before the name: a work followed or cited ("We follow Datasheets for Datasets").
_REFERENCE_BEFORE = re.compile(
    r"\b(?:follow(?:s|ed|ing)?|see|cf|as in|described in|proposed in|introduced in"
    r"|according to|inspired by)[ \t]+(?:the[ \t]+)?$",
    re.IGNORECASE,
)
_ON_BEFORE = re.compile(r"\bon[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)
UNDISCLOSED = re.compile(
    r"\b(?:internal|proprietary|private|in-house|undisclosed|confidential|not (?:disclosed|"
    r"released|public))",
    re.IGNORECASE,
)
REACH = 80  # characters looked at before a name for a negation or an undisclosed source
LEAD_WINDOW = 200  # characters before a name its lead patterns read (a few words each)
_COLON_AFTER = re.compile(r"\s*:")


def unlinked(sentence: str) -> str:
    """A sentence without images, link targets, URLs and ids: link texts kept."""
    text = _IMAGE.sub(" ", sentence)
    text = _LINK.sub(lambda m: m.group(1), text)
    return _URL.sub(" ", text)


def plain_text(sentence: str) -> str:
    """A sentence without markup: link texts kept, targets, URLs, ids and emphasis dropped."""
    return _MARKUP.sub(" ", unlinked(sentence))


def referenced_before(text: str, at: int) -> bool:
    """Whether the words right before a name at `at` cite it as a work followed or an
    inspiration ("inspired by The Pile", "as in X"), not as data."""
    lead = re.sub(r"[\[*_`]+$", "", text[max(0, at - REACH) : at])  # "inspired by [The Pile]("
    return _REFERENCE_BEFORE.search(lead) is not None


def excluded_after(text: str, end: int) -> bool:
    """Whether the words right after a name ending at `end` leave it out ("ParaCrawl
    excluded", "X was not used")."""
    return _EXCLUDED_AFTER.match(text, end) is not None


def source_names(
    sentence: str, *, listed: bool, cell: bool = False, processing: bool = False
) -> list[str]:
    """The proper names a sentence gives as sources of the training data: after a cue
    ("trained on", "used", "from"), or with `listed` (a training-data section's list
    item or sentence) anywhere; not models, organisations, formats, languages, hardware,
    methods, licences, nor names negated, evaluated on or called undisclosed. With
    `processing` (a section on how the data was processed), a list item's label names a
    step ("* PII Removal: ..."), not a source."""
    if "|" in sentence:  # a table row: each cell on its own; no names in an evaluation row
        if EVALUATION_CUE.search(sentence) and not TRAINING_CUE.search(sentence):
            return []
        cells = [cell for cell in sentence.split("|") if cell.strip()]
        if len(cells) > 1:
            return [
                name
                for c in cells
                for name in source_names(c, listed=listed, cell=True, processing=processing)
            ]
    label = _LABEL.match(sentence)  # "**Training Procedure** Trained on ...": two parts
    if label is not None and label.end() < len(sentence.rstrip()):
        # each leading label on its own (in a loop: a chain of labels is no deep recursion)
        head: list[str] = []
        end, pos = len(sentence.rstrip()), 0
        while label is not None and label.end() < end:
            head += source_names(label.group(0), listed=listed, cell=cell, processing=processing)
            pos = label.end()
            label = _LABEL.match(sentence, pos)
        rest = sentence[pos:]
        return head + source_names(rest, listed=listed, cell=cell, processing=processing)
    text = plain_text(sentence)
    cues = _Cues(text)
    found = []
    for start, end in _runs(text):
        run = text[start:end]
        if _ET_AL.match(text, end):  # "CoLA Warstadt et al.": the name before its citation
            run = run.rpartition(" ")[0]
            end = start + len(run)
        name = _trimmed(run)
        if name is None:
            continue
        at = end - len(name)
        if processing and not _named_shape(name) and _step_label(text, at, name, cues):
            continue  # "* PII Removal: ...", not "* OpenOrca: filtered for quality."
        if _kept(text, at, name, cues, listed=listed, item=cell and listed):
            found.append(name)
    return found


class _Cues:
    """What `_kept` asks of the text around each name, found once per sentence: the cues'
    places and the first letter's; a long sentence of many names is read in linear time,
    not once per name."""

    def __init__(self, text: str) -> None:
        letter = re.search(r"[A-Za-z]", text)
        alnum = re.search(r"[A-Za-z0-9]", text)
        self.first_letter = letter.start() if letter else len(text)
        self.first_alnum = alnum.start() if alnum else len(text)
        kinds = [
            (TRAINING_CUE, "source"),
            (SOURCE_CUE, "source"),
            (INSTRUMENT_CUE, "instrument"),
            (EVALUATION_CUE, "evaluation"),
        ]
        self.before = [_Spans(pattern, text, kind) for pattern, kind in kinds]
        self.data = _Spans(DATA_CONTEXT, text, "data")
        self.evaluation = self.before[3]
        self.training = self.before[0]

    def nearest_before(self, at: int) -> str | None:
        """The kind of the cue that ends last before `at` (the latest start wins)."""
        cues = [(start, s.kind) for s in self.before if (start := s.last_before(at)) >= 0]
        return max(cues)[1] if cues else None


class _Spans:
    """A pattern's matches in a text, by start and end (finditer's order: both rise)."""

    def __init__(self, pattern: re.Pattern[str], text: str, kind: str) -> None:
        self.kind = kind
        matches = [(m.start(), m.end()) for m in pattern.finditer(text)]
        self.starts = [start for start, _ in matches]
        self.ends = [end for _, end in matches]

    def last_before(self, at: int) -> int:
        """The start of the last match ending at or before `at`, or -1."""
        i = bisect_right(self.ends, at)
        return self.starts[i - 1] if i else -1

    def any_outside(self, at: int, end: int) -> bool:
        """Whether a match ends at or before `at` or starts at or after `end`."""
        return bisect_right(self.ends, at) > 0 or self.any_from(end)

    def any_from(self, end: int) -> bool:
        """Whether a match starts at or after `end`."""
        return bisect_left(self.starts, end) < len(self.starts)


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of runs of name-like words joined by single spaces; a number or a
    version inside a run joins it ("Tulu 3 SFT Mixture"), one at its end does not."""
    runs: list[tuple[int, int]] = []
    current: list[tuple[int, int, bool]] = []  # (start, end, name-like)

    def close() -> None:
        while current and not current[-1][2]:
            current.pop()
        if current:
            runs.append((current[0][0], current[-1][1]))
        current.clear()

    for match in _TOKEN.finditer(text):
        word, start = match.group(0), match.start()
        if current and not _JOIN.fullmatch(text[current[-1][1] : start]):
            close()
        if _name_like(word):
            current.append((start, match.end(), True))
        elif current and (word[0].isdigit() or re.fullmatch(r"v\d[\w.]*", word)):
            current.append((start, match.end(), False))  # inside a name only
        else:
            close()
    close()
    return runs


def _name_like(word: str) -> bool:
    """A word that may be part of a name: capitalised, CamelCase (arXiv) or capitals;
    not a likeness ("Wikipedia-style")."""
    if _LIKENESS.fullmatch(word):
        return False
    return word[0].isupper() or bool(re.match(r"[a-z]{2,}[A-Z]", word))


def _step_label(text: str, at: int, name: str, cues: _Cues) -> bool:
    """Whether a name at `at` is the label of a list item ("  PII Removal: ..."): only a
    bullet or number before it, a colon after it."""
    return at <= cues.first_letter and _COLON_AFTER.match(text, at + len(name)) is not None


def _opening(text: str, at: int) -> bool:
    """Whether the text before a name at `at` only opens a sentence or list item:
    nothing, a bullet or number, or a list item's label other than a data label ("Code: ",
    not "Training data: ", whose value is given as the name)."""
    opening = _OPENING.fullmatch(text, 0, at)
    if opening is None:
        return False
    label = (opening.group("label") or "").strip()
    return not (DATA_LABEL.fullmatch(label) or SOURCES_LABEL.fullmatch(label))


def _shaped(word: str) -> bool:
    """A word that is a name by its shape alone: an inner capital (OpenOrca, LVIS,
    arXiv, HH-RLHF) or a capital with digits (ZINC15, Objects365, Zyda-2)."""
    inner = any(c.isupper() for c in word[1:])
    return len(word) >= 3 and (inner or (word[0].isupper() and any(c.isdigit() for c in word)))


def _named_shape(name: str) -> bool:
    """A name with a word that is a name by its shape and holds a small letter (OpenMath,
    FineWebPlus, Zyda-2), not an acronym alone (CSAM, PII: "CSAM Filtering" is a
    process)."""
    return any(_shaped(word) and any(c.islower() for c in word) for word in name.split())


def _value_of_item(text: str, at: int, end: int, name: str) -> bool:
    """Whether a name opening a list item (after its bullet or its label) is the item's
    value: the item is the name alone ("1) Reddit"), or, after a label, names follow it or
    a content noun does, and it has no adjective's ending ("* Forums: Reddit and Quora",
    "* News: Reuters articles", not "* CSAM Filtering: Rigorous ...")."""
    opening = _OPENING.fullmatch(text, 0, at)
    if opening is None or not text[:at].strip():
        return False  # a sentence's first word, no list item
    if re.fullmatch(r"[ \t.,;]*", text[end:]):  # (a blanked corpus may follow)
        return True
    return (
        bool(opening.group("label"))
        and _VALUE_AFTER.match(text, end) is not None
        and not _ADJECTIVE_END.fullmatch(name)
    )


def _trimmed(run: str) -> str | None:
    """The run without leading function words ("The Cauldron"), or None when nothing
    but function and generic words is left ("Supervised Fine-Tuning", "Public Domain")."""
    words = run.split()
    while words and words[0].lower() in _FUNCTION:
        words = words[1:]
    if not words or all(_plain(w) or w[0].isdigit() for w in words):
        return None
    return " ".join(words)


# The second part of an adjective made of a generic word ("English-language",
# "Spanish-speaking", "English-only"): a description, not a name.
_ADJECTIVE_PART = frozenset(
    {"language", "languages", "speaking", "only", "centric", "based", "specific", "native"}
)


def _plain(word: str) -> bool:
    """A function word or a generic one (a category, method, format, language, vendor),
    or an adjective made of one ("English-language")."""
    lower = word.lower()
    if lower in _FUNCTION or lower in _GENERIC or lower in TRAINING_SOFTWARE:
        return True
    head, _, tail = lower.partition("-")
    return head in _GENERIC and tail in _ADJECTIVE_PART


def _kept(text: str, at: int, name: str, cues: _Cues, *, listed: bool, item: bool) -> bool:
    """Whether a name at `at` in the plain sentence `text` is a training-data source;
    `item`: the text is a cell of a table of training data."""
    words = name.split()
    end = at + len(name)
    # the patterns read before a name end at it and span a few words: a window of the
    # text before it serves them (the whole lead made a long sentence's names quadratic)
    lead = text[max(0, at - LEAD_WINDOW) : at]
    first_in_sentence = at <= cues.first_alnum
    shaped = any(_shaped(word) for word in words)
    if not shaped and len(name) < 3:
        return False
    opens = len(words) == 1 and not shaped and _opening(text, at)
    if opens and not _value_of_item(text, at, end, name):
        return False  # a capitalised first word ("Pretraining used ...", "2) Newly made")
    # a name by its shape or followed by "data" is one, whatever its words look like
    # ("OpenMath Reasoning", "Anthropic Red Teaming data", "trained on Firefly"): a
    # gerund or an adverb is a first word only where the sentence or item opens
    named = _named_shape(name) or _DATA_AFTER.match(text, end) is not None
    if (
        not named
        and len(words) == 1
        and _GERUND_OR_ADVERB.fullmatch(name)
        and _OPENING.fullmatch(text, 0, at) is not None
    ):
        return False  # "Exposing the model to code", "Primarily"
    if not named and _PROCESS_LAST.fullmatch(words[-1]):
        return False  # a process or method ("CSAM Filtering", "Direct Preference Optimization")
    if not shaped and first_in_sentence and not (item or _BULLET.fullmatch(text, 0, at)):
        return False  # a heading's or a label's words ("Data Freshness")
    if (
        _PLACEHOLDER.fullmatch(name)
        or _SUBJECT_TRAINED.match(text, end)
        or _POSSESSIVE.match(text, end)
    ):
        return False
    if _not_data(words, on_before=bool(_ON_BEFORE.search(lead))):
        return False
    if _TOOL_SUFFIX.search(words[-1]) or (len(words) > 1 and _ORGANISATION.fullmatch(words[-1])):
        return False
    if (
        _LICENCE.search(name)
        or _FOLLOWED_NOT_DATA.match(text, end)
        or _EXCLUDED_AFTER.match(text, end)
    ):
        return False
    if _TRAINED_BEFORE.search(lead):
        return False  # the model trained ("we fine-tuned Flan-T5 on ..."), not its data
    if _CODE_FROM.search(lead) or _REFERENCE_BEFORE.search(lead):
        return False
    agent = _AGENT_BEFORE.search(lead)
    if agent and not TRAINING_CUE.fullmatch(agent.group("verb") or ""):
        return False
    if (
        negated(text, at, REACH)
        or _NEITHER.search(text, max(0, at - REACH), at)
        or UNDISCLOSED.search(text, max(0, at - 40), at + len(name))
    ):
        return False
    return _cued(lead, at, end, cues, listed=listed)


def _not_data(words: list[str], *, on_before: bool) -> bool:
    """A model, a tool or hardware, not data: a model family or a generic word with
    version, size or variant words (GPT-4, Llama 2, ZeRO-3), hardware (H100), or (unless
    right after "on": "trained on SA-1B") a name ending in a parameter count (Tiny-1B)."""
    if words[0].lower() in TRAINING_SOFTWARE:
        return True  # "Megatron-LM", "NeMo-Aligner and TRL"
    parts = [p for w in words for p in re.split(r"[-_ ]", w) if p]
    if any(_HARDWARE.fullmatch(p) for p in parts):
        return True
    while parts and _plain(parts[0]):  # "Meta Llama 3", "DeepSpeed ZeRO-3"
        parts = parts[1:]
    if all(re.fullmatch(r"v?\d[\w.]*", p) for p in parts):
        return True  # a generic word's version ("ZeRO-3")
    first = parts[0]
    head = re.match(r"[A-Za-z]+", first)
    family = _MODEL.fullmatch(first) is not None or (
        head is not None
        and _MODEL.fullmatch(head.group(0)) is not None
        and _VERSION.fullmatch(first[head.end() :]) is not None
    )
    if family and all(_VERSION.fullmatch(p) for p in parts[1:]):
        return True
    return not on_before and _SIZE.fullmatch(parts[-1]) is not None


def _cued(lead: str, at: int, end: int, cues: _Cues, *, listed: bool) -> bool:
    """Whether the sentence gives a name (at `at`, ending at `end`; `lead`: the window
    before it) as what the model was trained on: the nearest cue before it is about
    training or a source, not evaluation; with no cue before it (a list item of a
    training-data section, when `listed`), the rest of the sentence does not speak of
    evaluation."""
    cue = cues.nearest_before(at)
    if cue == "instrument":  # what it was trained with: data only where it says so
        # ("trained with X on MetaMathQA": what follows "on" is what it was trained on)
        on = _ON_BEFORE.search(lead) is not None
        return listed or on or cues.data.any_outside(at, end)
    if cue is not None:
        return cue == "source"
    return listed and not (cues.evaluation.any_from(end) and not cues.training.any_from(end))

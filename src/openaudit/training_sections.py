"""Where a card speaks of training, and what a sentence says was done with a name.

Section titles about training data ("Training Data", "Datasets"), about training in
general ("Training", "Fine-tuning"), about how it was run and on what hardware, about
the model's architecture and about evaluation, in several languages; the cues
of a sentence saying the model was trained on what stands in it, or evaluated on it;
table rows labelled as training data. Pure readings of a parsed card, shared by the
rubric's data readers (`rubric.evaluators.training_data`) and by `data_links`, which the
Hub source uses too.
"""

from __future__ import annotations

import re

from openaudit.card import Card, Section
from openaudit.sentences import Sentences

# "not trained on The Pile", "unlike delta releases": a negation earlier in the sentence.
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|unlike|instead of|excluding|without)\b[^.\n]*$", re.IGNORECASE
)


def negated(text: str, at: int, reach: int) -> bool:
    """Whether the sentence before position `at` (up to `reach` characters back) negates
    what stands at `at`."""
    return _NEGATION.search(text, max(0, at - reach), at) is not None


# Sections about the training data: all their text is about it.
DATA_SECTION_NAMES = [
    "Training Data",
    "Training Dataset",
    "Datasets",
    "Dataset",
    "Data",
    "Corpus",
    "Corpora",
    "训练数据",  # training data (also 预训练数据, pretraining data)
    "数据集",  # dataset
    "语料",  # corpus
    "訓練資料",  # Traditional Chinese: training data
    "訓練數據",
    "資料集",  # dataset
    "數據集",
    "語料",  # corpus
    "学習データ",  # Japanese: training data (also 事前学習データ)
    "訓練データ",
    "データセット",  # dataset
    "コーパス",  # corpus
    "학습 데이터",  # Korean: training data
    "훈련 데이터",
    "데이터셋",  # dataset
    "데이터 세트",
    "말뭉치",  # corpus
    "Données d'entraînement",  # French: training data
    "Jeu de données",  # dataset
    "Jeux de données",
    "Trainingsdaten",  # German: training data
    "Datensatz",  # dataset
    "Datensätze",
    "Datos de entrenamiento",  # Spanish: training data
    "Conjunto de datos",  # dataset
    "Conjuntos de datos",
]
# Sections about training in general: only their sentences about data are.
TRAINING_SECTION_NAMES = [
    "Training",
    "Pretraining",
    "Pre-training",
    "Fine-tuning",
    "Finetuning",
    "训练",  # training (also 预训练, pretraining)
    "訓練",  # Traditional Chinese and Japanese: training (also 預訓練)
    "学習",  # Japanese: training (also 事前学習, pretraining)
    "ファインチューニング",  # fine-tuning
    "학습",  # Korean: training (also 사전 학습, pretraining)
    "훈련",
    "미세 조정",  # fine-tuning
    "Entraînement",  # French: training (also Pré-entraînement)
    "Affinage",  # fine-tuning
    "Vortraining",  # German: pretraining ("Training" as in English)
    "Trainings*",  # German compounds: Trainingsverfahren, Trainingsablauf (not "constraining")
    "Vortrainings*",
    "Feinabstimmung",  # fine-tuning
    "Entrenamiento",  # Spanish: training
    "Preentrenamiento",  # pretraining
    "Ajuste fino",  # fine-tuning
]
# Sections on how training was run: its procedure, details, setup (not its data).
TRAINING_RUN_SECTION_NAMES = [
    "Training Procedure",
    "Training Details",
    "Training Setup",
    "Fine-tuning",
    "训练流程",  # training procedure (also 训练过程, 训练方法, 训练细节, 训练设置)
    "训练过程",
    "训练方法",
    "训练细节",
    "训练设置",
    "训练配置",
    "微调",  # fine-tuning
    "訓練流程",  # Traditional Chinese
    "訓練過程",
    "訓練方法",
    "訓練細節",
    "學習方法",
    "学習方法",  # Japanese: training method (also 学習手順, 学習の詳細, 学習設定)
    "学習手順",
    "学習詳細",
    "学習設定",
    "ファインチューニング",
    "학습 방법",  # Korean: training method (also 학습 절차, 학습 과정, 학습 세부 정보)
    "학습 절차",
    "학습 과정",
    "학습 설정",
    "훈련 방법",
    "훈련 과정",
    "미세 조정",
    "Procédure d'entraînement",  # French
    "Détails de l'entraînement",
    "Détails d'entraînement",
    "Configuration d'entraînement",
    "Trainingsverfahren",  # German
    "Trainingsdetails",
    "Trainingsablauf",
    "Trainingsprozess",
    "Trainingsaufbau",
    "Trainingskonfiguration",
    "Feinabstimmung",
    "Procedimiento de entrenamiento",  # Spanish
    "Detalles del entrenamiento",
    "Detalles de entrenamiento",
    "Configuración del entrenamiento",
    "Ajuste fino",
]
# Sections documenting how the training run went, beyond the template's titles above:
# a recipe, the reproduction of training ("Reproduction", "Reproducibility",
# "Reproducing the model"), "How we trained it". Only the readers of run documentation
# (EOSAI `code`) take them: a code-topic reader must not, since "Reproducing evaluation
# results" holds evaluation code, not training code. A title on evaluation and not on
# training is no run documentation either (`run_documentation_title`).
RUN_DOCUMENTATION_SECTION_NAMES = (
    *TRAINING_RUN_SECTION_NAMES,
    "Training Recipe",
    "Recipe",
    "Recipes",
    "Reproduction",
    "Reproducibility",
    "Reproducing",
    "Reproduce",
    "How we trained",
    "How it was trained",
    "How the model was trained",
    "How this model was trained",
    "复现",  # Chinese: reproduction (复现训练, 训练复现)
    "復現",
    "再現",  # Japanese: reproduction (再現方法, 再現性)
    "재현",  # Korean: reproduction
    "Reproduktion",  # German (also Reproduzierbarkeit)
    "Reproduzierbarkeit",
    "Reproductibilité",  # French
    "Reproducción",  # Spanish
    "Reproducibilidad",
)


# Sections on training as a whole, the card's topic (its data and its run).
TRAINING_TOPIC_NAMES = [
    "Training Details",
    "Training Procedure",
    "Training",
    "训练",
    "訓練",
    "学習",
    "학습",
    "훈련",
    "Entraînement",
    "Trainings*",
    "Entrenamiento",
]
# Sections on the model's architecture: its structure, its technical details.
ARCHITECTURE_SECTION_NAMES = [
    "Model Architecture",
    "Architecture",  # French too
    "Technical Specifications",
    "Model Details",
    "模型结构",  # model structure (also 模型架构, 网络结构)
    "模型架构",
    "网络结构",
    "模型結構",  # Traditional Chinese
    "模型架構",
    "網路結構",
    "技术规格",  # technical specifications
    "技術規格",
    "モデル構造",  # Japanese: model structure
    "モデルアーキテクチャ",
    "アーキテクチャ",
    "技術仕様",
    "모델 구조",  # Korean: model structure
    "아키텍처",
    "기술 사양",
    "Architektur",  # German (also Modellarchitektur)
    "Modellarchitektur",
    "Technische Spezifikationen",
    "Modelldetails",
    "Spécifications techniques",  # French
    "Détails du modèle",
    "Arquitectura",  # Spanish
    "Especificaciones técnicas",
    "Detalles del modelo",
]
# Sections on the hardware and compute the model was trained on (those on running it,
# "Hardware Requirements", "硬件要求", are told apart by RUNNING_WORDS below).
HARDWARE_SECTION_NAMES = [
    "Hardware",  # German and Spanish too
    "Compute Infrastructure",
    "Training Infrastructure",
    "Compute",
    "硬件",  # hardware (also 训练硬件)
    "硬體",
    "算力",  # compute
    "计算资源",  # compute resources
    "計算資源",
    "ハードウェア",  # Japanese
    "計算環境",
    "하드웨어",  # Korean
    "컴퓨팅 자원",
    "Trainingshardware",  # German
    "Trainingsinfrastruktur",
    "Rechenressourcen",
    "Matériel",  # French
    "Infrastructure d'entraînement",
    "Infraestructura de entrenamiento",  # Spanish
    "Recursos de cómputo",
]

# Running the model in other languages: German, French, Spanish; Chinese, Japanese, Korean.
_RUNNING_ELSEWHERE = (
    r"|\b(?:\w*anforderungen|voraussetzungen|empfohlen\w*|inferenz|bereitstellung"
    r"|exigences|configuration\s+requise|recommandée?s?|inférence|déploiement"
    r"|requisitos|recomendad[oa]s?|inferencia|despliegue)\b"
    r"|推理|部署|要求|需求|推荐|推薦|最低|显存|顯存|兼容|相容|推論|デプロイ|要件|推奨|動作環境"
    r"|量子化|추론|배포|요구|권장|최소|호환|양자화"
)
# A sentence, title or label about running the model ("runs on a single RTX 4090",
# "requires 24 GB of VRAM", "Hardware Requirements", "Recommended Hardware", "Supported
# Hardware Microarchitecture Compatibility", "Compute your embeddings": the verb) and not
# about training it: the hardware it names is not the training setup (EOSAI's hardware
# reader, the card's topics); in the languages of the titles above.
RUNNING_WORDS = re.compile(
    r"\b(?:inference|deploy\w*|serv(?:e|es|ed|ing)|runs?\s+(?:on|with|in)|running"
    r"|vram|memory|requires?|requirements?|recommend\w*|minimum|compatib\w*"
    r"|supported\s+(?:hardware|gpus?|devices?|platforms?|accelerators?)|fits?|quanti[sz]\w*"
    r"|compute\s+(?:your|the|a|an|its|their|our|this|these|those))\b" + _RUNNING_ELSEWHERE,
    re.IGNORECASE,
)
TRAINING_WORDS = re.compile(
    r"\b(?:(?:pre-?|post-?)?train\w*|fine-?tun\w*|took|lasted"
    r"|vortrain\w*|feinabstimm\w*|entra[iî]n\w*|entrena\w*)\b"
    r"|训练|訓練|学習|微调|微調|학습|훈련",
    re.IGNORECASE,
)


def about_running(text: str) -> bool:
    """Whether a sentence, title or label is about running the model and not training it."""
    return RUNNING_WORDS.search(text) is not None and TRAINING_WORDS.search(text) is None


# What a hardware section's sentence says of running the model, narrower than
# RUNNING_WORDS: "requires certain GPUs to run", "to run the model", "We have tested on the
# following GPU types", "supported on NVIDIA and AMD GPUs", "inference", "24 GB of VRAM".
# Not "memory", "fits", "requires" or "supports" alone, which a training setup says too
# ("8 A100 GPUs and 1 TB of host memory", "a cluster that supports 400 Gbps links", "the job
# needed 21 days to run on 2048 TPUs").
RUNNING_HARDWARE = re.compile(
    r"\b(?:inference|deploy\w*|serving|(?<!\bto\s)runs?\s+(?:on|with|in)|vram|recommend\w*|minimum"
    r"|compatib\w*|requirements?|quanti[sz]\w*"
    r"|supported\s+(?:on|by|hardware|gpus?|devices?|platforms?|accelerators?)"
    r"|test(?:ed|s)?\s+(?:\w+\s+)?on"
    r"|to\s+run\s+(?:the\s+model|the\s+weights|this\s+model|it|them|inference|locally)"
    r"|to\s+run(?=\s*(?:[.;:,)]|$)))\b" + _RUNNING_ELSEWHERE,
    re.IGNORECASE,
)
# ... and of training: accelerator hours ("1.2M GPU hours"), or accelerators or nodes
# counted ("512 H100-80G", "8 x A100s", "256 GPUs", "64 nodes"), which a training setup
# states and a list of the GPUs the model runs on does not.
TRAINING_HARDWARE = re.compile(
    r"\b(?:GPU|TPU|IPU|accelerator|chip|node)[- ]hours?\b"
    r"|\b\d[\d,]{0,9}\s*(?:[x\u00d7]\s*)?(?:(?:NVIDIA|AMD|Google|Intel)\s+)?"
    r"(?:[AHV]100|H[28]00|H20|A[48]00|A6000|A40|A10G?|L40S?|G[BH]?[12]00|MI\d{3}X?"
    r"|TPU[\s-]?v\d[\w-]*|Gaudi\s?\d?|Ascend\s?910\w?|GPUs|TPUs|accelerators|chips|nodes)\b",
    re.IGNORECASE,
)


def runs_the_model(sentences: list[str]) -> bool:
    """Whether a hardware section's sentences (its sub-sections' too) tell what the model
    runs on, not what trained it (rules.md: hardware to run the model is not the training
    setup): one says running (RUNNING_HARDWARE) and none says training, in words
    (TRAINING_WORDS) or by accelerator hours or counted accelerators (TRAINING_HARDWARE)
    without saying running. A section saying neither stays the training setup a card's
    hardware section usually is."""
    running = False
    for sentence in sentences:
        said_running = RUNNING_HARDWARE.search(sentence) is not None
        if TRAINING_WORDS.search(sentence):
            return False
        if TRAINING_HARDWARE.search(sentence) and not said_running:
            return False
        running = running or said_running
    return running


# An address in a hardware section: not read for words ("see .../training-cluster").
ADDRESS = re.compile(r"(?:https?|ftp)://[^\s<>\"'\])]+", re.IGNORECASE)


def running_hardware(card: Card, section: Section) -> bool:
    """Whether a section titled as hardware or compute tells what the model runs on, not
    what trained it: neither it nor a section enclosing it (not the card's title heading,
    which names the model: "# Trainer-7B") is titled as training, and its text with its
    sub-sections' (addresses not read) `runs_the_model`. The one reading EOSAI's hardware
    reader and the card's topics share, made once per section."""

    def compute() -> bool:
        if not card.title_matches(section, *HARDWARE_SECTION_NAMES):
            return False
        path = [s for s in card.section_path(section) if s is not card.title_section]
        if any(
            TRAINING_WORDS.search(s.title) or card.title_matches(s, *TRAINING_SECTION_NAMES)
            for s in path
        ):
            return False
        text = card.section_text(section)
        text = ADDRESS.sub(" ", text) if "://" in text else text
        # a training word anywhere, or no running cue anywhere, decides without splitting;
        # so does running said with no accelerators counted
        if TRAINING_WORDS.search(text) or not RUNNING_HARDWARE.search(text):
            return False
        if not TRAINING_HARDWARE.search(text):
            return True
        return runs_the_model(card.sentences(text).texts)

    return card.derived(("running hardware", section.line, section.title), compute)


# "Testing Data" under "Evaluation" names benchmarks, not training data; a title naming
# training too ("Training and evaluation data", "Training results") is about training.
EVALUATION_SECTION_NAMES = (
    "Evaluation",
    "Testing",
    "Benchmark",
    "Benchmarks",
    "Results",
    "评测",  # evaluation (评测结果: evaluation results)
    "评估",  # assessment
    "評測",  # Traditional Chinese: evaluation
    "評估",
    "評価",  # Japanese: evaluation
    "평가",  # Korean: evaluation
    "Évaluation",  # French
    "Evaluierung",  # German
    "Evaluación",  # Spanish
)


# Evaluation in a reproduction title's own words ("Reproducing the evaluations").
_EVALUATING = ("Evaluations", "Evaluating", "Evaluate")


def run_documentation_title(card: Card, section: Section) -> bool:
    """Whether the section is titled as documenting the training run
    (RUN_DOCUMENTATION_SECTION_NAMES) and not as evaluation alone ("Reproducing the
    evaluation", "评测复现")."""
    if not card.title_matches(section, *RUN_DOCUMENTATION_SECTION_NAMES):
        return False
    on_training = card.title_matches(section, *TRAINING_SECTION_NAMES, *TRAINING_TOPIC_NAMES)
    return on_training or not card.title_matches(section, *EVALUATION_SECTION_NAMES, *_EVALUATING)


# What a sentence says it did with a dataset: trained on it, or evaluated on it.
TRAINING_CUE = re.compile(r"\b(?:pre-?)?train\w*|\bfine-?tun\w*|\btuned\b|\blearn", re.I)
EVALUATION_CUE = re.compile(
    r"\bevaluat\w*|\bbenchmark\w*|\bvalidat\w*|\btest(?:s|ed|ing)?\b|\bheld[- ]out\b"
    r"|\bleaderboard|\baccuracy\b|\bresults?\b",
    re.IGNORECASE,
)

SENTENCE_REACH = 240  # characters looked at on each side of a name for its sentence

# The labels of definition lines naming data ("- **Dataset:** ImageNet-1k").
DATA_LABEL = re.compile(
    r"(?:(?:pre-?|fine-?)?train(?:ing)?|fine-?tun(?:e|ing)|source|instruction)?[ \t]*"
    r"(?:data(?:sets?)?|corp(?:us|ora))(?:[ \t]+prep(?:aration)?)?",
    re.IGNORECASE,
)

# A table row labelled with the sources of a pipeline's data ("| **Sources** | OntoNotes
# 5 |", as spaCy's feature tables have); a definition line "Source:" names code as often.
SOURCES_LABEL = re.compile(r"(?:(?:training|data)[ \t]+)?sources", re.IGNORECASE)


def section_about(card: Card, section: Section, data: list[str], training: list[str]) -> str:
    """'data' when the section or an enclosing one is titled as training data, 'training'
    when as training in general, '' otherwise or when titled as evaluation."""
    path = card.section_path(section)
    if under_evaluation(card, path, training) or about_setup(card, path, data, training):
        return ""
    if any(card.title_matches(s, *data) for s in path):
        return "data"
    return "training" if any(card.title_matches(s, *training) for s in path) else ""


# Sections on using the model: hardware there runs it, and a framework's example linked
# there is how a user could tune it ("### Fine-tuning" under "Usage" is how a user tunes
# it, not how it was trained).
USAGE_SECTIONS = [
    "Usage", "Use", "How to use", "How to Get Started", "Getting Started", "Quickstart",
    "Quick Start", "Inference", "Deployment", "Requirements", "Installation", "Serving",
]  # fmt: skip


# Sections on the training setup: how the model was trained, not on what.
SETUP_SECTION_NAMES = [*HARDWARE_SECTION_NAMES, "Software"]


def about_setup(
    card: Card, path: tuple[Section, ...], data: list[str], training: list[str]
) -> bool:
    """Whether the section, or one enclosing it inside its nearest data or training
    section, is titled as the training setup: "Hardware and Software" under "Training
    Data" (a sub-heading, a bold title line or a folded block) speaks of GPUs and
    libraries, not of data. A title naming training or data as well ("Training
    Infrastructure") keeps the section's topic."""
    for enclosing in path:
        if card.title_matches(enclosing, *data) or card.title_matches(enclosing, *training):
            return False
        if card.title_matches(enclosing, *SETUP_SECTION_NAMES):
            return True
    return False


def under_evaluation(card: Card, path: tuple[Section, ...], training: list[str]) -> bool:
    """Whether a section path holds a section titled as evaluation and not as training."""
    return any(
        card.title_matches(s, *EVALUATION_SECTION_NAMES) and not card.title_matches(s, *training)
        for s in path
    )


def evaluated_on(sentences: Sentences, at: int) -> bool:
    """Whether the sentence around position `at` of the split text says the name there
    was evaluated on rather than trained on: the nearest cue before it is about
    evaluation, or, with no cue before it, the rest of the sentence speaks of evaluation
    and not of training."""
    text = sentences.text
    start, end = sentences.span_at(at)
    before = text[max(start, at - SENTENCE_REACH) : at]
    cues = [(m.start(), False) for m in TRAINING_CUE.finditer(before)]
    cues += [(m.start(), True) for m in EVALUATION_CUE.finditer(before)]
    if cues:
        return max(cues)[1]
    after = text[at : min(end, at + SENTENCE_REACH)]
    return bool(EVALUATION_CUE.search(after)) and not TRAINING_CUE.search(after)


# A table row: its first cell and the rest.
TABLE_ROW = re.compile(r"[ \t]*\|([^|\n]+)\|(.*\S.*)$")


def data_row(line: str) -> tuple[str, str] | None:
    """(label, value) of a table row whose first cell is a data label ("| Training data |
    [FineWeb](...) |", as in vendors' Model Information tables), else None."""
    match = TABLE_ROW.match(line)
    if match is None:
        return None
    label = match.group(1).strip(" \t*_`")
    value = match.group(2).replace("|", " ").strip()
    labelled = DATA_LABEL.fullmatch(label) or SOURCES_LABEL.fullmatch(label)
    return (label, value) if labelled and value.strip("-: ") else None


# Said of the model in the past or present perfect, never as advice ("fine-tune it on"):
# what it was trained on.
TRAINED = re.compile(
    r"\b(?:(?:pre-?)?trained|fine-?tuned|tuned|aligned|distilled)\b", re.IGNORECASE
)
MODAL = re.compile(r"\b(?:can|could|may|might|should|will|would|to)[ \t]+(?:be[ \t]+)?\S*$", re.I)


def trained_on_at(sentences: Sentences, at: int) -> bool:
    """Whether the sentence around position `at` of the split text says the model was
    trained on what stands there: the nearest cue before it is a past training verb
    ("was trained on", "a fine-tuned version of X on"), not an evaluation, nor advice
    ("can be fine-tuned on"), and the sentence does not negate it."""
    text = sentences.text
    start, _ = sentences.span_at(at)
    before = text[max(start, at - SENTENCE_REACH) : at]
    trained = list(TRAINED.finditer(before))
    if not trained or negated(before, len(before), len(before)):
        return False
    last = trained[-1]
    if any(m.start() > last.start() for m in EVALUATION_CUE.finditer(before)):
        return False
    return MODAL.search(before[: last.end()]) is None

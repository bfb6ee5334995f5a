"""Features the learned models weigh: the rules' own verdicts plus what a reader sees of each line.

Three views, one module: a *line* (is an item starting here?), an *item* (what was its outcome?) and a
*sentence* (does it assign a follow-up?). Each returns a sparse dict of name → value; the names are the
model's vocabulary, so renaming one is a change of model (``ENGINE`` in ``learn/__init__`` moves on).
Everything here is cheap per line: a few precompiled patterns and look-ups, because it runs on every
candidate line of every document read.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from traction_analysis.extract.lines import Line
from traction_analysis.extract.numbering import SENTENCE_VERB, title_like
from traction_analysis.extract.segment import Head, HeadFinding

# --- lines ------------------------------------------------------------------------------------------

NUMBER_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("minute_ref", re.compile(r"^\d{1,4}/\d{2,4}[a-z]?\b")),
    ("dotted_sub", re.compile(r"^\d{1,3}\.\d{1,2}(?:\.\d{1,2})?\.?\s")),
    ("num_dot", re.compile(r"^\*?\d{1,3}\.\s*\S")),
    ("num_paren", re.compile(r"^\d{1,3}\)\s")),
    ("paren_num", re.compile(r"^\(\d{1,3}\)\s")),
    ("num_letter", re.compile(r"^\d{1,3}\s?\(?[a-z]\)[.:]?\s")),
    ("num_space", re.compile(r"^\d{1,3}[a-z]?\s+[A-Z]")),
    ("num_alone", re.compile(r"^\*?\d{1,4}[a-z]?[.)]?$")),
    ("letter", re.compile(r"^\(?[a-z][.)]\s")),
    ("upper_letter", re.compile(r"^\(?[A-H][.)]\s")),
    ("roman", re.compile(r"^\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)[.)]\s", re.IGNORECASE)),
    ("code", re.compile(r"^[A-Z]{1,2}-?\d{1,3}[.:)]?\s")),
    ("keyword", re.compile(r"^(?:agenda\s+)?(?:item|minute|min\.)\s*(?:no\.?\s*)?\d", re.IGNORECASE)),
    ("year_ref", re.compile(r"^\d{4}[-/]\d{2,4}\s*\(")),
)
TRAILING_CODE = re.compile(r"\((?:[A-Z]{1,2}(?:-\d{1,2})?|\d{1,2}[a-z]?|[Ii]tem\s+\d{1,3}[a-z]?)\)\.?$")
LEADING_NUMBER = re.compile(r"^[\s*(]*(?:(?:agenda\s+)?(?:item|minute)\s*(?:no\.?\s*)?)?"
                            r"(?P<num>\d{1,4}(?:/\d{2,4})?(?:\.\d{1,2})*[a-z]?|[a-z]|[A-H]|[ivx]{1,4}|[A-Z]{1,2}-?\d{1,3})"
                            r"[.):\s]\)?\s*(?P<rest>.*)$", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
# "Youth – Trustee Albrecht stated …", "Assessor: See attached report": a short heading run into its text.
RUN_IN_PREFIX = re.compile(r"^(?P<title>[A-Z0-9(][^.:;–—]{1,70}?)(?:\s+[-–—]\s+|:\s+|\s*[–—]\s*)(?P<rest>\S.*)$")
MAX_PREFIX_WORDS = 9
MAX_CANDIDATE_CHARS = 220
MAX_CANDIDATE_WORDS = 24


@dataclass(frozen=True, slots=True)
class DocumentLayout:
    """The document's ordinary line: font size, left edge and line spacing (PDF), for relative features."""

    size: float | None
    indent: float | None
    gap: float | None
    numbered: float  # share of the rules' heads that carry a number
    sequence: str = "none"  # how the rules' numbered heads run: "clean" (each one more), "gappy", "none"
    accepted: int = 0  # how many heads the rules accepted

    @classmethod
    def of(cls, found: HeadFinding) -> DocumentLayout:
        sizes, indents, gaps = [], [], []
        for line in found.lines:
            style = line.style
            if style is None or len(line.text) < 40:
                continue
            if style.size:
                sizes.append(style.size)
            if style.indent is not None and style.size:
                indents.append(style.indent)
            if style.gap is not None and 0 < style.gap < 60:
                gaps.append(style.gap)
        heads = found.heads
        numbered = sum(1 for head in heads if head.number is not None) / len(heads) if heads else 0.0
        values = [head.number.value for head in heads if head.number is not None and head.number.value is not None]
        # A step is clean when the number goes up by one, repeats (sub-items) or restarts at 1 (a new section).
        steps = [b - a in (0, 1) or b == 1 for a, b in zip(values, values[1:])]
        sequence = "none"
        if steps:
            sequence = "clean" if sum(steps) >= 0.8 * len(steps) else "gappy"
        return cls(
            size=statistics.median(sizes) if sizes else None,
            indent=statistics.mode(indents) if indents else None,
            gap=statistics.median(gaps) if gaps else None,
            numbered=numbered,
            sequence=sequence,
            accepted=len(heads),
        )


def is_candidate(line: Line, index: int, found: HeadFinding) -> bool:
    """Lines worth asking the model about: anything a rule proposes, and short lines that look like headings."""
    if index in found.candidates:
        return True
    if line.kind not in ("text", "heading", "table_row"):
        return False
    text = line.text
    if not text or len(text) > MAX_CANDIDATE_CHARS:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "(*"):
        return False
    style = line.style
    if line.kind == "heading" or line.strong or line.bullet == 1:
        return True
    if style is not None and (style.bold or style.level or style.marker):
        return True
    if run_in_prefix(text) is not None:
        return True
    words = text.count(" ") + 1
    if words > MAX_CANDIDATE_WORDS:
        return False
    if first.isdigit() or first == "(":
        return True
    return not text.endswith((".", ",", ";")) and words <= 12


def line_features(lines: list[Line], index: int, found: HeadFinding, layout: DocumentLayout) -> dict[str, float]:
    line = lines[index]
    features = _own(line, index, found, layout, "")
    if index > 0:
        features.update(_neighbour(lines[index - 1], index - 1, found, layout, "p:"))
    else:
        features["p:none"] = 1.0
    if index + 1 < len(lines):
        features.update(_neighbour(lines[index + 1], index + 1, found, layout, "n:"))
    else:
        features["n:none"] = 1.0
    accepted = {head.index: head for head in found.heads}
    head = accepted.get(index)
    many = _bucket(layout.accepted, (1, 4, 10))
    features[f"doc_seq={layout.sequence}"] = 1.0
    if head is not None:
        features["rule_accepted"] = 1.0
        features[f"acc={head.kind}"] = 1.0
        features[f"acc={head.kind}&seq={layout.sequence}"] = 1.0
        features[f"acc&heads={many}"] = 1.0
        if layout.numbered >= 0.5:
            features["accepted&numbered_doc"] = 1.0
    else:
        features[f"not_acc&seq={layout.sequence}"] = 1.0
        features[f"not_acc&heads={many}"] = 1.0
    if layout.numbered >= 0.5:
        features["doc_numbered"] = 1.0
        if not any(name.startswith("shape=") for name in features):
            features["unnumbered_in_numbered_doc"] = 1.0
    features["bias_line"] = 1.0
    return features


def _own(line: Line, index: int, found: HeadFinding, layout: DocumentLayout, prefix: str) -> dict[str, float]:
    text = line.text
    f: dict[str, float] = {f"{prefix}kind={line.kind}": 1.0}
    head = found.candidates.get(index)
    if head is not None:
        f[f"{prefix}cand={head.kind}"] = 1.0
    for name, pattern in NUMBER_SHAPES:
        if pattern.match(text):
            f[f"{prefix}shape={name}"] = 1.0
            break
    if TRAILING_CODE.search(text):
        f[f"{prefix}trailing_code"] = 1.0
    run_in = run_in_prefix(text)
    if run_in is not None:
        f[f"{prefix}run_in"] = 1.0
        if title_like(run_in):
            f[f"{prefix}run_in_title_like"] = 1.0
    words = WORD.findall(text)
    count = len(words)
    f[f"{prefix}words={_bucket(count, (1, 2, 4, 7, 12, 20))}"] = 1.0
    if text.isupper() and len(text) >= 4:
        f[f"{prefix}all_caps"] = 1.0
    elif words and all(w[0].isupper() or len(w) <= 3 for w in words):
        f[f"{prefix}headline"] = 1.0
    last = text[-1] if text else " "
    f[f"{prefix}end={last if last in '.:;,?)' else 'other'}"] = 1.0
    if SENTENCE_VERB.search(text):
        f[f"{prefix}verb"] = 1.0
    if title_like(text):
        f[f"{prefix}title_like"] = 1.0
    if words:
        f[f"{prefix}w0={words[0].lower()}"] = 1.0
    if line.bullet:
        f[f"{prefix}bullet={line.bullet}"] = 1.0
    if line.strong:
        f[f"{prefix}strong"] = 1.0
    if line.kind == "table_row":
        f[f"{prefix}cells={min(len(line.cells), 4)}"] = 1.0
    style = line.style
    if style is not None:
        if style.bold:
            f[f"{prefix}bold"] = 1.0
        if style.italic:
            f[f"{prefix}italic"] = 1.0
        if style.level:
            f[f"{prefix}level={min(style.level, 4)}"] = 1.0
        if style.marker:
            f[f"{prefix}marker"] = 1.0
        if style.size and layout.size:
            f[f"{prefix}size={_bucket(style.size / layout.size, (0.92, 1.04, 1.15, 1.35))}"] = 1.0
        if style.indent is not None and layout.indent is not None and style.size:
            f[f"{prefix}indent={_bucket(style.indent - layout.indent, (-4, 4, 20, 60))}"] = 1.0
        elif style.indent is not None:
            f[f"{prefix}depth={min(int(style.indent), 3)}"] = 1.0
        if style.gap is not None and layout.gap:
            f[f"{prefix}gap={_bucket(style.gap / layout.gap, (0, 0.8, 1.3, 1.9, 3.0))}"] = 1.0
    return f


NEIGHBOUR_KEEP = ("kind=", "cand=", "shape=", "end=", "bold", "size=", "gap=", "verb", "all_caps", "words=", "w0=",
                  "trailing_code", "level=", "none")


def _neighbour(line: Line, index: int, found: HeadFinding, layout: DocumentLayout, prefix: str) -> dict[str, float]:
    own = _own(line, index, found, layout, "")
    return {prefix + name: value for name, value in own.items() if name.startswith(NEIGHBOUR_KEEP)}


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def run_in_prefix(text: str) -> str | None:
    """The short heading at the start of a line that runs on into its text, if the line has one."""
    if len(text) < 12 or ("–" not in text and " - " not in text and ":" not in text and "—" not in text):
        return None
    match = RUN_IN_PREFIX.match(text)
    if match is None:
        return None
    title = match.group("title").strip()
    words = title.split()
    if not words or len(words) > MAX_PREFIX_WORDS or SENTENCE_VERB.search(title):
        return None
    return title


def generic_head(lines: list[Line], index: int) -> Head:
    """A head for a line no rule proposed: its leading number if any, the rest as the title."""
    from traction_analysis.extract.numbering import parse_number

    text = lines[index].text
    if lines[index].kind == "table_row" and lines[index].cells:
        cells = lines[index].cells
        if len(cells) > 1 and len(cells[0]) <= 8 and any(c.isdigit() for c in cells[0]):
            return Head(index, parse_number(cells[0]), cells[1], "learned")
        text = cells[0]
    number = None
    match = LEADING_NUMBER.match(text)
    if match and match.group("rest") and match.group("rest")[:1].isupper():
        number, text = parse_number(match.group("num")), match.group("rest")
    prefix = run_in_prefix(text)
    if prefix is not None and len(text) > len(prefix) + 25:
        return Head(index, number, prefix, "learned", title_in_body=True)
    return Head(index, number, text, "learned")


# --- items: the outcome ---------------------------------------------------------------------------

OUTCOME_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
        ("resolved", r"\bresolved\b|\bresolution\b"),
        ("agreed", r"\bagreed\b|\bagree\b"),
        ("approved", r"\bapprov\w*"),
        ("adopted", r"\badopt\w*"),
        ("endorsed", r"\bendors\w*"),
        ("recommend", r"\brecommend\w*"),
        ("carried", r"\bcarried\b|\bpassed\b|\bmotion\b"),
        ("seconded", r"\bseconded\b|\bsecond(?:ed)? by\b"),
        ("vote", r"\bvote\w*|\bayes?\b|\bnays?\b|\byeas?\b|\bunanimous\w*"),
        ("noted", r"\bnoted\b|\bnote\b"),
        ("received", r"\breceived\b|\breceive\b"),
        ("information", r"\bfor information\b|\bupdate\b|\bpresentation\b"),
        ("deferred", r"\bdefer\w*|\bpostpon\w*|\blaid over\b|\bnext meeting\b|\bcome back\b|\bfirst reading\b"),
        ("referred", r"\breferr\w*|\brefer\b"),
        ("withdrawn", r"\bwithdrawn\b|\bclosed session\b|\bin camera\b|\bexempt\b"),
        ("lost", r"\blost\b|\bfailed\b|\bdefeated\b"),
        ("delegated", r"\bdelegat\w*"),
        ("apologies", r"\bapolog\w*|\babsence\b|\babsent\b"),
        ("declarations", r"\bdeclar\w*|\binterests?\b"),
        ("minutes", r"\bminutes\b"),
        ("signed", r"\bsigned\b|\bcorrect record\b|\btrue record\b"),
        ("none", r"^\W*(?:none|nil|no (?:apologies|declarations|items?|matters?))\b"),
    )
)
TITLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
        ("apologies", r"apolog|attendance|roll call|absen"),
        ("declarations", r"declar|interest|conflict"),
        ("minutes", r"minutes|previous meeting|last meeting"),
        ("matters_arising", r"matters arising|action (?:log|tracker)|actions? (?:from|arising)"),
        ("next_meeting", r"next meeting|date of|future meeting"),
        ("aob", r"any other business|\baob\b|other business|open forum|public (?:question|participation|comment)"),
        ("welcome", r"welcome|call to order|opening|introductions?|pledge|prayer|chair'?s? (?:welcome|remarks)"),
        ("close", r"adjourn|close of meeting|closure"),
        ("report", r"report|update|presentation|review|performance|monitoring"),
        ("plan", r"plan|strategy|budget|policy|proposal|application|contract|grant|appointment|election"),
        ("motion", r"motion|resolution|ordinance|by-?law"),
        ("correspondence", r"correspondence|communications?|information"),
    )
)


def outcome_features(title: str, body_text: str, rule_outcome: str, rule_confidence: float, *,
                     agenda: bool, resolution: str | None) -> dict[str, float]:
    f: dict[str, float] = {"bias_outcome": 1.0, f"rule={rule_outcome}": 1.0,
                           f"rule={rule_outcome}&conf={_bucket(rule_confidence, (0.5, 0.7, 0.85))}": 1.0}
    if agenda:
        f["agenda"] = 1.0
    if resolution:
        f["has_resolution"] = 1.0
        for name, pattern in OUTCOME_CUES:
            if pattern.search(resolution):
                f[f"res:{name}"] = 1.0
    for name, pattern in TITLE_CUES:
        if pattern.search(title):
            f[f"title:{name}"] = 1.0
    lowered = body_text[:4000]
    for name, pattern in OUTCOME_CUES:
        if pattern.search(lowered):
            f[f"body:{name}"] = 1.0
    words = len(body_text.split())
    f[f"body_words={_bucket(words, (0, 5, 20, 60, 200))}"] = 1.0
    return f


# --- sentences: actions ---------------------------------------------------------------------------

ACTION_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern)) for name, pattern in (
        ("marker", r"(?i)^\W*(?:agreed\s+)?actions?\b\s*(?:points?)?\s*[:\-–]|\bACTION\b"),
        ("will", r"\b(?:will|would|shall)\s+(?:\w+\s+)?(?:write|contact|arrange|circulate|send|report|bring|"
                 r"provide|prepare|look|investigate|check|ask|chase|follow|obtain|seek|speak|meet|draft|review|"
                 r"update|share|organise|organize|liaise|confirm|email|order|book|invite|progress|respond|ensure)\b"),
        ("to_verb", r"(?i)^(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}\s+to\s+(?!be\b)[a-z]+"),
        ("clerk", r"(?i)\b(?:the\s+)?(?:clerk|secretary|chair(?:man|person)?|treasurer|officers?|director|manager|"
                  r"lead|team|head of|chief)\b"),
        ("asked", r"(?i)\b(?:asked|requested|instructed|directed|tasked|invited)\s+(?:to|that|the|for)\b|"
                  r"\b(?:agreed|undertook|offered|volunteered)\s+to\b"),
        ("it_was_agreed", r"(?i)\bit was (?:agreed|resolved|decided)\b"),
        ("delegate", r"(?i)\bdelegat\w*"),
        ("deadline", r"(?i)\b(?:by|before|no later than|deadline)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
                     r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|next|end|\d)"),
        ("report_back", r"(?i)\breport\w*\s+back\b|\bbring\w*\s+back\b|\bfuture meeting\b|\bnext meeting\b"),
        ("modal", r"\b(?:should|must|need(?:s|ed)? to)\b"),
        ("past_report", r"(?i)\b(?:had|has|have)\s+been\b|\bwas\s+(?:reported|noted|advised|informed)\b"),
        ("speech", r"(?i)\b(?:said|stated|explained|reported|advised|informed|commented|noted that|thanked)\b"),
        ("question", r"\?"),
        ("passive_future", r"(?i)\b(?:will|would)\s+be\s+\w+ed\b"),
        ("that_be", r"(?i)\bthat\s+(?:the\s+)?[\w\s]{1,60}?\bbe\s+\w+ed\b"),
        ("request_that", r"(?i)\b(?:request|ask|instruct)\w*\s+(?:that\s+)?(?:the\s+)?[A-Z]"),
        ("named_person", r"\b(?:Cllrs?|Councillor|Mr|Mrs|Ms|Dr|Miss)\.?\s+[A-Z]"),
        ("initials", r"\b[A-Z]{2,4}\b(?:\s*(?:/|and|&)\s*[A-Z]{2,4})*\s*$"),
    )
)


def sentence_features(text: str, *, rule_action: bool, in_table: bool, list_item: bool, outcome: str,
                      explicit_only: bool, position: float, role: str = "") -> dict[str, float]:
    f: dict[str, float] = {"bias_sentence": 1.0, f"outcome={outcome}": 1.0}
    if role:  # what the table reader made of the row: an action log's row, a header, an attendance list …
        f[f"role={role}"] = 1.0
    if rule_action:
        f["rule_action"] = 1.0
        if explicit_only:
            f["rule_action&explicit_doc"] = 1.0
    if explicit_only:
        f["explicit_doc"] = 1.0
    if in_table:
        f["table_row"] = 1.0
    if list_item:
        f["list_item"] = 1.0
    for name, pattern in ACTION_CUES:
        if pattern.search(text):
            f[f"cue:{name}"] = 1.0
    words = WORD.findall(text)
    f[f"words={_bucket(len(words), (3, 6, 12, 25, 45))}"] = 1.0
    if words:
        f[f"s0={words[0].lower()}"] = 1.0
    f[f"pos={_bucket(position, (0.25, 0.75))}"] = 1.0
    return f

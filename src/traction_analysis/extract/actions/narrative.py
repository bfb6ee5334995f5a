"""The narrative of an item, sentence by sentence: the actions each sets, an "Action: X" marker that
owns the sentence before it, and what an action that only points back refers to."""

from __future__ import annotations

import re

from traction_analysis.extract.actions.build import new_action
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.decide import sentence_actions
from traction_analysis.extract.actions.features import CORPORATE_SELF
from traction_analysis.extract.actions.marked import MARKER, OWNER_ONLY, owned_step
from traction_analysis.extract.actions.owners import is_person
from traction_analysis.extract.actions.reporter import Reporter
from traction_analysis.extract.actions.vocabulary import PEOPLE, VERB
from traction_analysis.extract.model import ExtractedAction
from traction_analysis.extract.text import Sentence

MAX_ANTECEDENT_WORDS = 14
EARLIER_SENTENCES = 3  # how far back a pointing step's matter is looked for
MAX_VAGUE_WORDS = 6
MAX_POINTING_WORDS = 12  # a longer step names its own matter
MAX_SUBJECT_WORDS = 14


# "The Clerk to respond accordingly", "the Chair will chase updates", "supply the information requested":
# the step's object is only what the item was about.
VAGUE_OBJECT = re.compile(
    r"\baccordingly$|^\S+(?:\s+up)?\s+(?:on\s+)?(?:any\s+|the\s+)?(?:updates?|progress)$"
    r"|\bthe\s+(?:information|details)\s+requested$|\b(?:the|these|those)\s+(?:outstanding\s+)?matters$"
    r"|^\S+\s+the\s+(?:contract|agreement)$",
    re.IGNORECASE,
)
# "inform all the contractors", "attend at least one of the meetings": a set named before the step.
QUANTIFIED_SET = re.compile(r"\b(?:all|each|both|one|either)\s+(?:of\s+)?the\s+[a-z]+s$")
# "report any further developments on this matter": the matter is the item's own.
ITEM_MATTER = re.compile(r"\b(?:this|that|the)\s+(?:matter|issue|subject|item)\b(?!\s+of\b)", re.IGNORECASE)


# Headings that name a kind of business, not a matter: "Any Other Business", "Matters Arising",
# "Planning Applications", "Public Forum", "Clerk's Report", "Correspondence".
HEADING_WORDS = frozenset(
    """a an and any of the to for from on in at by with other business aob a.o.b matters matter arising
    planning applications application permissions decisions public forum participation open session
    questions question comments comment correspondence report reports update updates action actions
    minutes finance financial accounts payments chair chair's chairman chairman's chairperson clerk clerk's
    councillor councillors councillors' members member items item information announcements general
    miscellaneous next last previous meeting meetings date dates receive note consider discuss approve
    agree review noting urgent new old unfinished outstanding progress""".split()
)
# A "heading" that is a motion or a sentence run into the title ("Motion made by Trustee …").
SENTENCE_TITLE = re.compile(
    r"\b(?:moved|seconded|made by|carried|resolved|was|were|had|has)\b", re.IGNORECASE
)


def item_subject(title: str) -> str:
    """The matter an item's heading names, or nothing where the heading names only a kind of business
    ("Any Other Business", "Matters Arising") or runs into a sentence. A heading with a run-in part
    ("Any Other Business: Footpath closures") names its matter after the colon or dash; past a heading that
    names a matter or runs on into text, what follows is not looked at."""
    for part in re.split(r":\s+|(?<!\s)\s+[–—-]\s+", title):
        part = part.strip(" .,;")
        if SENTENCE_TITLE.search(part) or len(part.split()) > MAX_SUBJECT_WORDS:
            return ""
        if any(word not in HEADING_WORDS for word in re.findall(r"[a-z][a-z.']*", part.lower())):
            return part
    return ""


LEADING_PRONOUN = re.compile(r"^(?:it|this|that|they|these|those)\b", re.IGNORECASE)


ANAPHOR = re.compile(
    r"\b(?:it|this|(?<!\bso )that|them|him|her|these|those)\b(?!\s+(?:is|was|the|a)\b)|^(?:The|This|That) "
    r"(?:subject|matter|issue|item|question|point|one)\b"
)


def narrative_actions(body: list[Sentence], context: ActionContext) -> list[ExtractedAction]:
    """The actions of the narrative's sentences in order; "Action: X" after a sentence, or the initials
    of someone present standing alone after it ("… forwarded to CC. IK/CC"), make X the owner of the
    action found in the sentence before it."""
    out: list[ExtractedAction] = []
    texts = [sentence.text for sentence in body]
    previous, previous_found = "", 0
    reporter = Reporter(texts, 0, context)
    subject = item_subject(context.title)
    for index, sentence in enumerate(body):
        text = sentence.text
        reporter.index = index
        marker = MARKER.match(text) if text[:1] in "Aa" else None
        owner = marker.group("text") if marker and OWNER_ONLY.match(marker.group("text")) else None
        if owner is None and len(text) < 24 and _initials_of_those_present(text, context):
            owner = text.rstrip(
                ". "
            )  # "… would be forwarded to CC. IK/CC": the action column, read into the text
            if len(previous.split()) < 4:
                owner = None
        if owner is not None:
            if previous:  # "… a letter to Highways. Action: Clerk"
                if out and out[-1].text and previous_found:
                    out = out[:-previous_found]
                earlier = texts[max(0, index - 1 - EARLIER_SENTENCES) : index - 1][::-1]
                out += [
                    _with_antecedent(action, previous, earlier, subject)
                    for action in owned_step(previous, owner, context)
                ]
            previous, previous_found = "", 0
            continue
        steps = sentence_actions(text, reporter, context, sentence)
        if steps:  # each step gives at least itself
            earlier = texts[max(0, index - EARLIER_SENTENCES) : index][::-1] if previous else []
            found = [
                _with_antecedent(action, text, earlier, subject) if not joined else action
                for step in steps
                for joined, action in enumerate(_second_owner(step, context))
            ]
        else:
            found = _motion_clause(text, context)  # a motion clause names its own matter
        out += found
        previous, previous_found = text, len(found)
    return out


# A clause of a motion that opens with its imperative, the way US and Canadian clerks list what a motion
# directs: "Request that the Homeless Coordinating Council review …", "Ask the project team to contact …",
# "Direct staff to report …"; and the mandatory "City staff shall present findings …".
IMPERATIVE_MOTION = re.compile(
    rf"^(?:\(?[a-z\d]{{1,3}}[.)]\s+)?(?:(?:Ask|Request|Direct|Instruct)\s+(?:the\s+)?"
    rf"(?P<asked>[A-Za-z][\w’'&,/ -]{{1,80}}?)\s+to\s+|Request\s+that\s+(?:the\s+)?"
    rf"(?P<requested>[A-Z][\w’'&,/ -]{{1,100}}?)\s+)(?P<text>{VERB}\b.*)$"
)
SHALL = re.compile(
    rf"^(?:\(?[a-z\d]{{1,3}}[.)]\s+)?(?:[Tt]he\s+)?(?P<owner>[A-Z][\w’'-]*(?:\s+[\w’'-]+){{0,3}}?)\s+shall\s+"
    rf"(?P<text>{VERB}\b.*)$"
)


def _motion_clause(text: str, context: ActionContext) -> list[ExtractedAction]:
    """The step of a motion clause that opens with its imperative ("Request that X review …", "Ask X to
    contact …") or says what someone "shall" do, where no rule read the sentence; the body itself
    ("The City shall …") holds no step of its own."""
    match = IMPERATIVE_MOTION.match(text)
    if match:
        owner = match.group("asked") or match.group("requested")
    else:
        match = SHALL.match(text) if "shall" in text else None  # the word SHALL needs, in few sentences
        owner = match.group("owner") if match else None
    if match is None or owner is None or CORPORATE_SELF.match(owner):
        return []
    return [new_action(match.group("text"), owner, context)]


# "TS would post details on the Facebook page and TF would put them on the website": a second step with
# its own owner, joined to the first.
SECOND_OWNER = re.compile(
    rf",?\s+and\s+(?:that\s+)?{PEOPLE}\s+(?:will|would|should|is\s+to|are\s+to)\s+(?P<text>{VERB}\b.*)$"
)


def _second_owner(action: ExtractedAction, context: ActionContext) -> list[ExtractedAction]:
    """The step, and the step joined to it that someone else present holds ("… and Jo Brown will contact
    the police"), each with its own owner ("work with Linda and Carrie to check …" is one step). The joined
    step names its own matter: what the first step points back to is not looked for for it."""
    second = SECOND_OWNER.search(action.text) if " and " in action.text else None
    if second is None or not is_person(second.group("owner"), context, any_initials=True):
        return [action]
    first = ExtractedAction(action.text[: second.start()].strip(" ,;."), action.owner, action.due)
    return [first, new_action(second.group("text"), second.group("owner"), context)]


INITIALS_ONLY = re.compile(r"^(?P<all>[A-Z]{2,4}(?:\s*(?:/|,|&|and)\s*[A-Z]{2,4}){0,4})\.?$")


def _initials_of_those_present(text: str, context: ActionContext) -> bool:
    """A "sentence" of initials only ("IK/CC"), one of them someone the minutes list as present."""
    match = INITIALS_ONLY.match(text)
    return bool(match) and any(part in context.people for part in re.findall(r"[A-Z]{2,4}", text))


# "Councillors discussed a proposal to brighten up the bus shelters and it was decided to approach local
# groups to create murals in them": the clause before "and it was decided" says what "them" is.
JOINED_DECISION = re.compile(r"\s+and\s+(?:it\s+was\s+)?(?:agreed|decided|resolved)\s+to\s*$", re.IGNORECASE)


def _joined_clause(before: str) -> str:
    """The clause joined by "and it was agreed to …" to the step, or nothing."""
    joined = JOINED_DECISION.search(before)
    return before[: joined.start()] if joined else ""


def _with_antecedent(
    action: ExtractedAction, sentence: str, earlier: list[str], subject: str
) -> ExtractedAction:
    """ "Follow this up with the contractor" (or a bare "Report") says nothing on its own: add what "this"
    is, from the clause before it in the sentence or from the sentences before (``earlier``, nearest
    first). A step whose object is vague without a pronoun ("respond accordingly", "chase updates") or
    that points at "this matter" is about the item itself: its heading (``subject``) says what it is."""
    words = action.text.split()
    question = _question_answered(action.text, sentence, earlier[0] if earlier else "")
    if question:
        return ExtractedAction(f"{action.text} [{question}]", action.owner, action.due)
    asked_for = _what_was_asked_for(action.text, earlier) if len(words) <= MAX_POINTING_WORDS else ""
    if asked_for:
        return ExtractedAction(f"{action.text} [{asked_for}]", action.owner, action.due)
    # a bare verb ("Clerk to report.") says as little as "this": its object is in the sentence before
    pointing = len(words) <= MAX_POINTING_WORDS and (
        len(words) == 1
        or bool(ANAPHOR.search(action.text))
        or bool(QUANTIFIED_SET.search(action.text))
        or _bare_verb(words)
    )
    vague = len(words) <= MAX_VAGUE_WORDS and bool(VAGUE_OBJECT.search(action.text))
    if not (pointing or vague):
        return action
    source = _clause_before(action.text, sentence) if pointing else ""
    if not source and (vague or ITEM_MATTER.search(action.text)):
        source = subject
    if not source and pointing:
        source = _earlier_source(_past_the_same_pronoun(action.text, earlier))
    if not source:
        return action
    context = " ".join(source.split()[:MAX_ANTECEDENT_WORDS])
    return ExtractedAction(f"{action.text} [{context}]", action.owner, action.due)


# "Members asked for an understanding of how the team is organised. … He would supply the information
# requested": the information is what was asked for, in a sentence just before.
INFORMATION_ASKED = re.compile(r"\b(?:the|that|this)\s+(?:information|details|data)(?:\s+requested)?\b")
ASKED_FOR = re.compile(r"\b(?:asked\s+for|requested)\s+(?!that\b)(?P<thing>[^;]+)")


def _what_was_asked_for(step: str, earlier: list[str]) -> str:
    """What a step that supplies "the information requested" (or "that information") supplies: what a
    sentence before asked for, in its first words; or nothing."""
    if not INFORMATION_ASKED.search(step):
        return ""
    for text in earlier:
        asked = ASKED_FOR.search(text)
        if asked:
            return " ".join(asked.group("thing").strip(" .").split()[:MAX_ANTECEDENT_WORDS])
    return ""


def _bare_verb(words: list[str]) -> bool:
    """ "Inspect and report", "inspect and his recommendation is awaited": a verb with no object of its own,
    joined to what follows, names its matter no more than a bare "Inspect"."""
    return len(words) <= MAX_VAGUE_WORDS and len(words) > 1 and words[1].lower() in ("and", "then")


# The step's own subject at the end of the clause before it: "the COA would", ", the Chair agreed to".
STEP_SUBJECT = re.compile(
    r"(?:^|,\s+)(?:[\w’'.-]+\s+){0,4}?(?:would|will|should|shall|must|could|can|agreed to|is to|are to)$"
)


# ", LLM to", ", Cllr Smith will": the owner of a step that follows its matter after a comma.
COMMA_SHORTHAND = re.compile(
    r",\s+(?!(?:it|this|that|they|which|who)\b)(?:[\w’'.-]+\s+){1,4}?(?:to|would|will|is\s+to|are\s+to)$"
)


def _clause_before(step: str, sentence: str) -> str:
    """What a pointing step refers to within its own sentence: the clause before it, or nothing."""
    position = sentence.lower().find(step[:20].lower())
    before = sentence[:position] if position > 0 else ""
    # "Castle View works – the contractor would be asked to chase up these matters": a run-in topic before a
    # dash is a piece of its own
    pieces = [
        piece.strip(" ,;.")
        for piece in re.split(r";\s+|:\s+|(?<!\s)\s+[–—-]\s+|(?<=[a-z])\.\s+", before.strip())
    ]
    # "Query was raised about the post box on Crow Road, LLM to investigate": the step's own piece opens
    # with its matter, before the comma and the action-point shorthand
    # (a "that" clause before it says the matter more exactly, see below)
    shorthand = COMMA_SHORTHAND.search(pieces[-1]) if pieces else None
    matter = pieces[-1][: shorthand.start()] if shorthand else ""
    if len(matter.split()) >= MIN_SAID_WORDS and " that " not in matter:
        return matter.strip(" ,;.")
    # the last piece holds the action; what it refers to comes before, in a clause that is not itself "it …"
    pieces = [piece for piece in pieces[:-1] if piece and not LEADING_PRONOUN.match(piece)]
    if pieces:
        source = pieces[-1]
    elif " that " in before:  # "reported that he had completed the collation and would be sending it"
        source = re.sub(r"\s+and(?:\s+\w+){0,3}$", "", before.rsplit(" that ", 1)[1].strip())
        # "It was decided that the COA would assess this service": only who holds the step
        source = STEP_SUBJECT.sub("", source)
    else:  # "agreed to keep two public meetings a year but to hold them …"
        chained = re.search(r",?\s+(?:and|but)(?:\s+also)?\s+to\s*$", before)
        source = before[: chained.start()] if chained else _joined_clause(before)
    return source.strip(" ,;.")


# "All Cllrs agreed to this proposal.", "The Parish Council was all in favour.": a short sentence that records
# the vote, not the matter voted on.
VOTE_RECORD = re.compile(
    r"\b(?:agreed|approved|accepted|supported|carried|seconded|unanimous(?:ly)?|in favour|voted"
    r"|abstain(?:ed|ing)?)\b",
    re.IGNORECASE,
)
MAX_VOTE_RECORD_WORDS = 12


# "Village maintenance: There have been reports of litter": a heading run into the sentence.
RUN_IN_HEADING = re.compile(r"^(?:[\w’'&-]+\s+){0,3}[\w’'&-]+:\s+")


# "The issue of the closed footpath was raised. Cllr M had asked the AONB why but had no reply. Cllr W will
# raise this with the County": the issue raised is what "this" is, past what was said about it.
RAISED_TOPIC = re.compile(
    r"^(?:The|An?)\s+(?:issue|matter|question|problem|subject)\s+of\s+(?P<topic>.+?)(?<!\s)\s+"
    r"(?:was|were|had been|has been)\s+(?:once again\s+|again\s+)?(?:raised|discussed|reported|mentioned)\b"
)
TOPIC_LOOKBACK = 2


PLURAL_PRONOUN = re.compile(r"\b(?:them|these|those)\b", re.IGNORECASE)
SINGULAR_PRONOUN = re.compile(r"\bit\b", re.IGNORECASE)


def _past_the_same_pronoun(step: str, earlier: list[str]) -> list[str]:
    """The sentences to look back through, past one that points at the step's matter by the same pronoun
    ("The Port had held those monthly … Cuellar would get them started again"): it does not name it."""
    for pronoun in (PLURAL_PRONOUN, SINGULAR_PRONOUN):
        if pronoun.search(step) and len(earlier) > 1 and pronoun.search(earlier[0]):
            return earlier[1:]
    return earlier


# "Once this had been completed, …", "They do wish to be kept informed": a sentence that itself points
# back does not name the matter ("It was agreed …" does not point); the sentence before it may.
POINTING_OPENER = re.compile(
    r"^(?:(?:once|when|after|following|since|until)\s+)?(?:this|that|these|those|they|it(?!\s+(?:was|is|has|had)\b))\b",
    re.IGNORECASE,
)
MIN_SAID_WORDS = 4


def _earlier_source(earlier: list[str]) -> str:
    """What a pointing step refers to in the sentence before it (what was said, after "that"); past a
    sentence that only records the vote ("All agreed to this proposal"), the sentence that proposed it."""
    for text in earlier[:TOPIC_LOOKBACK]:
        topic = RAISED_TOPIC.match(text)
        if topic:
            return topic.group("topic")
    pointed = 0
    for text in earlier:
        if len(text.split()) <= MAX_VOTE_RECORD_WORDS and VOTE_RECORD.search(text):
            continue
        if POINTING_OPENER.match(text):
            pointed += 1
            if pointed > 1:  # a thread of sentences each pointing back: its matter is too far to name
                return ""
            continue
        said = text.split(" that ", 1)[-1]
        # "… of any problems that may arise": a relative "that" leaves too little to say what was meant
        return RUN_IN_HEADING.sub("", said if len(said.split()) >= MIN_SAID_WORDS else text).strip(" ,;.")
    return ""


# A step that answers a question put just before it ("she would check with the insurer", "would return
# with an answer") says nothing of what was asked: the question is its matter.
REPLY_STEP = re.compile(
    r"^(?:(?:return|come back|revert|get back|report back|respond|reply)\b.{0,30}"
    r"\b(?:answer|response|reply)\b"
    r"|(?:check|confirm|find out|enquire|inquire)(?:\s+with\b|$))",
    re.IGNORECASE,
)
ASKED = re.compile(
    r"\b(?:asked|queried|enquired|inquired|wondered|questioned)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?P<question>(?:if|whether|what|how|when|why|who)\b.+)$"
)
QUESTION_OPENER = re.compile(r"^(?:What|How|Could|Would|Can|Is|Are|Does|Do|Will|Should|Why|When|Where|Who)\b")
MAX_QUESTION_WORDS = 24


def _question_answered(step: str, sentence: str, previous: str) -> str | None:
    """What was asked, for a short step that answers it ("Check with Nasburg Huggins" after "Pavlik asked
    if the insurance would cover loss of income"): the question from the clause or sentence before."""
    if len(step.split()) > 6 or not REPLY_STEP.match(step):
        return None
    before = sentence[: max(0, sentence.lower().find(step[:12].lower()))]
    for text in (before, previous):
        text = text.strip(" ,;.")
        asked = ASKED.search(text)
        question = asked.group("question") if asked else text if QUESTION_OPENER.match(text) else ""
        question = (
            re.sub(r",?\s+(?:and|but|so)\s+[^,;]{0,60}$", "", question.rstrip(" ?.")) if asked else question
        )
        question = " ".join(question.rstrip(" ?.").split()[:MAX_QUESTION_WORDS])
        if question:
            return question
    return None

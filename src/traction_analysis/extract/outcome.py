"""What the meeting did with an item: decided, noted, deferred, referred, procedural or unclear.

Evidence is weighed in the order a reader would: a disposition the clerk printed against the item
(table column, "PLACED ON FILE", "(Y-5) 184349"), a resolution ("RESOLVED that…", "Outcome: the
Board approved…", "Motion … carried, to RECEIVE…"), a procedural title (apologies, minutes of the
last meeting, date of next meeting), then the narrative. Within a resolution, deferring or
referring wins over a bare "agreed", a decision verb wins over noting, and in "carried … to X"
the motion's own verb X decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from traction_analysis.extract.lines import Line
from traction_analysis.extract.model import Outcome
from traction_analysis.extract.segment import Segment
from traction_analysis.extract.tables import disposition_cell
from traction_analysis.extract.text import Paragraph, Sentence, paragraphs, sentences

I = re.IGNORECASE  # noqa: E741 - the patterns below read like re.I
PROCEDURAL_TITLE = re.compile(
    r"\bapolog(?:y|ies)\b|^(?:leave of )?absences?\b|\bsubstitut(?:es|ions?)\b"
    r"|\b(?:declarations?|disclosures?) of (?:\w+ ){0,4}interests?\b"
    r"|\bconflicts? of interests?\b(?!\s+(?:code|policy|polic|register|guidance|training))"
    r"|\bminutes\b(?!\s+of\s+the\s+(?:[\w’'&-]+\s+){0,6}(?:committee|board|panel|cabinet|forum|group|"
    r"partnership|authority|sub-committee))"
    r"|\b(?:matters|business) arising\b|\bnext meetings?\b|\bmeeting dates?\b"
    r"|^welcome\b|\bwelcomed?\b(?= to\b)|^(?:welcome (?:and )?)?introductions?$"
    r"|\bopening remarks\b|^opening\b"
    # ceremonies: "Land Acknowledgement", "Retiree Awards", "Statement of Employee Appreciation"
    r"|\bland acknowledge?ments?\b|\b(?:retiree|retirement|long service) awards?\b"
    r"|\bstatement of (?:employee |staff )?appreciation\b|\bmoment of (?:silence|reflection)\b"
    # the action log reviewed, like matters arising: "Actions", "Action Log"
    r"|^(?:review of )?(?:the )?actions?(?: (?:log|tracker|list|points))?$|\baction (?:log|tracker)s?\b"
    r"|\bcall(?:ed)? to order\b|\broll call\b|\bpledge of allegiance\b|\binvocation\b|^attendance\b"
    r"|\bperfunctory\b|\bquorum\b|\badjourn(?:ment|ed)?\b|\bclose of (?:the )?(?:meeting|public)"
    r"|\bclos(?:e|ing|ed) (?:of )?(?:the )?meeting\b|\bmeeting closed\b"
    r"|\bany other (?:competent |urgent )?business\b|^a\.?\s?o\.?\s?(?:c\.?\s?)?b\b\.?"
    r"|\bpublic (?:questions?|comments?|communications?|participation|forum|speaking)\b"
    r"|\bquestions (?:from|by) (?:members of )?the public\b|\bproclamations?\b"
    r"|^clos(?:ing|ure)\b|\bnext agenda\b|^other business$|\bopenness and transparency\b|\bevacuation\b"
    r"|\b(?:audio )?recording of (?:the )?meeting\b|\bacceptance of office\b|\bopen forum\b"
    r"|\bexclusion of (?:the )?(?:press|public)\b"
    # the running of the meeting itself: its agenda, the flag, the public's turn, moving in and out of camera
    r"|\b(?:adopt|approv|confirm|accept)\w*\s+(?:of\s+)?(?:the\s+)?(?:meeting\s+|revised\s+)?agenda\b"
    r"|\bagenda (?:changes|amendments|additions|review)\b|\bitems? to be (?:added|deleted)\b"
    r"|\badditions? (?:to|or deletions (?:to|from)) (?:the )?agenda\b|\bdivision of (?:the )?agenda\b"
    r"|\bflag salute\b|\bsalute to the flag\b|\bpledge (?:to|of) (?:the )?(?:flag|allegiance)\b"
    r"|\boral communications?\b|\b(?:citizens?|patrons?|residents?)[’']? (?:comments?|forum|to address)\b"
    r"|\bnext (?:[\w-]+ ){1,2}meetings?\b|^upcoming events\b|\btopics for future\b"
    r"|\bfuture agenda items?\b|\bmatters for (?:the )?next\b|^introductions?\b(?! (?:from|of|to)\b)"
    r"|^convene\b|^public session\b"
    r"|\b(?:move|moving|go|going|return|returning|reconvene)\w* (?:in)?to (?:an? )?"
    r"(?:in[- ]camera|closed|open|public|regular) (?:session|meeting)\b"
    r"|\bmotion to (?:move |go )?in[- ]camera\b"
    r"|^(?:those |members )?present\s*(?::|$)"
    # a standing heading with nothing under it: "Presentations (None)", "Special Events – No Report"
    r"|\((?:none|nil|n/a)\)\s*$|[-–:]\s*(?:none|nil|no reports?|n/a)\.?\s*$"
    r"|\bno (?:[\w-]+ )?(?:applications|items|reports)$",
    I,
)
# A number left on a heading ("1 Welcome, Introductions and Safety Information") hides its first word.
LEADING_NUMBER = re.compile(r"^\d{1,3}\.?\s+(?=[A-Z])")
# ModernGov prints the minute after its agenda text: "Mayor's Q&A Minutes: The Chair welcomed…". Run into
# a heading, that label says nothing about the item being the minutes of a meeting.
MINUTE_LABEL = re.compile(r"(?<=\S)\s+Minutes:\s.*$", re.DOTALL)


def _heading(title: str) -> str:
    """The item's own heading: without a number left on it or the minute run into it."""
    return MINUTE_LABEL.sub("", LEADING_NUMBER.sub("", title))


# Headings whose lettered entries are procedural too (an "Opening" heading may hold a presentation).
PROCEDURAL_PARENT = re.compile(
    r"\bminutes\b|\bproclamations?\b|\bapolog|\bdeclarations?\b|\boral communications?\b|"
    r"\bpublic (?:comments?|questions?|participation)\b",
    I,
)
# Electing a chair for one meeting is procedural; electing the council's chairman or mayor is a decision.
ELECTION_TITLE = re.compile(
    r"\belection of (?:a |the )?(?:chair|vice|chairman|chairperson|mayor|speaker)\w*", I
)
FOR_THIS_MEETING = re.compile(
    r"\b(?:chair|preside over) (?:the|this) meeting\b|\bfor (?:the|this) meeting\b|"
    r"\bpro tem\b",
    I,
)
OTHER_BUSINESS = re.compile(
    r"\bany other (?:competent |urgent )?business\b|^a\.?\s?o\.?\s?(?:c\.?\s?)?b\b\.?|^other business$", I
)
# Matters arising are procedural unless the meeting decided something new under them.
MATTERS_ARISING = re.compile(
    r"\b(?:matters|business) arising\b(?!.*\bminutes\b)|^(?!.*\bminutes\b).*\b(?:matters|business) arising\b",
    I,
)
# A standing item with nothing in it ("Planning: none", "There was no update").
NOTHING = re.compile(
    r"^(?:none|nil|no update|nothing to report)\.?$|\bno update\b|\bnothing (?:further )?to report\b"
    r"|:\s*(?:n/a|none|nil)\.?$"
    # "There was no correspondence.", "There were none.", "This section has no items to consider."
    r"|\b(?:there|the) (?:was|were|is|are|have been|had been) (?:none\b|no\b(?! objections?\b))"
    r"|\bno items to consider\b|\bno (?:[\w-]+ ){0,2}(?:applications?|invoices|correspondence) "
    r"(?:this month|to consider|for (?:payment|consideration)|(?:have|has) been (?:submitted|received))\b"
    r"|^no (?:[\w-]+ ){0,2}(?:applications?|reports?|items?|correspondence|invoices|questions|announcements|"
    r"motions|issues)\.?$|^none (?:noted|received|raised|declared)\b|[-–:]\s*no report\.?$"
    r"|\bdid not raise any\b|\bhas not (?:yet )?met\b|\bnone\.?$"
    # "Police Report: No report received or Police presence."
    r"|\bno (?:[\w-]+ ){0,2}reports? (?:(?:was|were|has been|have been) )?received\b",
    I,
)
NOTHING_WORDS = 40  # a standing item that records nothing is short: the heading and one line
CONSENT = re.compile(r"\bconsent (?:agenda|calendar)\b(?!.*\((?:none|nil)\))", I)
CLOSED_SESSION = re.compile(r"\bclosed session\b|\bin camera\b|\bprivate session\b", I)
REPORTED_BACK = re.compile(r"\bannouncements?\b|\breports?\b|\breport(?:ed)? out\b", I)
MOTION_TITLE = re.compile(r"^(?:notice of )?motions?\b|\bI will move\b", I)

# What the extractor says when the minutes give no evidence: its own words, never a quotation, so the review
# screen marks them "not in the minutes" and highlights nothing for them in the source.
NO_OUTCOME_YET = "Agenda: no outcome is recorded yet."
NO_RESULT_RECORDED = "No result is recorded."
NO_RESOLUTION_RECORDED = "Considered; no resolution is recorded."
NOTHING_RECORDED = "Nothing is recorded under this heading."
GENERATED_EVIDENCE = frozenset({NO_OUTCOME_YET, NO_RESULT_RECORDED, NO_RESOLUTION_RECORDED, NOTHING_RECORDED})

PARAGRAPH_NUMBER = r"(?:\(?\d{1,2}[.)]\s*|\d{1,3}(?:\.\d{1,2})+\.?\s+)?"
RESOLUTION_START = re.compile(
    "^" + PARAGRAPH_NUMBER + r"(?:RESOLVED|Resolved|RESOLUTION|DECISION|Decision|AGREED|Agreed|DECIDED|"
    r"Outcome|OUTCOME|It was (?:(?:unanimously|duly|further|therefore) )?(?:resolved|Resolved|RESOLVED|"
    r"agreed|AGREED|decided|moved|proposed)|"
    r"(?:The |the )?(?:Board|Committee|Council|Cabinet|Panel|Commission|Authority|Trust|Group|"
    r"Sub-Committee|Forum|Partnership|Executive|Members|Meeting)[:,]?\s+(?:RESOLVED|NOTED|AGREED|APPROVED|"
    r"RECEIVED|ENDORSED|DECIDED|RECOMMENDED|resolved|agreed|approved|noted|received|endorsed|decided|"
    r"recommended|accepted|adopted|supported|deferred|referred))\b"
)
OUTCOME_LABEL = re.compile(r"^(?:Outcome|OUTCOME|Decision|DECISION|Resolution|RESOLUTION)s?\b\s*:?")
# What opens a formal resolution block. "The Board noted that…" also opens narrative, so only the
# clerk's formal markers (and verbs in capitals: "The Board NOTED") open a block.
BLOCK_START = re.compile(
    "^" + PARAGRAPH_NUMBER + r"(?:RESOLVED|Resolved|RESOLUTION|DECISION|AGREED|DECIDED|"
    r"It was (?:(?:unanimously|duly|further|therefore) )?(?:resolved|Resolved|RESOLVED)|"
    r"(?:The |the )?[A-Z][\w-]+(?: [A-Z][\w-]+)?[:,]?\s+(?:RESOLVED|NOTED|AGREED|APPROVED|RECEIVED|ENDORSED|"
    r"DECIDED|RECOMMENDED))\b"
)
MOTION_RECORD = re.compile(
    r"\b(?:motion|amendment|recommendation|resolution)s?\b.{0,300}?\b(?:carried|lost|defeated|fell|"
    r"passed|passes|failed)\b(?! (?:out|forward|over))|\bcarried\b(?! (?:out|forward|over))|"
    r"\((?:motion|second)\)|"
    r"\bmoved and seconded\b|\bfinally passed\b|"
    r"\b(?:proposed|seconded) by\b.{0,250}?\b(?:agreed|resolved|carried|adopted|passed)\b"
    r"|\bon the proposal of\b"
    # an election or a formal approval minuted by its mover and seconder alone: "Cllr Shewell, proposed by
    # Cllr Hayward, seconded by Cllr Evans."
    r"|\b(?:proposed|nominated) by\b.{0,120}?\bseconded by\b|^[\w.’' -]{0,40}, seconded by\b",
    I,
)
# A clerk's terse disposition opening a sentence: "Referred to the Parks Committee.", "Approved."
TERSE_DISPOSITION = re.compile(
    r"^(?:Referred|Deferred|Approved|Adopted|Noted|Received|Carried|Tabled|Laid over|"
    r"Withdrawn|Accepted|Confirmed|Denied|Rejected|Postponed)\b(?! that)|^Continued (?:to|until)\b"
    r"|^(?:Unanimously )?(?:Agreed|Decided|Resolved)(?: unanimously)?(?: to\b|:|\.)"
)
# The terse results that put a motion off or pass it on, whatever the motion's own words proposed.
TERSE_PUT_OFF = re.compile(
    r"^(?:Referred|Deferred|Tabled|Laid over|Postponed)\b(?! that)|^Continued (?:to|until)\b"
)
# A recorded vote: "(Y-5)", "Ayes: 5", "VOTE 13-0", "Vote: 12-0 (Omobien abstained)".
VOTE = re.compile(
    r"\(Y-\d+\)|\b(?:yeas|ayes)\s*[:\-–]?\s*(?:\d+|all\b)|\bvote[ds]?:?\s+\d{1,2}\s?[-–]\s?\d{1,2}\b", I
)
DISPOSITION_CAPS = re.compile(
    r"\b(?:PLACED ON FILE|RECEIVED AND FILED|PASSED TO (?:A )?SECOND READING|REFERRED TO|LAID OVER|"
    r"CONFIRMED|ADOPTED|APPROVED|ACCEPTED|CARRIED|PASSED|WITHDRAWN|DEFERRED|TABLED|FAILED|DENIED|"
    r"NOTED|RECEIVED|AGREED|ENDORSED|REJECTED|AUTHORI[SZ]ED)\b"
)
# The item itself withdrawn: "The application was withdrawn", "Withdrawn.", "WITHDRAWN". An amendment, a
# question or an objection withdrawn leaves the item standing, so a lower-case "withdrawn" counts only after
# the item's own noun.
WITHDRAWN = re.compile(
    r"\b(?:item|report|motion|matter|application|petition)\s+(?:was\s+|has been\s+|is\s+)?"
    r"withdrawn\b|^\s*withdrawn\b|(?-i:\bWITHDRAWN\b)|\bpulled by (?:the |its )?sponsor\b",
    I,
)

DEFER = re.compile(
    r"\bdefer(?:red|s|ral)?\b|\blaid over\b|\blay over\b|\bpostpone[ds]?\b|"
    r"\bto (?:a )?second reading\b|\bfirst reading only\b|\btabled\b|"
    r"\badjourned (?:to|until)\b|\bcontinued to\b|"
    r"\bto come back\b|\bbrought back\b|\bextension of time granted\b",
    I,
)
# An ordinance given its first or second vote (reading) only waits for the final one ...
EARLY_READING = re.compile(
    r"\b(?:given|pass(?:ed|es)?) (?:its )?(?:first|second)(?: and second)? (?:vote|reading)s?\b", I
)
# ... unless the item records a third or final one, for it or for another bylaw under it ("The said Bylaw
# was then read for the third time.", "pass its third reading", "final passage").
FINAL_READING = re.compile(
    r"\b(?:third|final) (?:vote|reading|passage)\b|\bread (?:for )?(?:a|the) third time\b", I
)


def _defers(text: str) -> bool:
    """The text puts the matter off: a deferral, or a bylaw read only a first or second time."""
    if DEFER.search(text):
        return True
    return bool(EARLY_READING.search(text)) and not FINAL_READING.search(text)


# "agreed and referred to the FGB for information" passes a decision on; it does not refer the matter.
REFER = re.compile(r"\brefer(?:red|s)?\s+(?:back\s+)?to\b(?![^.;]{0,60}\bfor information\b)", I)
STRONG_DECIDE = re.compile(
    r"\bapprov(?:e|ed|es|al of)\b|\badopt(?:ed|s)?\b|\bendorse[ds]?\b|\bratif(?:y|ied|ies)\b|"
    r"\bauthori[sz](?:e|ed|es)\b|\bappoint(?:ed|s)?\b|\belect(?:ed|s)?\b|\baward(?:ed|s)?\b|\breject(?:ed|s)?\b|"
    r"\brefuse[ds]?\b|\brescind(?:ed|s)?\b|\bamend(?:ed|s)?\b|\bwaive[ds]?\b|\bestablish(?:ed|es)?\b|"
    r"\baccept(?:ed|s)? the recommendations?\b|\brecommend(?:ed|s)? (?:to|that)\b|\bdecided\b|\bresolved to\b"
    r"|\bconfirm(?:ed|s)?\b(?! (?:that|the minutes|as a (?:correct|true)))|\bresolved:\s+to\b"
    r"|\bdelegate[ds]?\b|\bgrant(?:ed|s)?\b|\bco-?opt(?:ed|s)?\b",
    I,
)
WEAK_DECIDE = re.compile(
    r"\bagree[ds]?\b(?! (?:with|that the (?:new|report)))|\bcarried\b(?! (?:out|forward|over))|\blost\b|"
    r"\bdefeated\b|\bpass(?:ed|es)\b|\(Y-\d+\)|\bordinance\b|\bsupport(?:s|ed)? the (?:proposal|motion)\b",
    I,
)
# A motion's vote or seconder with no verb of its own ("Ayes All", "All were in favor", "VOTE 13-0", "Cllr
# Shewell, proposed by Cllr Hayward, seconded by Cllr Evans."): weighed after noting, which it does not
# outweigh.
SECONDED_OR_VOTED = re.compile(
    r"\bayes:? all\b|\ball (?:were )?in favou?r\b|\bseconded by\b|\bvote[ds]?:?\s+\d{1,2}\s?[-–]\s?\d{1,2}\b",
    I,
)
NOTE = re.compile(
    r"\bnote[ds]?\b|\bnoting\b|\breceive[ds]?\b|\bplaced on file\b|\bfiled\b|"
    r"\baccept(?:ed|s)? (?:the )?(?:[\w’'-]+ ){0,8}(?:reports?|updates?|registers?|information|"
    r"minutes|statements?|accounts|assurance)\b|\bconsidered\b|\bwelcomed\b|\bsupport(?:ed|s)\b|"
    r"\backnowledged\b|\bassurance\b|\bfor information\b|\breviewed\b",
    I,
)
# "Motion … carried unanimously, to RECEIVE the update": the motion's own verb says what was done.
# "Motion to receive and file … carried", "moved that the report be received", "agreed to defer".
OPERATIVE = re.compile(
    r"\b(?:carried|passed|agreed|seconded|resolved|decided)\b[^.]{0,120}?\bto\s+(?P<verb>[a-z]+)|"
    r"\b(?:motion|moved|move)(?:\s+was\s+made)?(?:\s+by(?:\s+[\w.’'-]+){1,4}?)?:?\s+(?:to|that\s+(?:the\s+)?"
    r"(?:[\w&,’'-]+\s+){0,12}?be)"
    r"\s+(?P<verb2>[a-z]+)|"
    # "THAT the Board receive the report", "That we accept the correspondence as presented"
    r"\bthat\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?P<verb3>receive|note|accept|file|defer|postpone|table|refer)s?\b"
    # … with its object after it: "for that table." ends a noun, not a motion
    r"(?=\s+[\w\"“‘'])",
    I,
)
# Accepting a report is noting it; accepting an offer, a quote or a benefit is a decision.
ACCEPT_REPORT = re.compile(
    r"\baccept(?:ed|s)? (?:the )?(?:[\w’'-]+ ){0,8}(?:reports?|updates?|registers?|information|"
    r"minutes|statements?|accounts|assurance|correspondence|communications?|letters?)\b",
    I,
)
# After receiving a matter, passing it (or what was said on it) on: "receive, file and refer comments to the
# City Manager".
REFER_ON = re.compile(r"\brefer\b(?:\s+[\w’'-]+){1,3}?\s+to\s+(?:the\s+)?[A-Z]")
RESOLVED_WORD = re.compile(r"\bresolved\b|\bresolution\b", I)
# Prefixes of the motion's verb: "file", not "fil" ("co-opted to fill the vacancy"); "note", not "not".
NOTE_VERBS = ("receiv", "note", "noting", "accept", "file")
DEFER_VERBS = ("defer", "postpon", "tabl", "continu", "lay", "laid", "adjourn")
# Continuing an item puts it off only to a named later time ("moved to continue the hearing to October 3",
# "continue the matter until the next meeting"); "agreed to continue paying the fee" carries on as before.
CONTINUED_TO = re.compile(
    r"^[^.;]{0,80}?\b(?:to|until|till)\s+(?:the\s+|a\s+|its\s+)?(?:next|following|later|future|\d|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)",
    I,
)
REFER_VERBS = ("refer",)

# "The item was adjourned to May" defers; "the meeting was adjourned at 8.30pm" only closes the meeting.
PASSIVE_DEFER = re.compile(
    r"\b(?:was|were|be|is|are|been|being)\s+(?:deferred|postponed|laid over)\b|"
    r"\b(?:deferred|adjourned) (?:to|until)\b|"
    # "The motion will be voted on at the April meeting", "to be discussed again at the next meeting"
    r"\b(?:to|will|would|shall) be (?:discussed|considered|voted on|decided|revisited|brought back)"
    r"(?: again| further)? (?:at|to) (?:the |a |its )?(?:next|following|later|future|(?-i:[A-Z][a-z]+))"
    r"(?: [\w-]+){0,2} meeting\b|"
    # "it will be discussed in November", "potential focus on specific examinations - to be discussed further"
    r"\b(?:to|will|would|shall) be (?:discussed|considered|revisited|brought back)(?: again| further)? in "
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
    r"[-–]\s*to be discussed further\.?$",
    I,
)
# The matter is put to a later meeting for its decision: "be prepared to discuss and adopt new policies at
# the February board meeting", "will hold a public hearing at its July 26 meeting to decide whether to …",
# "bring it back to the next meeting", "before a decision is made".
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
LATER_MEETING = (
    r"(?:the |a |its )?(?:next|following|later|future|" + MONTH + r"(?: \d{1,2})?)(?: [\w-]+){0,2}? meeting\b"
)
NARRATIVE_DEFER = re.compile(
    r"\b(?:discuss|decide|consider|vote on|adopt|determine)\b[^.;]{0,60}?\bat " + LATER_MEETING + r"|"
    r"\bat " + LATER_MEETING + r" to (?:decide|consider|discuss|vote|adopt|determine)\b|"
    r"\bbring (?:it |this |them |the (?:[\w-]+ ){1,2})?back to " + LATER_MEETING + r"|"
    r"\bbefore (?:a|any) (?:final )?decision (?:is|was|can be) (?:made|taken)\b",
    I,
)
# People are "referred to" services in narrative; only a matter being referred is a referral.
PASSIVE_REFER = re.compile(
    r"\b(?:item|matter|report|issue|application|motion|proposal|question|petition|it|this)\s+"
    r"(?:was|were|be|is|are|been|should be)\s+referred\s+(?:back\s+)?to\s+(?:the\s+)?[A-Z]",
    I,
)
BODY_DECIDE = re.compile(
    r"\bit was (?i:agreed|resolved|decided)\b|\b(?i:board|committee|council|cabinet|panel|"
    r"commission|members|councillors|cllrs|governors|trustees|directors|supervisors|commissioners|meeting) "
    r"(?:unanimously |formally |duly |also )?(?:agreed|approved|resolved|decided|endorsed|adopted)\b|"
    r"\b(?:was|were) (?:duly |unanimously )?(?:elected|appointed|co-opted)\b|"
    r"\b(?:was|were|[Aa]ll|be) (?:duly |unanimously |formally )?(?:approved|adopted|ratified)\b|"
    # "The Terms of Reference were agreed.", "Online payments were authorised" (not a report's
    # "It was agreed", nor the minutes "agreed as an accurate record")
    r"(?<![Ii]t )\b(?:was|were) (?:duly |unanimously |formally |provisionally )?(?:agreed|authori[sz]ed)\b"
    r"(?! as (?:an? |the )?(?:accurate|true|correct))|"
    # "Decision made that…", "the decision was made to scale down…", "by consensus, instructed Holbrook…"
    r"\b(?i:decision) (?:was )?made\b|\bby consensus\b|\b[Aa]ll (?:were )?in (?:agreement|favou?r)\b|"
    r"\b(?:[Ss]upport|[Aa]pproval|[Pp]ermission|[Cc]onsent) (?:was|were) (?:given|granted)\b|"
    # a council's answer to a planning consultation is its decision
    r"\b(?:had|has|have|raised|made) no (?:objections?|comments or objections?)\b|"
    r"\b(?:accepted|approved|authori[sz]ed|agreed) for payment\b|"
    # a proposal's result minuted on its own line: "Proposed: … Seconded: … And agreed following a show of
    # hands", "Agreed unanimously.", "All agreed"
    r"^(?:[Aa]nd )?(?:[Aa]greed|AGREED)(?: unanimously| by all)?(?: following a show of hands)?\.?$|"
    r"\b(?:following|on|by) a show of hands\b|^[Aa]ll agreed\.?$"
)
# A council's view on a planning application, written against it: "Supported.", "No objection",
# "Approval recommended", "recommended for refusal". A view given is a decision, whatever the verb.
PLANNING_VIEW = re.compile(
    r"(?:^|\.\s)(?:Not )?[Ss]upported\.|\b(?:No|NO) (?i:objections?)\b(?! (?i:from|by)\b)|"
    r"\b(?i:approval|refusal)(?: of all)? (?:is |was )?recommended\b|\brecommended for (?:approval|refusal)\b"
)
BODY_NOTE = re.compile(
    r"\bnoted\b|\breceived\b|\bconsidered\b|\bpresent(?:ed|ation)\b|\bupdate\b|\breport", I
)
# The words BODY_DECIDE cannot match without (a cheap test before the regex).
BODY_DECIDE_KEYS = (
    "agreed",
    "AGREED",
    "resolved",
    "RESOLVED",
    "decided",
    "approved",
    "endorsed",
    "adopted",
    "elected",
    "appointed",
    "co-opted",
    "ratified",
    "objection",
    "for payment",
    "ecision",
    "consensus",
    "in agreement",
    "in favo",
    "given",
    "granted",
    "authori",
    "hands",
    "greed",
)
# The clerk told to carry the council's answer out: "Clerk to write", "Clerk to respond saying the Council
# supports the proposals", "Clerk to inform him that the Council accepts the offer". The answer is decided.
CLERK_INSTRUCTED = re.compile(
    r"(?:^|[.;:]\s)(?:The )?(?:Clerk|Secretary)(?: is)? to "
    r"(?:write|respond|reply|inform|accept|order|notify)\b"
)

# Each narrative pattern with the words it cannot match without (a cheap test before the regex).
NARRATIVE_PATTERNS = (
    (PASSIVE_DEFER, "deferred", ("defer", "postpon", "laid over", "adjourn", " meeting", "be discussed")),
    (NARRATIVE_DEFER, "deferred", (" meeting", "decision")),
    (PASSIVE_REFER, "referred", ("referred",)),
    (BODY_DECIDE, "decided", BODY_DECIDE_KEYS),
    (PLANNING_VIEW, "decided", ("objection", "OBJECTION", "upport", "ecommend")),
    (CLERK_INSTRUCTED, "decided", ("lerk to", "ecretary to", "lerk is to", "ecretary is to")),
)
MAX_EVIDENCE = 400
MAX_RESOLUTION = 2000


@dataclass(slots=True)
class Verdict:
    outcome: Outcome
    confidence: float
    evidence: str
    resolution: str | None
    statements: list[Sentence]
    block: list[Line] = field(default_factory=list)  # the resolution's lines, for the action finder


def classify(
    segment: Segment,
    *,
    agenda: bool = False,
    body_sentences: list[Sentence] | None = None,
    body_paragraphs: list[Paragraph] | None = None,
) -> Verdict:
    """The outcome of one item, with the sentences that show it."""
    verdict = _classify(segment, agenda, body_sentences, body_paragraphs)
    if verdict.outcome == "noted" and not agenda and CONSENT.search(segment.title):
        # A consent agenda is adopted in one motion, though its entries only "receive and file".
        verdict.outcome = "decided"
    return verdict


def _classify(
    segment: Segment,
    agenda: bool,
    body_sentences: list[Sentence] | None,
    body_paragraphs: list[Paragraph] | None,
) -> Verdict:
    if segment.cells:
        verdict = _from_disposition(segment)
        if verdict:
            return verdict
    if body_paragraphs is None:
        body_paragraphs = paragraphs(segment.body)  # shared by the sentences and the resolution block
    if body_sentences is None:
        body_sentences = sentences(segment.body, body_paragraphs)
    withdrawn = next((s for s in body_sentences if _withdraws(s.text)), None)
    if withdrawn and not RESOLUTION_START.match(withdrawn.text):
        return Verdict("unclear", 0.7, withdrawn.text, None, [])
    block = resolution_block(segment.body, body_paragraphs)
    statements, resolution = resolution_statements(block, body_sentences)
    procedural = bool(PROCEDURAL_TITLE.search(_heading(segment.title)))
    exception = OTHER_BUSINESS.search(segment.title) or MATTERS_ARISING.search(segment.title)
    if (
        not procedural
        and segment.parent
        and PROCEDURAL_PARENT.search(segment.parent)
        and PROCEDURAL_TITLE.search(segment.parent)
    ):
        # "Adoption of the Minutes: (a) Special Council…", "Proclamations: (a) Alzheimer's Awareness Month"
        procedural = True
        exception = OTHER_BUSINESS.search(segment.parent) or MATTERS_ARISING.search(segment.parent)
    if not procedural and ELECTION_TITLE.search(segment.title):
        procedural = bool(FOR_THIS_MEETING.search(segment.title)) or any(
            FOR_THIS_MEETING.search(s.text) for s in body_sentences
        )
    if procedural and exception and not statements:
        # "Any other business: … Support was given.": a decision in the narrative under a catch-all heading
        decision = _narrative_decision_sentence(body_sentences)
        if decision is not None:
            return Verdict("decided", 0.6, decision.text[:MAX_EVIDENCE], None, [decision])
    if procedural and not (exception and _decides(statements)):
        return Verdict(
            "procedural", 0.9, _evidence(statements) or segment.title, resolution, statements, block
        )
    if statements and (_confirms_minutes(statements) or _runs_the_meeting(statements)):
        return Verdict("procedural", 0.8, _evidence(statements), resolution, statements, block)
    if statements:
        outcome, confidence = weigh_statements(statements)
        if outcome == "unclear" and not agenda:
            # "It was proposed and seconded that X remain as Chairman. X was duly elected.": the
            # proposal is recorded formally, its result in the narrative after it.
            narrative = _from_narrative(segment, body_sentences, agenda=agenda)
            if narrative.outcome in ("decided", "deferred", "referred"):
                return Verdict(narrative.outcome, 0.6, narrative.evidence, resolution, statements, block)
        return Verdict(outcome, confidence, _evidence(statements), resolution, statements, block)
    if segment.parent_body:
        inherited, _ = resolution_statements(
            resolution_block(segment.parent_body), sentences(segment.parent_body)
        )
        if inherited:
            outcome, _ = weigh(" ".join(s.text for s in inherited))
            return Verdict(outcome, 0.6, _evidence(inherited), None, [])
    return _from_narrative(segment, body_sentences, agenda=agenda)


def _from_disposition(segment: Segment) -> Verdict | None:
    cell = disposition_cell(segment.cells, segment.header)
    if not cell or not (DISPOSITION_CAPS.search(cell) or _defers(cell) or REFER.search(cell)):
        return None
    subject = segment.title if len(segment.title) > 3 else None
    if WITHDRAWN.search(cell):
        return Verdict("unclear", 0.8, cell, subject, [])
    outcome, _ = weigh(cell)
    return Verdict(outcome, 0.95, cell, subject, [])


def _withdraws(text: str) -> bool:
    """The sentence withdraws the item: "The application was withdrawn", "PULLED BY SPONSOR"."""
    lower = text.lower()
    return ("ithdrawn" in lower or "sponsor" in lower) and bool(WITHDRAWN.search(text))


def resolution_statements(lines: list[Line], body: list[Sentence]) -> tuple[list[Sentence], str | None]:
    """Sentences that record the decision, and the resolution text (with its numbered sub-clauses)."""
    found = paragraphs(lines)
    block = resolution_block(lines, found)
    if block:
        # A minuted resolution is the decision; narrative around it ("the Committee agreed to
        # explore…" in a committee's report) is not this meeting's decision.
        if not _same_lines(block, lines):
            found = paragraphs(block)
        resolution = " ".join(paragraph.text for paragraph in found)
        return sentences(block, found), resolution[:MAX_RESOLUTION]
    statements: list[Sentence] = []
    for index, sentence in enumerate(body):
        if _is_statement(sentence.text):
            # "That the Director prepare a report… CARRIED": the motion's words precede its result.
            motion = _motion_before(body, index)
            if motion is not None and motion not in statements:
                statements.append(motion)
            statements.append(sentence)
    return statements, None


# The words of a motion, recorded before its result: "That the Director prepare a report…",
# "MOTION: THAT the Board receive the report.", "Moved by Cllr X to receive and file."
MOTION_WORDS = re.compile(
    r"^(?:(?:MOTION|Motion|RESOLUTION|Resolution)\s*:?\s*)?(?:THAT|That)\b"
    r"|^(?:It was )?(?:MOVED|Moved|moved)\b.*?\b(?:to|that|That|THAT)\b"
)
# The lines between a motion and its result: "MOVED BY: A", "SECONDED BY: B", "Seconded by Cllr C."
# … and the time the result was taken: "Time: 8:00 p.m."
MOVER = re.compile(
    r"^(?:MOVED|SECONDED|Moved|Seconded)(?: BY| by)?\b[:\s]*[\w.’' -]{0,60}\.?$"
    r"|^(?:Time|TIME):?\s*\d{1,2}[:.]\d{2}\s*[ap]\.?m\.?$"
)


def _motion_before(body: list[Sentence], index: int) -> Sentence | None:
    """The motion a result sentence records: the nearest motion's words a few sentences before it."""
    for back in range(index - 1, max(-1, index - 4), -1):
        text = body[back].text
        if MOTION_WORDS.match(text):
            return body[back]
        if not (MOVER.match(text) or _aside(text)):
            return None
    return None


ASIDE_WORDS = 10


def _aside(text: str) -> bool:
    """A short line the clerk puts between a motion and its result ("Next regular meeting to be held
    December 17, 2024."), not itself a motion or a result."""
    return len(text.split()) <= ASIDE_WORDS and not _is_statement(text)


MOTION_KEYS = (
    "carried",
    "lost",
    "defeated",
    "fell",
    "passed",
    "passes",
    "failed",
    "(motion)",
    "(second)",
    "seconded",
    "proposal of",
)
VOTE_KEYS = ("(y-", "yeas", "ayes", "vote")
CAPITALS_RUN = re.compile(r"[A-Z]{4}")


def _is_statement(text: str) -> bool:
    # Cheap substring tests first: these run on every sentence of every item.
    if RESOLUTION_START.match(text) or TERSE_DISPOSITION.match(text):
        return True
    lower = text.lower()
    if any(map(lower.__contains__, VOTE_KEYS)) and VOTE.search(text):
        return True
    if any(map(lower.__contains__, MOTION_KEYS)) and MOTION_RECORD.search(text):
        return True
    return bool(CAPITALS_RUN.search(text) and DISPOSITION_CAPS.search(text))


def _same_lines(block: list[Line], lines: list[Line]) -> bool:
    """Whether ``block`` holds exactly the lines of ``lines``, in order (so their paragraphs are the same)."""
    return len(block) == len(lines) and all(a is b for a, b in zip(block, lines, strict=True))


def resolution_block(lines: list[Line], found: list[Paragraph] | None = None) -> list[Line]:
    """From the first "RESOLVED"/"Outcome:" paragraph through the numbered or bulleted clauses after it.

    ``found`` is ``paragraphs(lines)`` when the caller already has it."""
    block: list[Line] = []
    active = False
    for paragraph in paragraphs(lines) if found is None else found:
        text = paragraph.text
        if BLOCK_START.match(text) or OUTCOME_LABEL.match(text):
            active = True
        elif active and not paragraph.listed and not _continues_outcome(text):
            active = False
        if active:
            block.extend(lines[paragraph.start : paragraph.end])
    return block


def _continues_outcome(text: str) -> bool:
    """After "Outcome: the Board" the clauses may come as plain lines until the next label."""
    return (
        len(text) < 400
        and not re.match(r"^(?:Action|ACTION|Responsible|Item|Discussion)\b", text)
        and bool(
            re.match(
                r"^[a-z(•]|^(?:Noted|Approved|Agreed|Received|Endorsed|Supported|Reviewed|Adopted|"
                r"Recognised|Reflected|Delegated|Requested|Confirmed)\b",
                text,
            )
        )
    )


def weigh(text: str) -> tuple[Outcome, float]:
    """Outcome of a resolution or disposition text.

    A clerk's disposition stamp in capitals ("REFERRED TO COMMISSIONER…", "ACCEPTED AS AMENDED")
    is the formal record, so when there is one the words from it onward are weighed, not the item
    description before it ("(Ordinance; amend Contract No. 3000)").
    """
    stamp = DISPOSITION_CAPS.search(text)
    if stamp and stamp.start() > 0:
        # "THAT the Board receive the report. … MOTION CARRIED.": a bare result says only that the
        # motion passed; the motion's own verb says what was done.
        if stamp.group() in ("CARRIED", "PASSED"):
            moved = _operative(text)
            if moved:
                return moved
        text = text[stamp.start() :]
    moved = _operative(text)
    if moved:
        return moved
    strong = bool(STRONG_DECIDE.search(text))
    if NO_ACTION.search(text) and not strong:
        return "noted", 0.8  # "It was agreed that no further action was necessary."
    if _defers(text) and not strong:
        return "deferred", 0.85
    if REFER.search(text) and not strong:
        return "referred", 0.85
    if strong or WEAK_DECIDE.search(text):
        return "decided", 0.9 if strong else 0.8
    if NOTE.search(text):
        return "noted", 0.85
    if SECONDED_OR_VOTED.search(text):
        return "decided", 0.8
    if RESOLVED_WORD.search(text):
        return "decided", 0.7  # "RESOLVED to object to the application": a resolution is a decision
    if OUTCOME_LABEL.match(text) and not NOTHING.search(text):
        # "Outcome: The group felt that CPD should be the requirement": the clerk labelled it the result
        return "decided", 0.6
    return "unclear", 0.4


def weigh_statements(statements: list[Sentence]) -> tuple[Outcome, float]:
    """Outcome of an item's recorded motions together.

    Two motions under one item ("THAT the Board approve extended hours … CARRIED", then "THAT the Board
    receive the update … CARRIED") are weighed as one text, where the first motion verb found speaks for both;
    when that reads as noting but one motion on its own plainly approves something, the item decided.
    """
    put_off = next((s for s in statements if TERSE_PUT_OFF.match(s.text)), None)
    if put_off is not None:
        # "THAT we pass By-Law 2024-54. Deferred.": the clerk's result says what became of the motion.
        return weigh(put_off.text)
    outcome, confidence = weigh(" ".join(s.text for s in statements))
    if outcome == "noted" and len(statements) > 1:
        for statement in statements:
            if weigh(statement.text) == ("decided", 0.9):
                return "decided", 0.8
    return outcome, confidence


def _operative(text: str) -> tuple[Outcome, float] | None:
    """What the motion's own verb did: "Motion … carried, to RECEIVE the update" is noting."""
    operative = OPERATIVE.search(text)
    if operative:
        verb = (operative.group("verb") or operative.group("verb2") or operative.group("verb3")).lower()
        rest = text[operative.end() :]
        if verb.startswith(NOTE_VERBS) and (REFER.search(rest) or REFER_ON.search(rest)):
            return "referred", 0.85  # "to receive, file and refer (comments) to the Legal Department"
        if operative.group("verb3") and STRONG_DECIDE.search(rest):
            return None  # "that Cabinet note the settlement and agree the budget" decides
        for prefixes, outcome in (
            (NOTE_VERBS, "noted"),
            (DEFER_VERBS, "deferred"),
            (REFER_VERBS, "referred"),
        ):
            if verb.startswith("accept") and not ACCEPT_REPORT.search(text):
                continue
            if verb.startswith("continu") and not CONTINUED_TO.search(rest):
                continue
            if verb.startswith(prefixes) and not (outcome == "noted" and "recommendation" in text.lower()):
                return outcome, 0.85  # type: ignore[return-value]
    return None


# "That the minutes of the Special Council meeting held on 18 December be adopted."
MINUTES_MOTION = re.compile(
    r"\bminutes of (?:the )?(?:[\w’'&,–-]+ ){0,12}?(?:meeting|session)s?\b.{0,120}?"
    r"\b(?:adopted|approved|confirmed|accepted|signed)\b(?!.*\brecommendations?\b)",
    I,
)


def _confirms_minutes(statements: list[Sentence]) -> bool:
    """The item's only motion confirms earlier minutes (the rest are its mover, seconder and result)."""
    texts = [s.text for s in statements]
    confirming = [t for t in texts if "inutes" in t and MINUTES_MOTION.search(t)]
    if not confirming:
        return False
    rest = " ".join(t for t in texts if t not in confirming)
    return not (STRONG_DECIDE.search(rest) or _defers(rest) or REFER.search(rest) or NOTE.search(rest))


# A motion that only runs the meeting: "That the meeting be adjourned.", "THAT we resume to an open public
# meeting.", "that Council move into closed session".
PROCEDURAL_MOTION = re.compile(
    r"\b(?:meeting|council|board|committee) (?:be|is|was|now|stand) adjourned\b|\bthat we adjourn\b|"
    r"\b(?:resume|return|reconvene|move|go|proceed)\w* (?:back )?(?:in)?to (?:an? |the )?"
    r"(?:open|public|closed|regular|in[- ]camera) (?:public )?(?:session|meeting)\b",
    I,
)
# The body's own record of receiving something in a closed session.
BODY_RECEIVED = re.compile(
    r"\b(?:Board|Committee|Council|Members|Panel|Trustees|Commission) (?:received|noted)\b"
)


def _runs_the_meeting(statements: list[Sentence]) -> bool:
    """The item's motions only adjourn the meeting or move it in or out of closed session."""
    texts = [s.text for s in statements]
    running = [t for t in texts if PROCEDURAL_MOTION.search(t)]
    if not running:
        return False
    rest = " ".join(PROCEDURAL_MOTION.sub(" ", t) for t in texts)
    return not (STRONG_DECIDE.search(rest) or _defers(rest) or REFER.search(rest))


def _decides(statements: list[Sentence]) -> bool:
    return bool(statements) and weigh(" ".join(s.text for s in statements))[0] == "decided"


# A report tells the meeting of things put off elsewhere ("elections have been postponed until May"); only the
# item itself put off ("Cabinet Member updates were deferred", "this item is to be deferred") defers it.
REPORT_TITLE = re.compile(r"\breports?\b", I)
ITEM_SUBJECT = re.compile(r"\b(?:item|matter|report|update|presentation)s?\b", I)


def _from_narrative(segment: Segment, body: list[Sentence], *, agenda: bool) -> Verdict:
    if agenda:
        return Verdict("unclear", 0.6, NO_OUTCOME_YET, None, [])
    report = bool(REPORT_TITLE.search(segment.title))
    for pattern, outcome, keys in NARRATIVE_PATTERNS:
        hit = next(
            (
                s
                for s in body
                if any(map(s.text.__contains__, keys))
                and pattern.search(s.text)
                and not (report and pattern is PASSIVE_DEFER and not ITEM_SUBJECT.search(s.text))
            ),
            None,
        )
        if hit:
            if pattern is BODY_DECIDE:  # "it was agreed to defer the item" is a deferral
                if _confirms_minutes([hit]) and not _later_decision(body, hit):
                    # "The minutes of the previous meeting were approved." and nothing else decided
                    return Verdict("procedural", 0.6, hit.text[:MAX_EVIDENCE], None, [hit])
                outcome = _narrative_decision(hit.text)
                if OFFICER_REPORT.search(segment.title) and REPORTED_DECISION.search(hit.text):
                    outcome = "noted"  # the Secretary's account of another body: "grants were agreed"
            return Verdict(outcome, 0.6, hit.text[:MAX_EVIDENCE], None, [hit])  # type: ignore[arg-type]
    closed = CLOSED_SESSION.search(segment.parent or "") or (
        CLOSED_SESSION.search(segment.title) and not REPORTED_BACK.search(segment.title)
    )
    if closed:  # what a closed session decided is not in the public minutes unless reported back
        received = next((s for s in body if BODY_RECEIVED.search(s.text)), None)
        if received:  # "The Board received a report from the CEO." is minuted
            return Verdict("noted", 0.5, received.text[:MAX_EVIDENCE], None, [received])
        return Verdict("unclear", 0.6, NO_RESULT_RECORDED, None, [])
    if MOTION_TITLE.search(segment.title):
        return Verdict("unclear", 0.5, NO_RESULT_RECORDED, None, [])
    if _records_nothing(body, segment.body):
        return Verdict("procedural", 0.5, body[0].text[:MAX_EVIDENCE], None, [])
    if not body and _bare_heading(segment.title):
        return Verdict("procedural", 0.45, NOTHING_RECORDED, None, [])
    if body and ATTENDANCE_LINE.match(body[0].text):
        return Verdict("procedural", 0.5, body[0].text[:MAX_EVIDENCE], None, [])
    hit = next((s for s in body if BODY_NOTE.search(s.text)), None)
    if hit:
        return Verdict("noted", 0.5, hit.text[:MAX_EVIDENCE], None, [hit])
    return Verdict("noted", 0.35, NO_RESOLUTION_RECORDED, None, [])


# An item that opens with who attended or sent apologies is the attendance item, whatever its heading kept:
# "Committee Members Present were: …", "Present: …", "Apologies were received from: …".
ATTENDANCE_LINE = re.compile(
    r"^(?:[A-Z][\w-]*\s+){0,3}?(?i:present)(?:\s+(?:were|was))?\s*:"
    r"|^(?i:apologies)(?: for absence)?(?:\s*:|\s+(?:were|was|had been|have been)\s+"
    r"(?:received|given|tendered|noted)\b)"
)
MOVED = re.compile(r"\b(?:moved|seconded)\b|(?<!of )\bmotion\b", I)  # not "There were no Notices of Motion"
# A heading that asks the meeting to note something ("Workplan – to note") is noted with nothing under it.
ASKS_TO_NOTE = re.compile(r"\bto (?:note|receive)\b|\bfor (?:information|noting)\b|\bnoted\b", I)
BARE_HEADING_WORDS = 6


def _later_decision(body: list[Sentence], after: Sentence) -> bool:
    """A decision recorded in the narrative after the given sentence."""
    rest = body[body.index(after) + 1 :]
    return any(any(k in s.text for k in BODY_DECIDE_KEYS) and BODY_DECIDE.search(s.text) for s in rest)


def _bare_heading(title: str) -> bool:
    """A short standing heading ("CORRESPONDENCE", "Treasurer's Report"): with nothing minuted under it, the
    meeting had nothing before it. A long title carries the item's own content, so it is not bare."""
    return len(title.split()) <= BARE_HEADING_WORDS and not ASKS_TO_NOTE.search(title)


def _narrative_decision_sentence(body: list[Sentence]) -> Sentence | None:
    """The first sentence of the narrative that records a decision ("The Parish Council agreed to meet…")."""
    for sentence in body:
        if any(k in sentence.text for k in BODY_DECIDE_KEYS) and BODY_DECIDE.search(sentence.text):
            return sentence if _narrative_decision(sentence.text) == "decided" else None
    return None


def _narrative_decision(text: str) -> Outcome:
    """What a sentence that records a decision did: "it was agreed to defer the item" defers, "it was agreed
    to note the report" notes; "Support was given" and "had no objections" decide, whatever noun follows."""
    outcome = weigh(text)[0]
    if outcome == "unclear" or (outcome == "noted" and not _operative(text)):
        return "decided"
    return outcome


# An officer's account to the meeting: "Secretary's Report", "Chair's report". (A treasurer's or clerk's
# report carries payments the meeting itself approves, so it is not one.)
OFFICER_REPORT = re.compile(
    r"\b(?:secretary|chair|chairman|chairperson|convenor|president)[’']?s?[’']? report\b", I
)
# A decision told without saying who took it ("very significant grants were agreed"): in an officer's
# report it is the reporter's account of another body, not this meeting's decision.
REPORTED_DECISION = re.compile(
    r"(?<![Ii]t )\b(?:was|were) (?:duly |unanimously |formally |provisionally )?(?:agreed|authori[sz]ed|"
    r"approved|adopted|ratified)\b"
)


# Agreeing to do nothing: the matter was only noted.
NO_ACTION = re.compile(
    r"\bno (?:further )?action (?:(?:was|is|would be|to be|be|should be) )?"
    r"(?:necessary|needed|required|taken)\b",
    I,
)


def _records_nothing(body: list[Sentence], lines: Sequence[Line] = ()) -> bool:
    """A standing item that says it had nothing in it: "There was no correspondence.", "Planning: none".

    The "NO ITEMS" may stand on a line of its own, run into one sentence with the next block's heading
    ("NO ITEMS" then "PLANNING (J. Fusco, Chairman)"), so the lines are read as well as the sentences."""
    if sum(len(s.text.split()) for s in body) > NOTHING_WORDS:
        return False
    if any(MOVED.search(s.text) for s in body):
        return False  # a motion under the heading; a "None." after it belongs to the next heading
    # "There are no DP matters to report but the new data controller…" goes on to report something.
    texts = [s.text for s in body] + [line.text for line in lines[:1]]
    return any(NOTHING.search(text) and " but " not in text for text in texts)


def _evidence(statements: list[Sentence]) -> str:
    text = " ".join(s.text for s in statements[:3])
    return text[:MAX_EVIDENCE]

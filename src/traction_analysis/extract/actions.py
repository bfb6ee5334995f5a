"""Follow-ups the meeting assigned, requested or agreed (DESIGN.md, "What counts as an action").

Three sources, most explicit first:
1. marked actions: "ACTION: …" lines (owner from a following "Responsible Officer:" line or a
   trailing "– JS"; a marker that names only the owner, "ACTION: Clerk", owns the paragraph above),
   points listed under an "Actions:" heading, and rows of an action-log table;
2. resolution clauses: "That the Director prepare a report…", "Agree to submit…", "RESOLVED: To write…",
   "authorised the City Manager to execute…", delegated authority in its usual forms, and an outcome
   that sets a dated step ("…for publication by 30 June 2025");
3. narrative commitments: "X agreed to circulate…", "the Chair requested that a copy be shared…",
   "CC requested that the Parish Clerk writes…", "officers were asked to report back…", "she would
   send…", "Esme will contact…" (a name the minutes list as present), the action-point shorthand
   ("PW to circulate…", "– Cllr Taylor to take the lead … and Cllr Clements to do …"), passive steps
   ("a letter to be sent to…", "Dog fouling to be an agenda item…"), US duties lists ("Gary take
   pictures…, Ray speak with…") and motions ("to have Carrie sign up…", "That Administration be
   directed to…").
When a document marks its actions explicitly, its narrative is not mined (the clerk has already said
which sentences are actions). A member's request or suggestion that the meeting did not adopt, a
request from the public, a step merely reported ("was required to be sent"), what is done at the
meeting itself ("asked Cllr X to present the report") and a decision that is itself the follow-up
are not actions. An action whose text only points back ("follow this up with the contractor") gets
what it points to in brackets. Patterns are found from their verb or trigger word back to the owner,
so the work per sentence stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from traction_analysis.extract import tables
from traction_analysis.extract.dates import RELATIVE_NEXT_MEETING, find_dates
from traction_analysis.extract.lines import Line
from traction_analysis.extract.model import ExtractedAction
from traction_analysis.extract.text import Sentence, paragraphs, sentences, split_sentences

VERB = (
    r"(?:circulat\w*|provid\w*|report\w*|bring\w*|arrang\w*|send\w*|shar\w*|review\w*|prepar\w*|"
    r"submit\w*|writ\w*|contact\w*|updat\w*|investigat\w*|liais\w*|follow\w*|meet\w*|organi[sz]\w*|"
    r"produc\w*|present\w*|publish\w*|check\w*|explor\w*|develop\w*|draft\w*|seek\w*|ensur\w*|set\w*|"
    r"establish\w*|tak\w*|look\w*|rais\w*|feed\w*|respond\w*|invit\w*|schedul\w*|hold\w*|execut\w*|"
    r"negotiat\w*|discuss\w*|appl\w*|finalis\w*|finaliz\w*|request\w*|ask\w*|email\w*|inform\w*|notif\w*|"
    r"amend\w*|revis\w*|complet\w*|implement\w*|identif\w*|obtain\w*|monitor\w*|deliver\w*|engag\w*|"
    r"clarif\w*|distribut\w*|collat\w*|compil\w*|approach\w*|speak\w*|chas\w*|escalat\w*|add\w*|"
    r"includ\w*|remind\w*|forward\w*|consult\w*|delegat\w*|enter\w*|sign\w*|commission\w*|brief\w*|"
    r"convene\w*|write|agree\w*|confirm\w*|give|consider\w*|return\w*|telephon\w*|phon\w*|stor\w*|put\w*|"
    r"get|gets|getting|let|start\w*|work\w*|talk\w*|visit\w*|extend\w*|display\w*|creat\w*|do|doing|"
    r"come back|coming back|find\w*|order\w*|book\w*|make|making|pursu\w*|advertis\w*|erect\w*|repair\w*|"
    r"instal\w*|replac\w*|purchas\w*|buy\w*|research\w*|assess\w*|attend to|sort\w*|re-\w+|plac\w*|"
    r"pay|paying|advis\w*|remov\w*|clear\w*|fix\w*|upload\w*|post\w*|print\w*|renew\w*|insert\w*|obtain\w*|"
    r"revert\w*|furnish\w*|examin\w*|progress\w*|facilitat\w*|suppl\w*|issu\w*|source\w*|agendi[sz]\w*|"
    r"look into|take up|follow-up|circulate)"
)
MARKER = re.compile(
    r"^(?:agreed\s+)?actions?(?:\s+points?)?\s*(?:\([^)]*\))?\s*[:\-–]\s*(?P<text>.+)$", re.IGNORECASE
)
TRAILING_MARKER = re.compile(
    r"^(?P<text>.+?)\s*[\(\[]?\b(?:ACTION|Action)(?:ed)?(?:\s+(?:by|BY|owner|lead))?\s*[:\-–]\s*(?P<owner>[^()\[\]]{1,60})[\)\]]?$"
)
OWNER_LINE = re.compile(
    r"^(?:responsible\s+officers?|lead(?:\s+officer)?|owners?|by whom|action(?:ed)? by|"
    r"responsibility)\s*[:\-–]\s*(?P<owner>.+)$",
    re.IGNORECASE,
)
DUE_LINE = re.compile(
    r"^(?:by when|deadline|due(?: date)?|target date|timescale)\s*[:\-–]\s*(?P<due>.+)$", re.IGNORECASE
)

# The subject is found by looking back from the trigger to the clause start (see _subject_before):
# a regex that guesses the subject first would be retried at every word of every sentence.
COMMITMENT = re.compile(
    rf"\s(?P<how>(?:had\s+)?(?:agreed|AGREED|Agreed|undertook|offered|volunteered|promised)|(?:was|were)\s+(?:asked|"
    rf"requested|tasked|instructed|directed|invited)|(?:will|would)\s+be\s+(?:asked|requested|invited)|"
    rf"is to|are to|"
    rf"needs? to|should|would|will)\s+(?:to\s+|with\s+)?"
    rf"(?:(?:again|also|then|now|further|shortly|personally|immediately|next)\s+)?(?:be\s+(?=\w+ing\b))?"
    rf"(?P<text>{VERB}\b[^;]*)"
)
CLAUSE_START = re.compile(
    r"[;:(]|(?<=[A-Za-z0-9)]{2})(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!St)(?<!No)[.!?]\s|,\s(?!and\b|&)|\bthat\s|\bwhether\s|\bwhich\s|\bif\s|\bwhen\s"
)
SUBJECT_START = re.compile(
    r"^(?:[Tt]he |[Aa]n? |[Oo]ur )?(?:[A-Z]|(?:parish |town )?(?:clerk|chair\w*|officers?|"
    r"secretary|treasurer|director|manager|staff|department)\b)"
)
# "30 May 2019 The Clerk agreed …": a sub-heading date run into the sentence is not part of the subject.
LEADING_DATE = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}\s+")
MAX_SUBJECT_WORDS = 13
# "would"/"will" only commits a person or an officer's role; "devolution would bring" commits nobody.
PERSON_OR_ROLE = re.compile(
    r"^(?:he|she|they|I|we)$|\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Cllr|Councillor|Commissioner|Mayor|Sir|Dame)\b|"
    r"^(?:[A-Z]\.\s?)+[A-Z]|\b(?:chair\w*|director|manager|officers?|clerk|secretary|lead|head|executive|"
    r"treasurer|administrator|solicitor|attorney|counsel|members?|staff|team|leader|controller|auditor|"
    r"coordinator|co-ordinator|advisor|adviser|engineer|planner|department|working group|working party)\b",
    re.IGNORECASE,
)
# "should" commits an officer ("the Clerk should ensure …"), not a member or the body, and not when hedged.
OFFICER = re.compile(
    r"\b(?:clerk|officers?|director|manager|secretary|treasurer|staff|administrator)\b", re.IGNORECASE
)
HEDGE = re.compile(
    r"\b(?:perhaps|maybe|might|could|suggest\w*|wondered|felt|feel|thought|believed|view|comment\w*|"
    r"whether|hoped?)\b",
    re.IGNORECASE,
)
# Who counts as a person: a titled name, initials, or a name the document lists among those present.
TITLE = (
    r"(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr|Prof|Supervisor|Commissioner|Alderman|Mayor|Rev|Sir|Dame)\.?"
)
TITLE_WORDS = frozenset(
    "Cllr Cllrs Councillor Councillors Mr Mrs Ms Miss Dr Prof Supervisor Commissioner Alderman "
    "Mayor Rev Sir Dame".split()
)
NAME_WORD = r"[A-Z][a-z’'-]+(?:[A-Z][a-z’'-]+)?"  # McNeill, MacKay, O'Neill
# An officer's role: "the Clerk", "Parish Clerk", "the Director of Public Health", "Head of Legal Services".
ROLE = (
    r"(?:[Tt]he\s+)?(?:(?:[Pp]arish|[Tt]own|[Vv]ice|[A-Z][a-z]+)[\s-]+){0,3}(?:[Cc]lerk|[Cc]hair(?:man|person|woman)?|"
    r"[Tt]reasurer|[Ss]ecretary|Director|Manager|Officers?|Lead|Executive|Engineer|Solicitor|Head|Controller|"
    r"Administrator|Co-?ordinator|Advis[eo]r|Planner|Auditor|Inspector|Warden|Ranger|Staff|Administration)"
    r"(?:\s+(?:of|for)\s+[A-Z][a-z]+(?:\s+(?:and\s+|&\s+)?[A-Z][a-z]+){0,3})?"
)
ROLE_ONLY = re.compile(ROLE)
PERSON = (
    rf"(?:{TITLE}(?:\s+[A-Z]\.?)*(?:\s+{NAME_WORD}){{1,2}}|[A-Z]{{2,4}}|{ROLE}"
    rf"|{NAME_WORD}(?:\s+{NAME_WORD})?)"
)
PEOPLE = rf"(?P<owner>{PERSON}(?:(?:,\s*|\s+and\s+|\s+&\s+|\s+with\s+)(?:[Cc]lerks?\s+)?{PERSON}){{0,4}})"
ACTION_HEADER = re.compile(
    r"^(?:agreed\s+)?actions?(?:\s+(?:points?|agreed|arising|required))?\s*:?\s*$", re.IGNORECASE
)
LIST_POINT = re.compile(r"^(?:[-–•*o]\s+|\(?[a-z0-9]{1,2}[.)]\s+)")
MAX_LISTED_ACTIONS = 15
NO_ACTION = re.compile(r"^(?:none|nil|n/?a|no action|-+)\W*$", re.IGNORECASE)
# "ACTION: Clerk", "Action: JS / PW": a marker that names only who acts.
OWNER_ONLY = re.compile(
    rf"^(?!(?:None|Nil|N/?A|Note|Noted|TBC|Ongoing|Complete|Completed|Closed)\b)(?:[Aa]ll\s+)?{PERSON}(?:\s*(?:,|/|&|and)\s*{PERSON}){{0,4}}\W*$"
)
# A duties list: "Gary take pictures of the truck, Linda and Carrie work with Rory on …, Ray speak with …".
BASE_VERB = (
    r"(?:take|work|speak|contact|check|send|write|call|phone|telephone|email|arrange|ask|circulate|prepare|"
    r"update|look|chase|follow up|get|put|order|book|find out|obtain|investigate|review|draft|liaise|"
    r"organise|organize|meet|visit|seek|clarify|confirm|add|complete|forward|inform|let|make|do|start|"
    r"sign|pay|report|research|provide|produce|circulate|display|collect|remove|repair|replace|install)"
)
# Both are found from the verb, then the owner is looked for just before it (see _owner_ending_at): a pattern
# that starts with the owner would be tried at every character of every sentence.
DUTY_VERB = re.compile(rf"[A-Z][\w’'-]* (?P<text>{BASE_VERB}\b[^,;]*)")
TO_VERB = re.compile(rf" to (?P<text>{VERB}\b[^;]*)")
OWNER_FULL = re.compile(PEOPLE)
OWNER_START = re.compile(r"(?:^|[;:–—•]|\s[-–]|,|\sand|\s\d{1,2}[.)]|\s[a-z]\))\s*")
OWNER_WINDOW = 120
LOWER_ROLES = frozenset(
    "clerk clerks chair chairman chairperson treasurer secretary officer officers director manager "
    "executive lead head engineer solicitor controller administrator coordinator co-ordinator "
    "adviser advisor planner auditor inspector warden ranger staff administration".split()
)
# "A letter to be sent to the Environment Agency", "VAT claim to be sent off", "Dog fouling to be an agenda
# item".
# Found from " to be sent" back to the clause start, as the owner shorthand is (see _passive_steps).
PASSIVE_VERB = re.compile(
    r" (?P<modal>to|should) be (?:sent|put|added|placed|circulated|shared|written|drafted|prepared|"
    r"obtained|sought|arranged|ordered|"
    r"published|displayed|forwarded|invited|contacted|an agenda item|raised|chased|checked|"
    r"investigated|reviewed|followed up|emailed|reported|brought|erected|repaired|replaced|installed|"
    r"advertised|purchased|bought|removed|cleared|cut|fixed|booked|organised|organized)\b[^;]*"
)
PASSIVE_START = re.compile(r"(?:^|[;:–—•]|\s[-–]|\s\d{1,2}[.)]|\s[a-z]\))\s*")
NOUN_PHRASE = re.compile(r"(?:[Aa]n?\s+|[Tt]he\s+)?[A-Za-z][\w’'-]*(?:\s+[\w’'£.,-]+){0,8}")
NOT_A_NOUN_PHRASE = re.compile(
    r"\b(?:was|were|is|are|has|had|have|need\w*|due|likely|expected|going|about|"
    r"continue\w*|seem\w*|appear\w*|would|will|can|could|may|might|hoped?|wish\w*|"
    r"want\w*|ought|yet|not|requested|asked|said|reported|advised|noted|agreed|"
    r"suggested|stated|felt|queried|raised|complained|commented|proposed|wondered)\b",
    re.IGNORECASE,
)
# "the subject should be added to the agenda for the next meeting", "it was agreed to put it on the agenda".
AGENDA_STEP = re.compile(
    r"\b(?:should|to)\s+be\s+(?:added|put|placed|included)\s+(?:on|to|in)\s+"
    r"(?:the\s+)?(?:\w+\s+){0,3}agenda\b[^;.]{0,80}"
)
NOT_A_SUBJECT = re.compile(r"\b(?:be|to|is|are|was|were|should|would|will|has|had|have|not)\b")
# "Items to be included on the next agenda" is a standing heading, not a step.
GENERIC_AGENDA = re.compile(
    r"^(?:\S+\s+){0,3}?(?:items?|matters?|business|reports?|anything)\b(?:\s+\w+){0,3}\s+to\s+be\s+",
    re.IGNORECASE,
)
# Done at the meeting itself: "asked Cllr Jones to present the report", "invited the Director to introduce the
# item".
IN_MEETING = re.compile(
    r"^(?:present|introduce|speak to|explain|summari[sz]e|outline|consider|note|approve|agree|"
    r"comment on)\w*\s+(?:the|his|her|their|this|these)\s+(?:\w+\s+)?(?:report|item|paper|update|"
    r"presentation|application|motion|proposal|recommendation|minutes)s?\W*$",
    re.IGNORECASE,
)
IN_DEBATE = re.compile(
    r"^(?:clarif\w*|confirm\w*|explain\w*|expand\w* on|withdraw\w*|repeat\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:comments?|remarks?|points?|statements?|position|question|answer|response|view)s?\W*$",
    re.IGNORECASE,
)
# A request from the public is not the meeting's: "a resident requested the hedge to be cut".
FROM_THE_PUBLIC = re.compile(
    r"\b(?:residents?|parishioners?|members? of the public|the public|petitioners?|"
    r"correspondents?|applicants?|objectors?|speakers?)\b",
    re.IGNORECASE,
)
# "CC requested that the Parish Clerk writes to …", "agreed that the Clerk should contact …".
REQUEST_THAT_OWNER = re.compile(
    rf"\b(?i:requested|asked|agreed|instructed|directed|resolved|decided|seconded(?:\s+by\s+[^,;]{{1,40}}?)?)\s+that\s+"
    rf"(?:the\s+)?"
    rf"(?P<owner>[A-Za-z][\w’' ]{{1,60}}?)\s+(?:should\s+|would\s+|will\s+|to\s+|is\s+to\s+)?"
    rf"(?P<text>{VERB}\b[^;]*)"
)
# A named body other than the meeting itself: "the Quality Committee", "the Neighbourhood Plan Working Group".
OTHER_BODY = re.compile(
    r"(?:[A-Z][\w’'&-]*\s+){1,4}(?:Committee|Group|Panel|Team|Sub-[Cc]ommittee|Partnership|Forum|"
    r"Service|Department|Working Party)"
)
# "CC requested a Parish Council notice to be added to the website", "asked for a report to be brought back".
REQUESTED_PASSIVE = re.compile(
    r"\b(?:requested|asked for|called for)"
    r"\s+(?P<text>(?:an?|the)\s+[^;]{3,120}?\s+to\s+be\s+\w+(?:ed|en|t)\b[^;]*)"
)
# "the Committee requested a report to a future meeting", "a further report was requested".
REPORT_REQUESTED = re.compile(
    r"\b(?:requested|asked for|called for|sought)\s+(?P<text>(?:an?|the)\s+(?:\w+\s+){0,3}?(?:report|update|"
    r"briefing|paper|review|presentation|deep dive|analysis|plan|proposal|assessment|summary|breakdown|"
    r"options)\b[^;]*)"
)
REPORT_WAS_REQUESTED = re.compile(
    r"^(?P<text>(?:An?|The)\s+(?:\w+\s+){0,3}?(?:report|update|briefing|paper|review|presentation)\b[^;]*?)\s+"
    r"(?:was|were)\s+(?:requested|sought)\b(?P<rest>[^;]*)"
)
# "CC proposed and LH seconded that the financial information should be presented at the July meeting": a
# motion that something should be done; "moved that Mr Cooke be elected" is the decision itself.
MOTION_STEP = re.compile(
    r"\bshould be (?!elected|appointed|noted|approved|agreed|adopted|accepted|received|"
    r"ratified|confirmed|signed)\w+(?:ed|en)\b"
)
# "Janet Keough also asked Carrie to check on printer prices"
ASKED_PERSON = re.compile(
    rf"\b(?:asked|requested|instructed|directed|tasked)\s+{PEOPLE}\s+to\s+(?P<text>{VERB}\b[^;]*)"
)
# US motions: "Motion by X, second by Y to have Carrie sign up for the classes".
TO_HAVE = re.compile(rf"\bto\s+have\s+(?P<owner>{PERSON})\s+(?P<text>{BASE_VERB}\b[^;]*)")
LEADING_PERSON = re.compile(rf"^{PEOPLE}\s+(?=[a-z])")
TRAILING_ROLE = re.compile(
    r"(?:[Tt]he|[Oo]ur)\s+(?:[A-Z][\w’']+\s+){0,3}(?:Chair\w*|Clerk|Secretary|Treasurer|"
    r"Director|Manager|Officer|Executive|Lead)(?:\s+of\s+[A-Z][\w ]{2,40})?$"
)
TRAILING_PERSON = re.compile(rf"(?<=\s){PEOPLE}$")
# A label, not prose: "Present: …", "PRESENT (six Councillors): -", "Apologies for absence", "members present
# were".
PRESENT_LINE = re.compile(
    r"^\W*(?:present|in attendance|attendance|attendees|apologies(?: for absence)?|also present|"
    r"members present|councillors present|minute taker)(?:\s*\([^)]{0,40}\))?\s*(?:[:\-–—]|$|were\b)|"
    r"\b(?:present were|members present|also present|in attendance)\b",
    re.IGNORECASE,
)
FULL_NAME = re.compile(
    rf"\b(?:{TITLE}\s+)?(?P<name>{NAME_WORD}(?:\s+[A-Z]\.?)?\s+{NAME_WORD}(?:-{NAME_WORD})?)"
)
TITLED_NAME = re.compile(
    rf"\b(?:{TITLE}|[Cc]hair(?:man|person)?|[Cc]lerks?|[Tt]reasurer|[Ss]ecretary|"
    rf"[Ss]upervisors?|[Ii]nspector)\s+(?P<name>(?:[A-Z]\.?\s+)*{NAME_WORD}(?:\s+{NAME_WORD})?)"
)
TITLED_NAME_LINES = 80
PROSE = re.compile(r"\s(?:was|were|is|are|had|has|have|would|will)\s")
PRESENT_FOLLOW = 6  # a "Present:" list wraps over a few lines of a PDF
TITLE_HINT = re.compile(
    r"Cllr|Councillor|Mr|Ms|Miss|Dr|lerk|hair|reasurer|upervisor|ecretary|nspector|Prof|Rev|Sir|"
    r"Dame|Mayor"
)
INITIALS_IN_BRACKETS = re.compile(r"\(([A-Z]{2,4})\)")
NOT_A_NAME = frozenset(
    "The This That These Those Our Their His Her Its And With Also Present Apologies Minutes Meeting "
    "Members Member "
    "Parish Town Village City County Borough District Council Councillor Councillors Committee Board "
    "Hall Community "
    "Chair Chairman Vice Clerk Clerks Treasurer Secretary Road Street Lane Close Drive Avenue Church "
    "School Centre "
    "Center Office Police Government Trust Group Working Party Service Services Public Officer "
    "Officers Director "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August "
    "September October November December Minute Taker Attendance Item Items Agenda Report Reports Board Fire "
    "Department Township Town North South East West New Old Annual General Ordinary Special Held "
    "Also In".split()
)
CONDITIONAL = re.compile(r"^(?:If|When|Where|Should|Unless|Although|While|Whilst|Once|Subject to)\b")
REPORTED_COMMITMENT = re.compile(
    rf"\s(?:said|stated|shared|confirmed|advised|indicated|explained|agreed|undertook|offered)\s+"
    rf"that\s+(?:he|she|they)\s+would\s+(?P<text>{VERB}\b[^;]*)"
)
REQUEST_THAT = re.compile(
    r"(?P<requester>^.*?)\b(?:requested|asked|agreed|recommended|seconded|"
    r"moved)\s+that\s+(?P<text>.+?\s(?:be|should be)\s+"
    r"(?!referred|deferred|noted|approved|agreed|adopted|accepted|received|elected|appointed)(?:\w+ed|"
    r"\w+en|set up|set|made|held|sent|brought|put|sought|built|kept|run|drawn up)\b[^;]*)"
)
AUTHORISED = re.compile(
    rf"\b(?:authori[sz]ed?|requested|asked|instructed|directed|direct|instruct|(?:direction|instructions?)\s+"
    rf"(?:was\s+|were\s+)?(?:given|provided)\s+to)\s+(?P<owner>(?:the|THE)\s+[A-Z][\w’' ]{{2,60}}?|"
    rf"officers|staff|(?:all\s+)?(?:members|councillors|trustees|governors))\s+(?:to|TO)\s+(?P<text>{VERB}\b[^;]*)",
    re.IGNORECASE,
)
# A named owner in a resolution: capitalised words and the small words between them
# ("Corporate Director of Finance", "City Solicitor / Director of Legal Services").
NAMED = r"(?P<owner>[A-Z][\w’'&/().-]*(?:\s+(?:of|for|and|&|the|/|[A-Z][\w’'&/().-]*)){0,10})"
RESOLUTION_PREFIX = (
    r"^(?:\(?\d{1,2}[.)]\s*)?"
    r"(?:(?:RESOLVED|Resolved|AGREED|Agreed|DECISION|Decision|DECIDED|Decided)\s*[:–-]?\s*)?"
)
RESOLVED_THAT = re.compile(
    rf"{RESOLUTION_PREFIX}(?:[Tt]hat\s+)?(?:the\s+)?{NAMED}\s+(?:be\s+)?"
    rf"(?:authori[sz]ed|requested|asked|instructed|directed)\s+to\s+(?P<text>{VERB}\b.*)$"
)
SUBJUNCTIVE_VERB = (
    r"(?:prepare|provide|report|bring|submit|review|arrange|write|circulate|develop|undertake|consult|"
    r"investigate|present|publish|draft|establish|set up|seek|negotiate|obtain|contact|explore|"
    r"place|purchase|order|commission|update|progress|liaise|ensure|monitor|identify|organise|"
    r"organize|respond|send|confirm|look into|take forward|work with|engage|produce)"
)
THAT_SUBJUNCTIVE = re.compile(
    rf"{RESOLUTION_PREFIX}[Tt]hat\s+(?:the\s+)?(?:{NAMED}|(?P<officers>officers|staff|the clerk|clerk))\s+"
    rf"(?P<text>{SUBJUNCTIVE_VERB}\b.*)$"
)
AGREE_TO = re.compile(
    rf"^(?:\(?\d{{1,2}}[.)]\s*)?(?:and\s+)?(?:Agrees?|agreed?)\s+to\s+(?P<text>{VERB}\b.*)$"
)
# "It was agreed to write to the Minister" / "it was AGREED to invite …": the body agreed a step, owner
# unnamed.
IT_WAS_AGREED = re.compile(rf"\b[Ii]t was (?i:agreed|resolved|decided)\s+to\s+(?P<text>{VERB}\b[^;]*)")
# "RESOLVED: To write to the County Council", "the Council resolved to seek legal advice": the body's own
# step.
RESOLVED_TO = re.compile(
    rf"(?:^(?:[Ii]t was\s+)?|\b(?:[Cc]ouncil|[Cc]ommittee|[Bb]oard|[Mm]eeting|[Mm]embers|[Pp]anel"
    rf"|[Cc]abinet)\s+"
    rf"(?:unanimously\s+)?)(?:RESOLVED|[Rr]esolved|DECIDED|[Dd]ecided|AGREED|Agreed)\s*[:–-]?\s*(?:that\s+)?[Tt]o\s+"
    rf"(?P<text>{VERB}\b[^;]*)"
)
DELEGATION = re.compile(
    r"\bdelegat\w*\s+(?!authority|to\s)(?P<task>.+?)\s+to\s+(?:the\s+)?(?P<owner>[A-Z].{2,200})$"
)
DELEGATED_TO = re.compile(
    r"\bdelegat\w*\s+authority\s+to\s+(?:the\s+)?(?P<owner>[A-Z][^,;]{2,120}?)\s+to\s+"
    r"(?P<task>.+)$"
)
# "authority be delegated to the Director … to finalise", "delegated authority be given to the Chief Executive
# to agree", "the final wording be delegated to the Director of Governance to settle".
DELEGATED_GIVEN = re.compile(
    rf"\b(?:(?:delegated\s+)?(?:authority|powers?)\s+"
    rf"(?:be|is|was|were|being|to be)\s+(?:delegated|given|granted)|"
    rf"delegated)\s+to\s+(?:the\s+)?(?P<owner>[A-Z][^,;]{{2,120}}?)(?:,[^;]{{0,120}}?,)?\s+to\s+(?P<task>{VERB}\b.+)$"
)
GIVEN_DELEGATED = re.compile(
    rf"(?:^|[Tt]hat\s+)(?:the\s+)?{NAMED}\s+(?:be|is|was|were)\s+(?:given|granted)\s+(?:delegated\s+)?"
    rf"(?:authority|powers?)\s+to\s+(?P<task>{VERB}\b.+)$"
)
DEADLINE = re.compile(
    r"\b(?:by|on or before|before|no later than|not later than|until)\s+(?:noon\s+|midday\s+)?"
    r"(?:on\s+)?(?:the\s+)?\d",
    re.IGNORECASE,
)
FUTURE = re.compile(r"\b(?:would|will|to be|for (?:publication|submission|circulation))\b", re.IGNORECASE)
CIRCULATION = re.compile(
    r"for (?:noting and )?circulation\b|to be (?:circulated|shared|sent)\b", re.IGNORECASE
)
# "was required to be sent for external audit" reports a step; it does not set one.
REPORTED_STEP = re.compile(r"\b(?:required|due|likely|expected|was|were)\s*$", re.IGNORECASE)
CHAIR_OR_BODY = re.compile(
    r"\b(?:chair\w*|mayor|convenor|board|committee|council|cabinet|panel|commission|members|"
    r"meeting|it)\b",
    re.IGNORECASE,
)
PRONOUN = re.compile(r"^(?:he|she|they|it|we|i|this|that|there|which|who)$", re.IGNORECASE)
CORPORATE_SELF = re.compile(
    r"^(?:the\s+)?(?:city|council|city council|county council|board|committee|cabinet|"
    r"commission|authority|trust|panel|meeting)$",
    re.IGNORECASE,
)
NON_OWNER = re.compile(
    r"^(?:[Tt]he\s+|[Aa]n?\s+)?(?:[Rr]eports?|[Pp]apers?|[Ii]tems?|[Pp]lans?|[Uu]pdates?|[Mm]inutes|"
    r"[Dd]ocuments?)\b|^(?:[Ii]t|[Tt]his|[Tt]here|[Aa]n?)\s"
)
# Past tense, and the present tense of US and community minutes ("Mike Siers reports he is working on …").
SPEECH = (
    r"(?:said|says|stated|states|confirmed|confirms|reported|reports|advised|advises|explained|explains|"
    r"outlined|informed|presented|highlighted|added|adds|responded|responds|replied|noted|notes)"
)
SPEAKER_PRONOUN = re.compile(
    rf"^(?P<speaker>(?:[Tt]he\s+)?[A-Z][^,;]{{1,80}}?)\s+{SPEECH}\s+(?:that\s+)?(?:he|she|they)$"
)
TRIGGER_REPORTER = re.compile(rf"\b{SPEECH}\b")
REPORTER = re.compile(rf"^(?P<subject>(?:The |the )?[A-Z][^,;]{{2,90}}?)\s+{SPEECH}\b")
CLAUSE_END = re.compile(
    rf";|,?\s+(?:and|but)\s+(?:also\s+)?to\s+{VERB}\b|\s+despite\b|\s+(?:al)?though\b"
    r"|\s+whereas\b|,\s+and\s+such\b|\s+in accordance with\b|,\s+subject to\b"
)
MAX_TEXT = 300
THAT_VERBS = (
    "requested that",
    "asked that",
    "agreed that",
    "instructed that",
    "directed that",
    "resolved that",
    "decided that",
    "recommended that",
    "seconded",
    "moved that",
)
CHAINED = re.compile(rf",?\s(?:and|but)\s+(?:also\s+)?to\s+(?P<text>{VERB}\b[^;]*)")
REPORTER_LOOKBACK = 12
# "There was hope that the proposals outlined …" names no speaker.
NOT_A_SPEAKER = re.compile(r"^(?:he|she|they|it|we|i|this|that|there|which|who|to)\b|\bthat\b", re.IGNORECASE)
ADDRESSEE = re.compile(
    rf"\b(?:asked|questioned)\s+{PEOPLE}(?=\s+(?:of|about|whether|if|why|how|what|when|to)\b)"
)
FIRST_VERB = re.compile(
    r"\s(?:had|has|was|were|is|agreed|reported|said|advised|noted|would|will|confirmed|stated)\b"
)
ASK_TO = re.compile(
    rf"^(?:ask|request|instruct|direct)\w*\s+(?:the\s+)?(?P<owner>[A-Za-z][\w’' ]{{1,50}}?)\s+to\s+"
    rf"(?P<text>{VERB}\b.*)$",
    re.IGNORECASE,
)
MAX_ANTECEDENT_WORDS = 14
LEADING_PRONOUN = re.compile(r"^(?:it|this|that|they|these|those)\b", re.IGNORECASE)
ANAPHOR = re.compile(
    r"\b(?:it|this|that|them|him|her|these|those)\b(?!\s+(?:is|was|the|a)\b)|^(?:The|This|That) "
    r"(?:subject|matter|issue|item|question|point|one)\b"
)
MARKUP = re.compile(r"<[^>]{0,200}>|&nbsp;?|&amp;")
# "agreed to work with Cllr Jim McNeill": whom, not what; the step itself comes in the next sentence.
COMPANY_ONLY = re.compile(rf"^work(?:ing)?\s+(?:with|alongside)\s+{PEOPLE}\W*$")
TRIGGER_WORDS = (
    "agree",
    "undertook",
    "offer",
    "volunteer",
    "promise",
    "ask",
    "request",
    "task",
    "instruct",
    "direct",
    "invite",
    "is to",
    "are to",
    "need",
    "would",
    "will",
    "authori",
    "recommend",
    "circulat",
    "should",
    "seconded",
    "moved",
    "to be sent",
    "delegat",
    "resolved",
    "decided",
)
TRIGGER = re.compile(
    r"\b(?:agreed|undertook|offered|volunteered|promised|asked|requested|tasked|instructed|"
    r"directed|invited|is to|are to|needs? to|would|will|authori[sz]ed?|recommended|"
    r"circulat\w+|should|seconded|moved|to be sent|delegat\w+|resolved|decided|direction)\b",
    re.IGNORECASE,
)
# the same test as any(word in lower for word in TRIGGER_WORDS), in one scan
TRIGGER_WORD_IN = re.compile("|".join(re.escape(word) for word in TRIGGER_WORDS))


@dataclass(slots=True)
class ActionContext:
    title: str
    resolution: list[str]  # the sentences that record the decision (resolution block, motion, table subject)
    explicit_only: bool
    meeting_date: date | None
    month_first: bool
    next_meeting: date | None = None  # stated in the minutes; "by the next meeting" then has a date
    people: frozenset[str] = frozenset()  # name words of those present (see known_people)


def known_people(lines: list[Line]) -> frozenset[str]:
    """Name words of the people a document lists as present or names with a title ("Cllr Jim McNeill",
    "clerks Linda Britton and Carrie Landman"), so that "Esme will contact …" is known to commit a person
    while "Devolution would bring …" commits nobody."""
    names: set[str] = set()
    follow = 0
    for number, line in enumerate(lines):
        text = line.text
        if (
            "resent" in text
            or "ttend" in text
            or "pologies" in text
            or "PRESENT" in text
            or "ATTEND" in text
            or "APOLOGIES" in text
            or "inute taker" in text
        ) and PRESENT_LINE.search(text):
            follow = PRESENT_FOLLOW if len(text) < 300 else 1
        elif follow and (len(text) > 300 or PROSE.search(text)):
            follow = 0  # the list has ended
        if follow:
            follow -= 1
            for match in FULL_NAME.finditer(text):
                words = re.findall(NAME_WORD, match.group("name"))
                names.update(words)
                names.add("".join(word[0] for word in words))  # "Pam Walker" is "PW" in the minutes
            names.update(INITIALS_IN_BRACKETS.findall(text))
        if number < TITLED_NAME_LINES and TITLE_HINT.search(text):  # the opening names those taking part
            for match in TITLED_NAME.finditer(text):
                names.update(re.findall(NAME_WORD, match.group("name")))
                initials = "".join(word[0] for word in match.group("name").split())
                if 2 <= len(initials) <= 3:
                    names.add(initials)  # "Cllr A Smith" is "AS" in the minutes
    names -= NOT_A_NAME
    # short forms ("Jan" for Janet), so that "so Jan will get Carrie and Rod together" is known too
    names |= {
        name[:size]
        for name in names
        if not name.isupper()
        for size in range(max(3, len(name) - 3), len(name))
    }
    return frozenset(names - NOT_A_NAME)


def document_marks_actions(lines: list[Line]) -> bool:
    # MARKER only matches text starting with "a" or "A"
    return any(line.text[:1] in "Aa" and MARKER.match(line.text) or line.role == "action" for line in lines)


def find_actions(
    body: list[Line], context: ActionContext, body_sentences: list[Sentence] | None = None
) -> list[ExtractedAction]:
    """Actions of one item, in order, without near-duplicates."""
    found = _marked(body, context) + _action_rows(body, context)
    found += _from_resolution(context)
    if not context.explicit_only:
        found += _from_narrative(body_sentences if body_sentences is not None else sentences(body), context)
    return _dedupe(found)


def _marked(body: list[Line], context: ActionContext) -> list[ExtractedAction]:
    out: list[ExtractedAction] = []
    for index, line in enumerate(body):
        first_a = line.text[:1] in "Aa"  # MARKER and ACTION_HEADER only match text starting with "a" or "A"
        match = MARKER.match(line.text) if first_a else None
        if not match:
            if first_a and ACTION_HEADER.match(line.text):
                out += _listed_under_header(body, index, context)
            elif "Action" in line.text or "ACTION" in line.text:
                out += _trailing_marker(body, index, context)
            continue
        text, owner, due_text = match.group("text"), None, ""
        trailing = TRAILING_MARKER.match(line.text)
        for follower in body[index + 1 : index + 4]:
            if OWNER_LINE.match(follower.text):
                owner = OWNER_LINE.match(follower.text).group("owner")  # type: ignore[union-attr]
            elif DUE_LINE.match(follower.text):
                due_text = DUE_LINE.match(follower.text).group("due")  # type: ignore[union-attr]
            elif MARKER.match(follower.text):
                break
        if owner is None and trailing and not MARKER.match(trailing.group("text")):
            owner = trailing.group("owner")
        if NO_ACTION.match(text):
            continue
        if OWNER_ONLY.match(text):
            # "ACTION: Clerk" under a paragraph: the paragraph is the action, the marker names its owner
            before = paragraphs([line for line in body[:index] if not MARKER.match(line.text)])
            if before:
                out += _owned_step(split_sentences(before[-1].text)[-1], text, context)
            continue
        out.append(_action(text, owner, context, extra_due=due_text))
    return out


def _trailing_marker(body: list[Line], index: int, context: ActionContext) -> list[ExtractedAction]:
    """ "The Director would circulate the revised plan. Action: JB" or "… (ACTION: Clerk)" at a line's end."""
    trailing = TRAILING_MARKER.match(body[index].text)
    if (
        not trailing
        or not OWNER_ONLY.match(trailing.group("owner"))
        or NO_ACTION.match(trailing.group("owner"))
    ):
        return []
    before = paragraphs(body[: index + 1])
    text = before[-1].text if before else body[index].text
    text = text[: text.rfind(trailing.group("text")[-20:]) + len(trailing.group("text")[-20:])]
    return _owned_step(split_sentences(text.strip(" ([–-"))[-1], trailing.group("owner"), context)


def _listed_under_header(body: list[Line], index: int, context: ActionContext) -> list[ExtractedAction]:
    """The points listed under an "Actions:" or "Agreed actions" heading are actions, whoever the minutes
    name."""
    out: list[ExtractedAction] = []
    for line in body[index + 1 : index + 1 + MAX_LISTED_ACTIONS]:
        if not (line.bullet or LIST_POINT.match(line.text)) or MARKER.match(line.text):
            break
        point = LIST_POINT.sub("", line.text)
        found = _narrative_sentence(point, _no_reporter, context)
        out += found[:1] or [_action(point, None, context)]
    return out


def _owned_step(sentence: str, owner: str, context: ActionContext) -> list[ExtractedAction]:
    """The step a sentence sets, owned by the person an "Action: X" marker names."""
    found = _narrative_sentence(sentence, _no_reporter, context)
    if found:
        return [ExtractedAction(found[0].text, _owner(owner, None), found[0].due)]
    return [_action(sentence, owner, context)]


def _action_rows(body: list[Line], context: ActionContext) -> list[ExtractedAction]:
    out: list[ExtractedAction] = []
    for line in body:
        if line.role != "action":
            continue
        cells, header = line.cells, line.header
        text = _cell(cells, tables.column(header, tables.ACTION_COLUMN))
        owner = _cell(cells, tables.column(header, tables.OWNER_COLUMN))
        due = _cell(cells, tables.column(header, tables.DUE_COLUMN))
        if text:
            out.append(_action(text, owner or None, context, extra_due=due))
    return out


def _cell(cells: tuple[str, ...], position: int | None) -> str:
    return cells[position] if position is not None and position < len(cells) else ""


def _from_resolution(context: ActionContext) -> list[ExtractedAction]:
    out: list[ExtractedAction] = []
    for sentence in context.resolution:
        for clause in _clauses(sentence):
            action = _resolution_clause(clause, context)
            if action:
                out.append(action)
    return out


def _clauses(text: str) -> list[str]:
    """Numbered sub-resolutions and semicolon-separated clauses of a resolution."""
    pieces = re.split(r";\s*(?:and\s+)?|\s(?=\(?\d{1,2}[.)]\s+(?:That|Agree|Note|Endorse|Approve)\b)", text)
    return [piece.strip() for piece in pieces if piece and piece.strip()]


def _resolution_clause(clause: str, context: ActionContext) -> ExtractedAction | None:
    for pattern in (RESOLVED_THAT, THAT_SUBJUNCTIVE):
        match = pattern.match(clause)
        if match:
            owner = (match.group("owner") or match.group("officers")).strip()
            if CORPORATE_SELF.match(owner) or NON_OWNER.match(owner):
                return None
            return _action(match.group("text"), owner, context)
    match = _delegation(clause)
    if match:
        # The action of a delegation is the delegated task, and the delegate owns it.
        return _action(f"{match.group('task').strip(' .;,')} (delegated)", match.group("owner"), context)
    match = AGREE_TO.match(clause) or RESOLVED_TO.search(clause)
    if match:
        return _action(match.group("text"), None, context)
    if DEADLINE.search(clause) and FUTURE.search(clause) and _due(clause, context):
        return _action(
            re.sub(r"^(?:approved|agreed|adopted|endorsed)\s+", "", clause, flags=re.IGNORECASE),
            None,
            context,
        )
    return None


def _delegation(clause: str) -> re.Match[str] | None:
    if "elegat" not in clause and "authority" not in clause:
        return None
    return (
        DELEGATED_GIVEN.search(clause)
        or GIVEN_DELEGATED.search(clause)
        or DELEGATION.search(clause)
        or DELEGATED_TO.search(clause)
    )


class _Reporter:
    """Who "he", "she" or "they" is: the last named speaker or person a sentence starts with, up to this
    sentence. Looked for only when a pronoun needs it (most sentences never ask)."""

    __slots__ = ("texts", "index", "context")

    def __init__(self, texts: list[str], index: int, context: ActionContext) -> None:
        self.texts, self.index, self.context = texts, index, context

    def __call__(self) -> str | None:
        for position in range(self.index, max(-1, self.index - REPORTER_LOOKBACK), -1):
            text = self.texts[position]
            if position == self.index - 1 and ("asked" in text or "questioned" in text):
                # "Jan questioned Ray Barnes of Jennifer's interest … He will speak to Jennifer": the one
                # asked answers
                match = ADDRESSEE.search(text)
                if match and _is_person(match.group("owner"), self.context):
                    return match.group("owner")
            match = REPORTER.match(text) if TRIGGER_REPORTER.search(text) else None
            if match and not NOT_A_SPEAKER.search(match.group("subject")):
                return _trim_subject(match.group("subject"), self.context)
            if _may_name_someone(text, self.context):
                match = LEADING_PERSON.match(text)
                if match and _is_person(match.group("owner"), self.context):
                    return match.group("owner")
            verb = FIRST_VERB.search(text, 0, 120)
            if verb:  # "Housing and Rents in Central Govan JF had again contacted …": a heading run into it
                match = TRAILING_PERSON.search(text, 0, verb.start())
                if match and _is_person(match.group("owner"), self.context):
                    return match.group("owner")
        return None


def _no_reporter() -> str | None:
    return None


def _from_narrative(body: list[Sentence], context: ActionContext) -> list[ExtractedAction]:
    out: list[ExtractedAction] = []
    texts = [sentence.text for sentence in body]
    previous, previous_found = "", 0
    reporter = _Reporter(texts, 0, context)
    for index, sentence in enumerate(body):
        text = sentence.text
        reporter.index = index
        marker = MARKER.match(text) if text[:1] in "Aa" else None
        if marker and OWNER_ONLY.match(marker.group("text")):
            if previous:  # "… a letter to Highways. Action: Clerk"
                if out and out[-1].text and previous_found:
                    out = out[:-previous_found]
                out += _owned_step(previous, marker.group("text"), context)
            previous, previous_found = "", 0
            continue
        found = [
            _with_antecedent(action, text, previous)
            for action in _narrative_sentence(text, reporter, context, sentence)
        ]
        out += found
        previous, previous_found = text, len(found)
    return out


def _may_name_someone(text: str, context: ActionContext) -> bool:
    """A cheap look at the first word before the person patterns are tried."""
    first = text.split(" ", 1)[0].rstrip(".,")
    return first in context.people or first in TITLE_WORDS or 2 <= len(first) <= 4 and first.isupper()


def _trim_subject(subject: str, context: ActionContext) -> str:
    """ "Proposed closure of the branch Our Chair": a run-in heading before the subject is not part of it."""
    if len(subject.split()) <= 4:
        return subject
    tail = TRAILING_PERSON.search(subject)
    if tail and _is_person(tail.group("owner"), context):
        return tail.group("owner")
    tail = TRAILING_ROLE.search(subject)
    return tail.group(0) if tail else subject


def _with_antecedent(action: ExtractedAction, sentence: str, previous: str) -> ExtractedAction:
    """ "Follow this up with the contractor" says nothing on its own: add what "this" is, from the clause
    before it in the sentence or from the sentence before."""
    words = action.text.split()
    if len(words) > 10 or not ANAPHOR.search(action.text):
        return action
    position = sentence.lower().find(action.text[:20].lower())
    before = sentence[:position] if position > 0 else ""
    pieces = [piece.strip(" ,;.") for piece in re.split(r";\s+|:\s+|(?<=[a-z])\.\s+", before.strip())][:-1]
    # the last piece holds the action; what it refers to comes before, in a clause that is not itself "it …"
    pieces = [piece for piece in pieces if piece and not LEADING_PRONOUN.match(piece)]
    if pieces:
        source = pieces[-1]
    elif " that " in before:  # "reported that he had completed the collation and would be sending it"
        source = re.sub(r"\s+and(?:\s+\w+){0,3}$", "", before.rsplit(" that ", 1)[1].strip())
    else:  # "agreed to keep two public meetings a year but to hold them …"
        chained = re.search(r",?\s+(?:and|but)(?:\s+also)?\s+to\s*$", before)
        source = before[: chained.start()] if chained else ""
    source = source.strip(" ,;.") or previous.split(" that ", 1)[-1].strip(" ,;.")
    if not source:
        return action
    context = " ".join(source.split()[:MAX_ANTECEDENT_WORDS])
    return ExtractedAction(f"{action.text} [{context}]", action.owner, action.due)


# Characters that are neither word characters nor cased: with only these beyond ASCII, ``text.lower()`` keeps
# every position and IGNORECASE matching of TRIGGER on ``text`` is plain matching of its lowercase form on
# ``lower``; every TRIGGER alternative also contains one of TRIGGER_WORDS, so that test is implied.
NOT_PLAIN = re.compile(r"[^\x00-\x7f‘’“”–—•…£€\xa0]")
TRIGGER_LOWER = re.compile(TRIGGER.pattern)  # the pattern is all lower case


def _may_trigger(lower: str) -> bool:
    """Whether ``lower`` holds a word that every TRIGGER alternative contains (the commonest first)."""
    return (
        "will" in lower
        or "would" in lower
        or "should" in lower
        or "agreed" in lower
        or "asked" in lower
        or "request" in lower
        or "need" in lower
        or "moved" in lower
        or "seconded" in lower
        or "resolved" in lower
        or "decided" in lower
        or "direct" in lower
        or "offered" in lower
        or "invited" in lower
        or "is to" in lower
        or "are to" in lower
        or "tasked" in lower
        or "instructed" in lower
        or "authori" in lower
        or "recommended" in lower
        or "circulat" in lower
        or "delegat" in lower
        or "undertook" in lower
        or "volunteered" in lower
        or "promised" in lower
        or "to be sent" in lower
    )


def _has_trigger(text: str, lower: str) -> bool:
    """``any(word in lower for word in TRIGGER_WORDS) and TRIGGER.search(text)``, faster for plain text."""
    if text.isascii() or not NOT_PLAIN.search(text):
        return _may_trigger(lower) and TRIGGER_LOWER.search(lower) is not None
    return TRIGGER_WORD_IN.search(lower) is not None and TRIGGER.search(text) is not None


def _narrative_sentence(
    text: str, reporter: Callable[[], str | None], context: ActionContext, sentence: Sentence | None = None
) -> list[ExtractedAction]:
    out = _shorthand(text, context)
    # The patterns below look back for a subject, which is costly; most sentences have no trigger word.
    lower = text.lower()
    if "That " not in text and not _has_trigger(text, lower):
        return out
    action = _triggered(text, reporter, context)
    if action:
        out.append(action)
    if " to " in text and (
        "agreed to" in lower
        or "was asked to" in lower
        or "were asked to" in lower
        or "resolved to" in lower
        or "decided to" in lower
    ):
        # "The meeting agreed to keep two public meetings a year but to hold them … and to make preparations
        # …"
        position = 0
        while (match := CHAINED.search(text, position)) is not None:
            position = match.start("text")  # "… but to hold them … and to make preparations …"
            out.append(_action(match.group("text"), action.owner if action else None, context))
    return out


def _shorthand(text: str, context: ActionContext) -> list[ExtractedAction]:
    """Clause-level conventions, several to a sentence: "PW to circulate …", "Gary take pictures …",
    "a letter to be sent to …", "Dog fouling to be an agenda item …"."""
    out: list[ExtractedAction] = []
    if " to " in text:
        points: list[tuple[int, str, int]] = []  # (owner start, owner, text start)
        position = 0
        while (found := TO_VERB.search(text, position)) is not None:
            position = found.start("text")  # the next point may start inside this one's text
            last = text[max(0, found.start() - 20) : found.start()].rsplit(" ", 1)[-1]
            if not (last[:1].isupper() or last.lower() in LOWER_ROLES):
                continue  # "in order to make", "agreed to send": no owner just before "to"
            owner = _owner_ending_at(text, found.start(), context, chained_ok=bool(points), any_initials=True)
            if owner:
                points.append((owner[0], owner[1], found.start("text")))
        for index, (_, owner_text, start) in enumerate(points):
            end = points[index + 1][0] if index + 1 < len(points) else len(text)
            action_text = re.sub(r"\s+and\s*$", "", text[start:end].split(";")[0])
            out.append(_action(action_text, owner_text, context))
        if " to have " in text:
            for match in TO_HAVE.finditer(text):
                if _is_person(match.group("owner"), context):
                    out.append(_action(match.group("text"), match.group("owner"), context))
    if " to be " in text or " should be " in text:
        out += _passive_steps(text, context)
    if " agenda" in text:
        found = AGENDA_STEP.search(text)
        clause = (
            text[max(text.rfind(";", 0, found.start()), text.rfind(". ", 0, found.start())) + 1 : found.end()]
            if found
            else ""
        )
        if found and not HEDGE.search(clause) and not GENERIC_AGENDA.match(clause.strip()):
            step = re.sub(r"^.*?\bthat\s+", "", clause.strip())
            out.append(_action(re.split(r"\s+and\s+that\s+|,\s+and\s+", step)[0], None, context))
    # A duties list is a run of bare "Name verb …" clauses; narrative ("… was …", "… had …") is not one.
    if (
        context.people
        and (len(text) < 160 or ", " in text)
        and " was " not in text
        and " were " not in text
        and " had " not in text
    ):
        for match in DUTY_VERB.finditer(text):
            owner = _owner_ending_at(text, match.start("text") - 1, context, chained_ok=True, roles=False)
            if owner:
                out.append(_action(match.group("text"), owner[1], context))
    return out


def _passive_steps(text: str, context: ActionContext) -> list[ExtractedAction]:
    """A clause that is only a noun phrase and "to be" done: "A letter to be sent to the Environment
    Agency", "1. Dog fouling to be an agenda item"."""
    out: list[ExtractedAction] = []
    for match in PASSIVE_VERB.finditer(text):
        offset = max(0, match.start() - OWNER_WINDOW)
        starts = [
            start
            for start in PASSIVE_START.finditer(text, offset, match.start())
            if start.start() > offset or offset == 0
        ]
        if not starts:
            continue
        subject = text[starts[-1].end() : match.start()]
        if (
            subject
            and NOUN_PHRASE.fullmatch(subject)
            and not NOT_A_NOUN_PHRASE.search(subject)
            and not PRONOUN.match(subject.split()[0])
        ):
            if match.group("modal") == "should" and HEDGE.search(text):
                continue  # "it was suggested the goal posts should be included": a view, not a step
            out.append(_action(subject + match.group(0), None, context))
    return out


def _owner_ending_at(
    text: str,
    end: int,
    context: ActionContext,
    *,
    chained_ok: bool,
    roles: bool = True,
    any_initials: bool = False,
) -> tuple[int, str] | None:
    """The owner just before ``end`` that starts a clause ("…; Mr Peake", "– Cllr Janet Taylor", "1. PW")."""
    offset = max(0, end - OWNER_WINDOW)
    window = text[offset:end]
    for start in OWNER_START.finditer(window):
        if start.start() == 0 and offset > 0 and not start.group():
            continue  # the window's own start is not a clause start
        if not start.group() and start.start() > 0:
            continue
        match = OWNER_FULL.fullmatch(window, start.end())
        if not match:
            continue
        if start.group().strip() == "and" and not chained_ok:
            return None
        owner = match.group("owner")
        if _is_person(owner, context, roles=roles, any_initials=any_initials):
            return offset + start.end(), owner
    return None


_PERSON_PARTS = re.compile(r",\s*|\s+and\s+|\s+&\s+|\s+with\s+")
_PERSON_LEAD = re.compile(r"^(?:[Tt]he\s+|[Cc]lerks?\s+)")
_TITLED = re.compile(TITLE + r"\s")
_INITIALS = re.compile(r"[A-Z]{2,4}")
_PERSON_WORDS = re.compile(r"[A-Za-z’'-]+")


def _is_person(
    owner: str,
    context: ActionContext,
    *,
    titled_only: bool = False,
    roles: bool = True,
    any_initials: bool = False,
) -> bool:
    """Every part of ``owner`` is a titled name, an officer's role, or a name or initials of someone present
    ("LCCC will do this" is an organisation; "PW to circulate" is any initials, the action-point
    shorthand)."""
    for part in _PERSON_PARTS.split(owner):
        part = _PERSON_LEAD.sub("", part.strip())
        if not part or CORPORATE_SELF.match(part):
            return False
        if _TITLED.match(part) or any_initials and _INITIALS.fullmatch(part):
            continue
        if roles and ROLE_ONLY.fullmatch(part):
            continue
        words = _PERSON_WORDS.findall(part)
        if titled_only or not words or not all(_known(word, context.people) for word in words):
            return False
    return True


def _known(word: str, people: frozenset[str]) -> bool:
    """A name of someone present, or its short form ("Jan" for Janet; see known_people)."""
    return word in people


def _triggered(
    text: str, reporter: Callable[[], str | None], context: ActionContext
) -> ExtractedAction | None:
    lower = text.lower()
    match = _delegation(text)
    if match and not CORPORATE_SELF.match(match.group("owner").strip()):
        return _action(f"{match.group('task').strip(' .;,')} (delegated)", match.group("owner"), context)
    match = IT_WAS_AGREED.search(text) if "t was" in text else None
    if match:
        return _action(match.group("text"), None, context)
    if (
        "esolved" in lower
        or "ecided" in lower
        or "ECI" in text
        or "ESOLVED" in text
        or text[:6] == "Agreed"
        or text[:6] == "AGREED"
        or "That " in text
    ):
        match = RESOLVED_TO.search(text)
        if match:
            return _action(match.group("text"), None, context)
        motion = (
            text[text.find("That ") :] if "That " in text else text
        )  # "Moved by …, Seconded by …, That …"
        for pattern in (RESOLVED_THAT, THAT_SUBJUNCTIVE):
            match = pattern.match(motion)
            if match and not CORPORATE_SELF.match(
                (match.group("owner") or match.group("officers") or "").strip()
            ):
                owner = (match.group("owner") or match.group("officers")).strip()
                if not NON_OWNER.match(owner):
                    return _action(match.group("text"), owner, context)
    asks = "ask" in lower or "request" in lower or "instruct" in lower or "direct" in lower or "task" in lower
    match = REPORTED_COMMITMENT.search(text) if " that " in text and "would" in text else None
    owner = _subject_before(text, match.start()) if match else None
    if match and owner:
        return _action(match.group("text"), _owner(owner, reporter()), context)
    match = AUTHORISED.search(text) if asks or "authori" in lower or "given to" in lower else None
    if (
        match
        and not CORPORATE_SELF.match(match.group("owner"))
        and _short_enough(match.group("text"))
        and not _at_the_meeting(match.group("text"))
    ):
        return _action(match.group("text"), match.group("owner"), context)
    match = ASKED_PERSON.search(text) if asks else None
    if (
        match
        and _is_person(match.group("owner"), context)
        and _short_enough(match.group("text"))
        and not _at_the_meeting(match.group("text"))
    ):
        return _action(match.group("text"), match.group("owner"), context)
    that = " that " in text and (
        "requested that" in lower
        or "asked that" in lower
        or "agreed that" in lower
        or "seconded" in lower
        or "moved that" in lower
        or "resolved that" in lower
        or "decided that" in lower
        or "instructed that" in lower
        or "directed that" in lower
        or "recommended that" in lower
    )  # any of THAT_VERBS
    match = REQUEST_THAT_OWNER.search(text) if that else None
    if match and NOT_A_SUBJECT.search(match.group("owner")):
        match = None
    if match and (
        OFFICER.search(match.group("owner"))
        or _is_person(match.group("owner"), context)
        or OTHER_BODY.fullmatch(match.group("owner"))
    ):
        return _action(match.group("text"), match.group("owner"), context)
    match = REQUEST_THAT.search(text) if that else None
    if match and (
        CHAIR_OR_BODY.search(match.group("requester") or "it")
        or (" seconded " in text or " moved " in text)
        and MOTION_STEP.search(match.group("text"))
    ):
        return _action(match.group("text"), None, context)
    request = "request" in lower or "asked for" in lower or "called for" in lower or "sought" in lower
    match = REQUESTED_PASSIVE.search(text) if request and " to be " in text else None
    if match and not FROM_THE_PUBLIC.search(text, 0, match.start()):
        return _action(match.group("text"), None, context)
    match = REPORT_REQUESTED.search(text) if request else None
    if (
        match
        and not FROM_THE_PUBLIC.search(text, 0, match.start())
        and CHAIR_OR_BODY.search(text[: match.start()] or "it")
        and not HEDGE.search(text[: match.start()])
    ):
        return _action(match.group("text"), None, context)
    match = REPORT_WAS_REQUESTED.search(text) if request else None
    if match:
        return _action(f"{match.group('text')}{match.group('rest')}", None, context)
    for match in COMMITMENT.finditer(text):
        owner = _subject_before(text, match.start(), context)
        if COMPANY_ONLY.match(match.group("text").strip()) or _at_the_meeting(match.group("text")):
            continue
        if not owner:
            continue
        said = SPEAKER_PRONOUN.match(owner)
        if said:  # "the Cabinet Member said she would write to all members"
            owner = _trim_subject(said.group("speaker"), context)
        speaker = reporter() if PRONOUN.match(owner.split()[-1]) else None
        if _commits(owner, match.group("how"), speaker, context, text):
            return _action(match.group("text"), _owner(owner, speaker), context)
    match = CIRCULATION.search(text) if "irculat" in text or " to be " in text else None
    if match and not REPORTED_STEP.search(text, max(0, match.start() - 12), match.start()):
        return _action(f"{text} ({context.title})" if len(text.split()) < 10 else text, None, context)
    return None


def _short_enough(text: str) -> bool:
    """ "asked the Clerk to report:" introduces what follows; it is not itself a follow-up."""
    return len(text.split()) >= 2 and not text.rstrip().endswith(":")


def _subject_before(text: str, end: int, context: ActionContext | None = None) -> str | None:
    """The clause's subject ending at ``end``: from the last clause boundary, capitalised, short."""
    prefix = text[:end]
    starts = [match.end() for match in CLAUSE_START.finditer(prefix)]
    subject = prefix[starts[-1] if starts else 0 :].strip()
    subject = LEADING_DATE.sub("", re.sub(r"^(?:and|but|so|then)\s+", "", subject))
    if " and " in subject and re.search(r"\s(?:and|but)\s+(?:he|she|they|we)$", subject):
        subject = subject.rsplit(" ", 1)[1]  # "a herb bed had been created and he would be doing …"
    if context is not None and len(subject.split()) > 2 and not _is_person(subject, context):
        # a run-in heading before the subject: "Use of Maslow's for a surgery Esme will contact …"
        tail = TRAILING_PERSON.search(subject)
        if tail and tail.start() > 0 and _is_person(tail.group("owner"), context):
            subject = tail.group("owner")
    if subject.endswith(" and"):
        # "he had completed the collation and would be sending it": the subject of the first predicate
        lead = re.match(r"^(?:he|she|they|we|I)\b", subject) or LEADING_PERSON.match(subject + " ")
        if not lead:
            return None
        subject = lead.group(0).strip()
    if not SUBJECT_START.match(subject) and not PRONOUN.match(subject):
        return None
    return subject if len(subject.split()) <= MAX_SUBJECT_WORDS else None


def _commits(owner: str, how: str, reporter: str | None, context: ActionContext, text: str) -> bool:
    if CONDITIONAL.match(owner):
        return False
    if how == "should":
        return bool(OFFICER.search(owner)) and not HEDGE.search(text)
    if how in ("would", "will") and not PERSON_OR_ROLE.search(owner) and not _is_person(owner, context):
        return False  # "devolution would bring…" commits nobody
    if how.startswith("need") and (
        PRONOUN.match(owner) or not (PERSON_OR_ROLE.search(owner) or _is_person(owner, context))
    ):
        return False  # "the word needs to get out", "they need to make savings" assign nothing
    words = owner.split()
    if len(words) == 1 and re.fullmatch(r"(?i:he|she|they|we)", owner) and reporter is None:
        return True  # a commitment by someone the minutes do not name here
    return _named(owner, reporter)


def _named(owner: str, reporter: str | None) -> bool:
    """A commitment needs a someone: a named person or role, or a pronoun we can resolve."""
    words = owner.split()
    if not words or NON_OWNER.match(owner):
        return False
    if PRONOUN.match(words[-1]):
        return reporter is not None and len(words) == 1
    return len(words) <= 12


def _owner(owner: str, reporter: str | None) -> str | None:
    owner = owner.strip().rstrip(",.;:")
    if PRONOUN.match(owner):
        return reporter
    owner = re.sub(r"^(?:the|The|THE|[Oo]ur)\s+", "", owner)
    if owner.isupper() and not re.fullmatch(r"[A-Z]{2,4}", owner):  # initials ("PW") stay as written
        owner = owner.title()
    return None if CORPORATE_SELF.match(owner) else owner


def _at_the_meeting(text: str) -> bool:
    return bool(IN_MEETING.match(text.strip()) or IN_DEBATE.match(text.strip()))


def _action(text: str, owner: str | None, context: ActionContext, *, extra_due: str = "") -> ExtractedAction:
    text = MARKUP.sub(" ", text)
    inner = ASK_TO.match(text) if text[:3].lower() in ("ask", "req", "ins", "dir") else None
    if (
        inner
        and (owner is None or CORPORATE_SELF.match(owner.strip()))
        and not CORPORATE_SELF.match(inner.group("owner"))
    ):
        # "the Committee agreed to ask officers to review …": the officers hold the action
        text, owner = inner.group("text"), inner.group("owner")
    due = _due(f"{text} {extra_due}", context)
    text = _tidy(text, strip_dates=due is not None)
    return ExtractedAction(text, _owner(owner, None) if owner else None, due)


def _due(text: str, context: ActionContext) -> date | None:
    """The last full date in the text that is not before the meeting (a due date cannot be in the past).

    Only full dates count ("by March" or "by the 14th" give none). "By the next meeting" counts
    when the minutes themselves state when the next meeting is.
    """
    dates = [value for value, _, _ in find_dates(text, month_first=context.month_first)]
    if context.meeting_date:
        dates = [value for value in dates if value >= context.meeting_date]
    if dates:
        return dates[-1]
    if context.next_meeting and RELATIVE_NEXT_MEETING.search(text):
        return context.next_meeting
    return None


def _tidy(text: str, *, strip_dates: bool) -> str:
    text = " ".join(text.split()).strip(" .;,")
    end = CLAUSE_END.search(text)
    if end and len(text[: end.start()].split()) >= 6:
        text = text[: end.start()]
    if strip_dates:
        text = re.sub(
            r"\s*\b(?:by|on or before|before|no later than)\s+(?:noon\s+)?(?:on\s+)?(?:the\s+)?"
            r"[\w ,]*\d{4}\b",
            "",
            text,
            flags=re.IGNORECASE,
        )
    text = text.strip(" .;,")
    text = text[:1].upper() + text[1:]
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT].rsplit(" ", 1)[0] + "…"


def _dedupe(actions: list[ExtractedAction]) -> list[ExtractedAction]:
    out: list[ExtractedAction] = []
    for action in actions:
        words = set(re.findall(r"[a-z0-9]+", action.text.lower()))
        if any(_overlap(words, set(re.findall(r"[a-z0-9]+", kept.text.lower()))) > 0.6 for kept in out):
            continue
        out.append(action)
    return out


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


__all__ = ["ActionContext", "document_marks_actions", "find_actions", "known_people", "split_sentences"]

"""Pattern pieces the action patterns are built from: the verbs of a step, titles, officers' roles,
names and lists of people, and the forms of a resolution."""

from __future__ import annotations

import re


def _top_level_alternatives(group: str) -> list[str]:
    """The alternatives of a ``(?:…|…)`` group, split at its own bars (not those in a nested group, a
    character class or after a backslash)."""
    body = group[3:-1]
    out: list[str] = []
    depth, start, position, in_class = 0, 0, 0, False
    while position < len(body):
        char = body[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            out.append(body[start:position])
            start = position + 1
        position += 1
    out.append(body[start:])
    return out


QUANTIFIERS = ("?", "*", "+", "{")  # after a first letter, it would not be the alternative's own


def by_first_letter(group: str) -> str:
    """The same alternation with its alternatives gathered under their first letter, in their order:
    "(?:take|send|tidy)" is "(?:t(?:ake|idy)|s(?:end))". Where every alternative opens with a lower-case
    letter, two with different letters never match at the same place, so the engine tries them in the same
    order as before and the pattern matches exactly as it did; it only stops comparing a word's first letter
    with each of a hundred alternatives in turn. Any other alternation is returned as it is."""
    alternatives = _top_level_alternatives(group)
    plain = all(
        alternative[:1].islower() and alternative[:1].isascii() and alternative[1:2] not in QUANTIFIERS
        for alternative in alternatives
    )
    if not plain:
        return group
    by_letter: dict[str, list[str]] = {}
    for alternative in alternatives:
        by_letter.setdefault(alternative[0], []).append(alternative[1:])
    return "(?:" + "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items()) + ")"


VERB = (
    r"(?:circulat\w*|provid\w*|report\w*|bring\w*|arrang\w*|send\w*|shar\w*|review\w*|prepar\w*|"
    r"submit\w*|writ\w*|contact\w*|updat\w*|investigat\w*|liais\w*|follow(?!ing\b(?!\s+up))\w*|meet\w*|organi[sz]\w*|"
    r"produc\w*|present\w*|publish\w*|publici[sz]\w*|check\w*|explor\w*|develop\w*|draft\w*|seek\w*|ensur\w*|set\w*|"
    r"establish\w*|tak\w*|look\w*|rais\w*|feed\w*|respond\w*|invit\w*|schedul\w*|hold\w*|execut\w*|"
    r"negotiat\w*|discuss\w*|appl\w*|finalis\w*|finaliz\w*|request\w*|ask\w*|email\w*|inform\w*|notif\w*|"
    r"amend\w*|chang\w*|revis\w*|complet\w*|implement\w*|identif\w*|obtain\w*|monitor\w*|deliver\w*|engag\w*|"
    r"clarif\w*|distribut\w*|collat\w*|compil\w*|approach\w*|speak\w*|chas\w*|escalat\w*|add\w*|"
    r"includ\w*|remind\w*|forward\w*|consult\w*|delegat\w*|enter\w*|sign\w*|commission\w*|brief\w*|"
    r"convene\w*|write|agree\w*|confirm\w*|give|consider\w*|return\w*|telephon\w*|phon\w*|stor\w*|put\w*|"
    r"get|gets|getting|let|start\w*|work\w*|talk\w*|visit\w*|extend\w*|display\w*|creat\w*|do|doing|"
    r"come back|coming back|find\w*|order\w*|book\w*|make|making|pursu\w*|advertis\w*|erect\w*|repair\w*|"
    r"instal\w*|replac\w*|purchas\w*|buy\w*|research\w*|assess\w*|sort\w*|re-\w+|plac\w*|"
    r"pay|paying|advis\w*|remov\w*|clear\w*|fix\w*|upload\w*|post(?!pon)\w*|print\w*|renew\w*|insert\w*|obtain\w*|"
    r"revert\w*|furnish\w*|examin\w*|progress\w*|facilitat\w*|suppl\w*|issu\w*|source\w*|agendi[sz]\w*|"
    r"look into|take up|follow-up|circulate|reach\w*|fill\w*|attend\w*|represent\w*|co-?ordinat\w*|"
    r"design\w*|recruit\w*|host\w*|assist\w*|inspect\w*|survey\w*|clean\w*|paint\w*|tidy|"
    r"procur\w*|prioriti[sz]\w*|restart\w*|resend\w*|test\w*|train\w*|moderat\w*|promot\w*|"
    r"acknowledg\w*|lobby\w*|canvass\w*|scope|scoping|resolv\w*|proceed\w*|administer\w*|"
    r"keep(?:s|ing)?\s+(?:in\s+touch|(?:[\w’']+\s+){1,4}?(?:informed|updated|up\s+to\s+date|advised))|"
    r"communicat\w*|carr(?:y|ies|ying) out|repl(?:y|ies|ying)|touch base|enquir\w*|inquir\w*|locat\w*)"
)


# "continue to inform the Board", "continue outreach to …": a step carried on (not "continue as we are",
# "continue to receive their pay").
VERB = VERB[:-1] + rf"|continu(?:e|es|ing)\s+(?:to\s+{VERB}|(?!as\b|to\b|with\s+the\s+meeting\b)\w+))"
# (tried after each trigger in every sentence: see by_first_letter)
VERB = by_first_letter(VERB)


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


# "T Power", "J. Smith": an initial and a surname, the way many clerks name those present.
PERSON = (
    rf"(?:{TITLE}(?:\s+[A-Z]\.?)*(?:\s+{NAME_WORD}){{1,2}}|[A-Z]{{2,4}}|{ROLE}"
    rf"|{NAME_WORD}(?:\s+{NAME_WORD})?|[A-Z]\.?\s{NAME_WORD})"
)


# "JH, PW & SB", "Cuellar, Pavlik, and Bishop", "Cllr Ward with Clerk Smith".
PEOPLE_JOIN = r"(?:,\s*(?:and\s+)?|\s+and\s+|\s+&\s+|\s+with\s+)"
PEOPLE = rf"(?P<owner>{PERSON}(?:{PEOPLE_JOIN}(?:[Cc]lerks?\s+)?{PERSON}){{0,4}})"


# A duties list: "Gary take pictures of the truck, Linda and Carrie work with Rory on …, Ray speak with …".
BASE_VERB = (
    r"(?:take|work|speak|contact|check|send|write|call|phone|telephone|email|arrange|ask|circulate|prepare|"
    r"update|look|chase|follow up|get|put|order|book|find out|obtain|investigate|review|draft|liaise|"
    r"organise|organize|meet|visit|seek|clarify|confirm|add|complete|forward|inform|let|make|do|start|"
    r"sign|pay|report|research|provide|produce|circulate|display|collect|remove|repair|replace|install)"
)
BASE_VERB = by_first_letter(BASE_VERB)  # tried after every space of a possible duties list


LOWER_ROLES = frozenset(
    "clerk clerks chair chairman chairperson treasurer secretary officer officers director manager "
    "executive lead head engineer solicitor controller administrator coordinator co-ordinator "
    "adviser advisor planner auditor inspector warden ranger staff administration".split()
)


# A named owner in a resolution: capitalised words and the small words between them
# ("Corporate Director of Finance", "City Solicitor / Director of Legal Services").
NAMED = r"(?P<owner>[A-Z][\w’'&/().-]*(?:\s+(?:of|for|and|&|the|/|[A-Z][\w’'&/().-]*)){0,10})"


RESOLUTION_PREFIX = (
    r"^(?:\(?\d{1,2}[.)]\s*)?"
    r"(?:(?:FURTHER\s+|Further\s+)?(?:RESOLVED|Resolved|AGREED|Agreed|DECISION|Decision|DECIDED|Decided)\s*[:–-]?\s*)?"
)


SUBJUNCTIVE_VERB = (
    r"(?:prepare|provide|report|bring|submit|review|arrange|write|circulate|develop|undertake|consult|"
    r"investigate|present|publish|draft|establish|set up|seek|negotiate|obtain|contact|explore|"
    r"place|purchase|order|commission|update|progress|liaise|ensure|monitor|identify|organise|"
    r"organize|respond|send|confirm|look into|take forward|work with|engage|produce)"
)


# Past tense, and the present tense of US and community minutes ("Mike Siers reports he is working on …").
SPEECH = (
    r"(?:said|says|stated|states|confirmed|confirms|reported|reports|advised|advises|explained|explains|"
    r"outlined|informed|presented|highlighted|added|adds|responded|responds|replied|noted|notes|mentioned|"
    r"mentions)"
)

"""Follow-ups the meeting assigned, requested or agreed (DESIGN.md, "What counts as an action").

Three sources, most explicit first:
1. marked actions: "ACTION: …" lines (owner from a following "Responsible Officer:" line or a
   trailing "– JS"; a marker that names only the owner, "ACTION: Clerk", owns the paragraph above),
   points listed under an "Actions:" heading, and rows of an action-log table;
2. resolution clauses: "That the Director prepare a report…", "Agree to submit…", "RESOLVED: To write…",
   "authorised the City Manager to execute…", delegated authority in its usual forms, "AND FURTHER THAT
   this Resolution be forwarded to…", "refer to Legal Department for preparation of…", and an outcome
   that sets a dated step ("…for publication by 30 June 2025"); a body sentence in the form of a
   resolution ("THAT staff be directed to…") is read as a clause wherever it stands;
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

The finder is a package of small parts, each deciding one thing:

- ``marked``: which lines of an item are marked actions ("ACTION: …", "Action 7: …", an "Actions:"
  list, a trailing "Action: JS") and which rows of an action-log table are actions;
- ``flat_table``: an action table whose cells were read as lines ("Who What Status", a row a line);
- ``resolution``: which clauses of the decision record set a step, and who holds a delegation;
- ``decide``: whether a sentence of the narrative sets an action, as an ordered table of named rules
  (the first that fires decides) after the clause-level shorthand of ``shorthand``;
- ``narrative``: the narrative's sentences in order, with "Action: X" after a sentence and what a
  pointing-back action refers to;
- ``owners``, ``people`` and ``reporter``: who owns an action (a named person, an officer's role, the
  speaker a pronoun stands for), from those the minutes list as present;
- ``dates``: an action's due date; ``build``: the action record itself (text tidied, duplicates
  dropped); ``voice``: a passive step said as the step ("Summary to be sent by JH": "Send Summary");
  ``features``: the named tests the rules share; ``vocabulary``: the pattern pieces (verbs, titles,
  roles, names) the patterns are built from.
"""

from __future__ import annotations

from traction_analysis.extract.actions.build import dedupe
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.marked import document_marks_actions, marked_actions, table_actions
from traction_analysis.extract.actions.narrative import narrative_actions
from traction_analysis.extract.actions.people import known_people
from traction_analysis.extract.actions.resolution import resolution_actions
from traction_analysis.extract.lines import Line
from traction_analysis.extract.model import ExtractedAction
from traction_analysis.extract.text import Sentence, sentences, split_sentences


def find_actions(
    body: list[Line], context: ActionContext, body_sentences: list[Sentence] | None = None
) -> list[ExtractedAction]:
    """Actions of one item, in order, without near-duplicates."""
    found = marked_actions(body, context) + table_actions(body, context)
    said = body_sentences if body_sentences is not None else sentences(body)
    found += resolution_actions(context, [] if context.explicit_only else [s.text for s in said])
    if not context.explicit_only:
        found += narrative_actions(said, context)
    return dedupe(found)


__all__ = ["ActionContext", "document_marks_actions", "find_actions", "known_people", "split_sentences"]

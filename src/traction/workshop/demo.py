"""The demo workshop in Riverside: a problem tree built from the demo listening exercise, and an agreement
round in draft on it, both the demo "facilitator"'s.

Everything here is fiction. Written through the workshop services, so every node is checked as it would be
from the forms (it cites the exercise's themes or highlights, or is marked as the facilitator's inference;
links never loop or go the wrong way) and audited as the facilitator's. Called by ``load_demo`` after the
listening demo, inside its transaction.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from traction.core.models import Partnership
from traction.governance.models import Body
from traction.listening.models import Highlight, ListeningExercise, Theme

from . import services
from .models import AgreementRound, NodeKind, Scale

PARTNERSHIP = "riverside"
FACILITATOR = "facilitator"
EXERCISE = "Why does the Executive keep deferring?"
BODY = "Integrated Care Partnership Executive"

TREE_TITLE = "Why the Executive defers its hardest decisions"
TREE_DESCRIPTION = (
    "Drawn from nine one-to-one conversations with members of the Integrated Care "
    "Partnership Executive. Causes are below the core problem, effects above it. For "
    "discussion at the development session; nothing here says who said what."
)


@dataclass(frozen=True)
class DemoNode:
    key: str
    kind: str
    label: str
    detail: str = ""
    themes: tuple[str, ...] = ()
    highlights: tuple[str, ...] = ()  # snippets of the demo highlights
    leads_to: tuple[str, ...] = ()  # keys of the nodes this one leads to
    inference: bool = False


NODES = (
    DemoNode(
        "core",
        NodeKind.CORE,
        "The Executive defers decisions on shared money for hospital discharge",
        "The question of who pays for extra care packages has come back to the Executive meeting after "
        "meeting without a decision.",
        themes=("Deferred money questions",),
    ),
    # causes, first level
    DemoNode(
        "noted",
        NodeKind.CAUSE,
        "Reports are noted rather than decided on",
        themes=("Papers without decisions",),
        leads_to=("core",),
    ),
    DemoNode(
        "distrust",
        NodeKind.CAUSE,
        "Partners do not trust each other's figures or budgets",
        themes=("Trust between organisations",),
        leads_to=("core",),
    ),
    DemoNode(
        "elsewhere",
        NodeKind.CAUSE,
        "The real decisions are taken outside the meeting",
        themes=("Decisions made elsewhere",),
        leads_to=("core",),
    ),
    # causes, second level
    DemoNode(
        "papers",
        NodeKind.CAUSE,
        "Papers arrive late and run to hundreds of pages",
        themes=("Late and long papers",),
        leads_to=("noted",),
    ),
    DemoNode(
        "figures",
        NodeKind.CAUSE,
        "Each meeting starts by arguing about whose data is right",
        highlights=("Nobody trusts the figures from other organisations",),
        leads_to=("distrust",),
    ),
    DemoNode(
        "finance",
        NodeKind.CAUSE,
        "Finance directors settle the money before the Executive meets",
        highlights=("The real decisions are made by the finance directors before the meeting",),
        leads_to=("elsewhere",),
    ),
    DemoNode(
        "unsafe",
        NodeKind.CAUSE,
        "Challenging a partner in the room feels unsafe",
        highlights=("Does not feel safe to challenge in the room",),
        leads_to=("distrust", "elsewhere"),
    ),
    # causes, third level
    DemoNode(
        "budgets",
        NodeKind.CAUSE,
        "Each organisation protects its own budget when money is tight",
        "Heard in several conversations, though not highlighted as such: budget pressure seems to sit "
        "behind the arguments about data.",
        leads_to=("figures", "finance"),
        inference=True,
    ),
    DemoNode(
        "written",
        NodeKind.CAUSE,
        "Papers are written for NHS readers and full of acronyms",
        "Several partners outside the NHS said they could not follow the papers.",
        leads_to=("papers",),
        inference=True,
    ),
    # effects
    DemoNode(
        "waiting",
        NodeKind.EFFECT,
        "People medically fit for discharge wait in hospital for care packages",
        highlights=("never decides who pays for the extra packages",),
        themes=("Deferred money questions",),
    ),
    DemoNode(
        "withdraw",
        NodeKind.EFFECT,
        "Partners outside the NHS stop expecting to be heard",
        themes=("Decisions made elsewhere", "Papers without decisions"),
    ),
    DemoNode(
        "pressure",
        NodeKind.EFFECT,
        "Pressure on temporary accommodation and home care keeps growing",
        "A facilitator's reading of what follows from delayed discharge; to test with the Executive.",
        inference=True,
    ),
    # beside the core problem
    DemoNode(
        "statutory",
        NodeKind.CONSTRAINT,
        "Each organisation's budget is set by its own board or cabinet",
        "Pooling money needs each sovereign body's agreement: the Executive cannot decide it alone.",
        inference=True,
    ),
)
EFFECT_LINKS = (("core", "waiting"), ("core", "withdraw"), ("waiting", "pressure"))

ROUND_TITLE = "Is this the right picture of why decisions are deferred?"
ROUND_PROPOSAL = (
    "The Executive agrees that the problem tree from the listening exercise is a fair picture "
    "of why decisions on shared money for hospital discharge keep being deferred, and that its "
    "development session in the spring starts from it."
)


def _require(found: Iterable[object], wanted: Iterable[str], what: str) -> None:
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise ValueError(f"demo workshop: the listening demo has no {what} {missing}")


def load(*, today: datetime.date) -> Counter[str]:
    """Create the demo tree and round in Riverside; nothing when the listening demo is not there.

    The demo hook the governance demo loader calls after the listening app's; nothing here depends on
    ``today``."""
    partnership = Partnership.objects.filter(slug=PARTNERSHIP).first()
    facilitator = (
        get_user_model().objects.filter(username=FACILITATOR, memberships__partnership=partnership).first()
    )
    exercise = ListeningExercise.objects.filter(partnership=partnership, title=EXERCISE).first()
    body = Body.objects.filter(partnership=partnership, name=BODY).first()
    if partnership is None or facilitator is None or exercise is None or body is None:
        return Counter()
    themes = {t.name: t for t in Theme.objects.filter(exercise=exercise)}
    highlights = {h.snippet: h for h in Highlight.objects.filter(note__exercise=exercise)}
    _require(themes, (t for n in NODES for t in n.themes), "theme")
    _require(highlights, (h for n in NODES for h in n.highlights), "highlight")

    tree = services.tree_create(
        actor=facilitator,
        partnership=partnership,
        data={"title": TREE_TITLE, "description": TREE_DESCRIPTION, "exercise": exercise},
    )
    made = {}
    for spec in NODES:
        made[spec.key] = services.node_create(
            actor=facilitator,
            tree=tree,
            data={
                "kind": spec.kind,
                "label": spec.label,
                "detail": spec.detail,
                "inference": spec.inference,
                "themes": [themes[name] for name in spec.themes],
                "highlights": [highlights[snippet] for snippet in spec.highlights],
            },
        )
    links = [(spec.key, target) for spec in NODES for target in spec.leads_to] + list(EFFECT_LINKS)
    for source, target in links:
        services.link_create(actor=facilitator, tree=tree, source=made[source], target=made[target])
    services.round_create(
        actor=facilitator,
        partnership=partnership,
        data={
            "title": ROUND_TITLE,
            "proposal": ROUND_PROPOSAL,
            "scale": Scale.GRADIENT,
            "anonymous": True,
            "body": body,
            "tree": tree,
        },
    )
    return Counter(
        {
            "problem trees": 1,
            "problem tree nodes": len(made),
            "problem tree links": len(links),
            "agreement rounds": 1,
        }
    )


def remove(*, slugs: Iterable[str]) -> None:
    """Agreement rounds PROTECT their body (and an earlier round of the same proposal), which blocks the
    cascade from the partnership: delete them first, latest round of each proposal first."""
    rounds = AgreementRound.objects.filter(partnership__slug__in=list(slugs))
    for round_ in rounds.order_by("-number", "-pk"):
        round_.delete()

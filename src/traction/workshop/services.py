"""Writes for problem trees, shared pictures, agreement rounds and awaydays: one transaction each, audited.

Closing a round and following up a block write into the governance record (an agenda item with its
outcome, actions) through ``traction.governance.workflows``, on the round's behalf: the policy lets whoever
may change the round record them (``policy.ON_BEHALF_OF``), each record links back to the round, and its
audit event names the round.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.core.services import record_create, record_update
from traction.governance.models import AgendaItem, Meeting, Person
from traction.governance.workflows import ActionSpec, actions_record, decision_record
from traction.listening.models import Highlight, Theme

from . import pairing
from . import tree as pure
from .models import (
    BLOCK_VALUES,
    CITE_OR_INFER,
    AgreementRound,
    Awayday,
    NodeKind,
    NodeLink,
    Position,
    ProblemNode,
    ProblemTree,
    RoundStatus,
    SharedPicture,
    TreeKind,
)
from .pictures import picture_content

SECOND_CORE = "This tree already has a core problem (“{label}”): make that node a cause or an effect first."
OTHER_EXERCISE = "Cite themes and highlights of the tree's own listening exercise only."
LINKS_NO_LONGER_FIT = "This node's links would go the wrong way for a {kind}: {reason}"
NOT_DRAFT = "Only a draft round can be changed or opened; this one is {status}."
NOT_OPEN = "This round is not open for positions (it is {status})."
NOT_REVEALABLE = "Positions can be revealed only while the round is open; this one is {status}."
NOT_CLOSABLE = "Reveal the positions before closing the round; this one is {status}."
ALREADY_TAKEN = "Your position in this anonymous round is recorded and cannot be changed."
BAD_VALUE = "Choose one of the positions on this round's scale."
MEETING_OF_BODY = "Choose a meeting of {body}, the body this round reports to."
NEEDS_PARTICIPANTS = "Choose at least two participants."
REPOLL_ONLY_AFTER = "A round can be polled again only after its positions are revealed."
ALREADY_REPOLLED = "This round has already been polled again (round {number})."


# --- trees --------------------------------------------------------------------------------------------------


def _as_pure(tree: ProblemTree) -> pure.Tree:
    nodes = tuple(pure.Node(n.pk, n.kind, n.label) for n in tree.nodes.all())
    links = tuple(tree.links.values_list("source_id", "target_id"))
    return pure.Tree(tree.title, nodes, links, tree.description)


def tree_as_pure(tree: ProblemTree) -> pure.Tree:
    return _as_pure(tree)


@transaction.atomic
def tree_create(*, actor: Any, partnership: Partnership, data: dict[str, Any]) -> ProblemTree:
    return record_create(
        actor=actor, partnership=partnership, model=ProblemTree, data={**data, "created_by": actor}
    )


def _check_node(tree: ProblemTree, node: ProblemNode | None, data: dict[str, Any]) -> None:
    if not data.get("inference") and not data.get("themes") and not data.get("highlights"):
        raise ValidationError({"inference": CITE_OR_INFER})
    exercise = tree.exercise_id
    for theme in data.get("themes") or []:
        if theme.exercise_id != exercise:
            raise ValidationError({"themes": OTHER_EXERCISE})
    for highlight in data.get("highlights") or []:
        if highlight.note.exercise_id != exercise:
            raise ValidationError({"highlights": OTHER_EXERCISE})
    kind = data.get("kind")
    others = tree.nodes.exclude(pk=node.pk) if node else tree.nodes.all()
    core = others.filter(kind=NodeKind.CORE).first()
    if kind == NodeKind.CORE and core is not None:
        raise ValidationError({"kind": SECOND_CORE.format(label=core.label)})
    if node is not None and kind is not None and kind != node.kind:
        _check_links_fit(tree, node, kind)


def _check_links_fit(tree: ProblemTree, node: ProblemNode, kind: str) -> None:
    plain = _as_pure(tree)
    changed = pure.Tree(
        plain.title,
        tuple(pure.Node(n.id, kind if n.id == node.pk else n.kind, n.label) for n in plain.nodes),
        (),
    )
    for source, target in plain.links:
        if node.pk in (source, target):
            reason = pure.link_error(changed, source, target)
            if reason:
                raise ValidationError(
                    {"kind": LINKS_NO_LONGER_FIT.format(kind=NodeKind(kind).label.lower(), reason=reason)}
                )


@transaction.atomic
def node_create(*, actor: Any, tree: ProblemTree, data: dict[str, Any]) -> ProblemNode:
    policy.require_write(user=actor, partnership=tree.partnership, action="add", model=ProblemNode)
    _check_node(tree, None, data)
    highlights = data.get("highlights")
    node = record_create(
        actor=actor,
        partnership=tree.partnership,
        model=ProblemNode,
        data={**{k: v for k, v in data.items() if k != "highlights"}, "tree": tree},
    )
    _set_highlights(actor, node, highlights)
    return node


@transaction.atomic
def node_update(*, actor: Any, node: ProblemNode, data: dict[str, Any]) -> ProblemNode:
    policy.require_write(user=actor, partnership=node.partnership, action="change", model=ProblemNode)
    data = {**data, **_hidden_citations(actor, node, data)}
    _check_node(node.tree, node, data)
    highlights = data.get("highlights")
    node = record_update(
        actor=actor, instance=node, data={k: v for k, v in data.items() if k != "highlights"}
    )
    _set_highlights(actor, node, highlights)
    return node


def _set_highlights(actor: Any, node: ProblemNode, highlights: Iterable[Any] | None) -> None:
    """Cite these highlights. The audit says only that the citations changed: a highlight is one participant,
    so listing them would count, for anyone who reads the trail, how many raised what is behind the node."""
    if highlights is None:
        return
    highlights = list(highlights)
    if {h.pk for h in highlights} != set(node.highlights.values_list("pk", flat=True)):
        node.highlights.set(highlights)
        audit_record(
            actor=actor,
            partnership=node.partnership,
            verb="changed",
            instance=node,
            changes={"fields": ["highlights"]},
        )


def _hidden_citations(actor: Any, node: ProblemNode, data: dict[str, Any]) -> dict[str, list[Any]]:
    """The node's citations the actor cannot see (an exercise they do not facilitate): the form could not
    offer them, so an edit keeps them rather than dropping them."""
    kept: dict[str, list[Any]] = {}
    for name, model in (("themes", Theme), ("highlights", Highlight)):
        if name not in data:
            continue
        visible = policy.permitted(user=actor, partnership=node.partnership, action="view", model=model)
        hidden = list(getattr(node, name).exclude(pk__in=visible.values("pk")))
        if hidden:
            kept[name] = [*(data[name] or []), *hidden]
    return kept


@transaction.atomic
def link_create(*, actor: Any, tree: ProblemTree, source: ProblemNode, target: ProblemNode) -> NodeLink:
    policy.require_write(user=actor, partnership=tree.partnership, action="add", model=NodeLink)
    if source.tree_id != tree.pk or target.tree_id != tree.pk:
        raise ValidationError({"target": "Both ends of a link must be nodes of this tree."})
    reason = pure.link_error(_as_pure(tree), source.pk, target.pk)
    if reason:
        raise ValidationError({"target": reason})
    if tree.links.filter(source=source, target=target).exists():
        raise ValidationError({"target": "These two nodes are already linked."})
    return record_create(
        actor=actor,
        partnership=tree.partnership,
        model=NodeLink,
        data={"tree": tree, "source": source, "target": target},
    )


GROW_KINDS: dict[str, frozenset[str]] = {
    # The kind of node that may be added in place under a node of each kind (and linked to it).
    NodeKind.CORE: frozenset({NodeKind.CAUSE, NodeKind.EFFECT}),
    NodeKind.CAUSE: frozenset({NodeKind.CAUSE}),
    NodeKind.EFFECT: frozenset({NodeKind.EFFECT}),
}
CANNOT_GROW = (
    "A {kind} cannot be added under “{parent}”: causes go under causes or the core problem, effects above it."
)
PARENT_FIRST = "Add the core problem first; causes and effects are added under it."


@transaction.atomic
def node_grow(
    *,
    actor: Any,
    tree: ProblemTree,
    parent: ProblemNode | None,
    kind: str,
    label: str,
    theme: Theme | None = None,
) -> ProblemNode:
    """A node added under ``parent`` and linked to it in one step: a cause leads to its parent, an effect
    follows from it. Without a parent the node is the core problem. No theme: the facilitator's inference."""
    if parent is None and kind != NodeKind.CORE:
        raise ValidationError({"label": PARENT_FIRST})
    if parent is not None and kind not in GROW_KINDS.get(parent.kind, frozenset()):
        label_of = NodeKind(kind).label.lower() if kind in NodeKind.values else "node"
        raise ValidationError({"label": CANNOT_GROW.format(kind=label_of, parent=parent.label)})
    data = {
        "kind": kind,
        "label": label,
        "detail": "",
        "themes": [theme] if theme else [],
        "inference": not theme,
    }
    node = node_create(actor=actor, tree=tree, data=data)
    if parent is not None:
        source, target = (node, parent) if kind == NodeKind.CAUSE else (parent, node)
        link_create(actor=actor, tree=tree, source=source, target=target)
    return node


@transaction.atomic
def tree_to_objectives(*, actor: Any, tree: ProblemTree) -> ProblemTree:
    """A copy of the structure with positive wording to edit: "lack of X" → "X in place" and so on."""
    policy.require_write(user=actor, partnership=tree.partnership, action="add", model=ProblemTree)
    copy = record_create(
        actor=actor,
        partnership=tree.partnership,
        model=ProblemTree,
        data={
            "title": f"Objectives: {tree.title}"[:200],
            "description": tree.description,
            "kind": TreeKind.OBJECTIVES,
            "exercise": tree.exercise,
            "source": tree,
            "k": tree.k,
            "created_by": actor,
        },
    )
    mapping: dict[int, ProblemNode] = {}
    for node in tree.nodes.all():
        new = ProblemNode(
            partnership=tree.partnership,
            tree=copy,
            kind=node.kind,
            detail=node.detail,
            label=pure.positive_wording(node.label)[:300],
            inference=node.inference,
        )
        new.full_clean()
        new.save()
        new.themes.set(node.themes.all())
        new.highlights.set(node.highlights.all())
        mapping[node.pk] = new
    for link in tree.links.all():
        NodeLink.objects.create(
            partnership=tree.partnership,
            tree=copy,
            source=mapping[link.source_id],
            target=mapping[link.target_id],
        )
    audit_record(
        actor=actor,
        partnership=tree.partnership,
        verb="turned into objectives",
        instance=copy,
        changes={"source": [None, str(tree)], "nodes": [None, len(mapping)]},
    )
    return copy


def tree_errors(tree: ProblemTree) -> list[str]:
    return pure.tree_errors(_as_pure(tree))


def tree_warnings(tree: ProblemTree) -> dict[int, list[str]]:
    """Wording warnings per node: names of people of the partnership, placeholders, missing solutions."""
    people = list(Person.objects.filter(partnership=tree.partnership).values_list("name", flat=True))
    found = {n.pk: pure.wording_warnings(n.label, people=people) for n in tree.nodes.all()}
    return {pk: w for pk, w in found.items() if w}


# --- shared pictures ----------------------------------------------------------------------------------------

ONLY_PROBLEM_TREES = (
    "Only a problem tree is published as a shared picture; publish the problem tree it came from."
)


@transaction.atomic
def picture_publish(*, actor: Any, tree: ProblemTree, title: str, introduction: str = "") -> SharedPicture:
    """Freeze an anonymised snapshot of the tree for every member to see."""
    policy.require(user=actor, partnership=tree.partnership, action="add", object_type="sharedpicture")
    if tree.kind != TreeKind.PROBLEM:
        # An objectives tree copies its problem tree's citations; its figures are not weighed against the
        # problem tree's pictures, so two pictures could differ by fewer than k people.
        raise ValidationError(ONLY_PROBLEM_TREES)
    errors = tree_errors(tree)
    if errors:
        raise ValidationError(errors)
    history = list(SharedPicture.objects.filter(tree=tree).order_by("number"))
    content = picture_content(actor=actor, tree=tree, history=[p.content for p in history])
    picture = SharedPicture(
        partnership=tree.partnership,
        tree=tree,
        number=len(history) + 1,
        title=title.strip() or tree.title,
        introduction=introduction,
        k=tree.k,
        content=content,
        published_by=actor,
    )
    picture.full_clean()
    picture.save()
    audit_record(
        actor=actor,
        partnership=tree.partnership,
        verb="published",
        instance=picture,
        changes={"tree": [None, str(tree)], "k": [None, tree.k]},
    )
    return picture


# --- agreement rounds ---------------------------------------------------------------------------------------


@transaction.atomic
def round_create(*, actor: Any, partnership: Partnership, data: dict[str, Any]) -> AgreementRound:
    return record_create(
        actor=actor,
        partnership=partnership,
        model=AgreementRound,
        data={**data, "created_by": actor, "status": RoundStatus.DRAFT},
    )


def _locked(round_: AgreementRound) -> AgreementRound:
    return AgreementRound.objects.select_for_update().get(pk=round_.pk)


def _require_change(actor: Any, round_: AgreementRound) -> None:
    policy.require(user=actor, partnership=round_.partnership, action="change", object_type="agreementround")


@transaction.atomic
def round_update(*, actor: Any, round_: AgreementRound, data: dict[str, Any]) -> AgreementRound:
    _require_change(actor, round_)
    if _locked(round_).status != RoundStatus.DRAFT:
        raise ValidationError(NOT_DRAFT.format(status=round_.get_status_display().lower()))
    return record_update(actor=actor, instance=round_, data=data)


def _transition(
    actor: Any,
    round_: AgreementRound,
    *,
    to: str,
    stamp: str,
    verb: str,
    changes: dict[str, Any] | None = None,
) -> AgreementRound:
    round_.status = to
    setattr(round_, stamp, timezone.now())
    round_.save(update_fields=["status", stamp])
    audit_record(
        actor=actor, partnership=round_.partnership, verb=verb, instance=round_, changes=changes or {}
    )
    return round_


@transaction.atomic
def round_open(*, actor: Any, round_: AgreementRound) -> AgreementRound:
    """Open for positions; from now on named or anonymous cannot change."""
    _require_change(actor, round_)
    locked = _locked(round_)
    if locked.status != RoundStatus.DRAFT:
        raise ValidationError(NOT_DRAFT.format(status=locked.get_status_display().lower()))
    return _transition(
        actor,
        locked,
        to=RoundStatus.OPEN,
        stamp="opened_at",
        verb="opened",
        changes={"anonymous": [None, locked.anonymous]},
    )


@transaction.atomic
def position_take(*, actor: Any, round_: AgreementRound, value: str, comment: str = "") -> Position:
    """Take (or, in a named round, change) a position. Nobody sees any position until the reveal."""
    policy.require(user=actor, partnership=round_.partnership, action="add", object_type="position")
    locked = _locked(round_)
    if locked.status != RoundStatus.OPEN:
        raise ValidationError(NOT_OPEN.format(status=locked.get_status_display().lower()))
    if value not in dict(locked.choices()):
        raise ValidationError({"value": BAD_VALUE})
    existing = Position.objects.filter(round=locked, voter=actor).first()
    if locked.anonymous:
        if existing is not None:
            raise ValidationError({"value": ALREADY_TAKEN})
        tally = dict(locked.tally)
        tally[value] = tally.get(value, 0) + 1
        locked.tally = tally
        if value in BLOCK_VALUES and comment.strip():
            # Kept with the round, at a random place in the list, so that neither a row nor the order ties
            # the reason to the person who blocked.
            reasons = list(locked.block_reasons)
            reasons.insert(secrets.randbelow(len(reasons) + 1), comment.strip())
            locked.block_reasons = reasons
        locked.save(update_fields=["tally", "block_reasons"])
        position = Position.objects.create(partnership=locked.partnership, round=locked, voter=actor)
        # The audit names who took part, never the value.
        audit_record(actor=actor, partnership=locked.partnership, verb="took a position", instance=position)
        return position
    position = existing or Position(partnership=locked.partnership, round=locked, voter=actor)
    position.value, position.comment = value, comment.strip()
    position.full_clean()
    position.save()
    audit_record(
        actor=actor,
        partnership=locked.partnership,
        verb="took a position",
        instance=position,
        changes={"value": [None, "hidden until the reveal"]},
    )
    return position


def round_results(round_: AgreementRound) -> list[tuple[str, str, int]]:
    """(value, label, count) for every point of the scale, once revealed; nothing before."""
    if round_.status not in (RoundStatus.REVEALED, RoundStatus.CLOSED):
        return []
    if round_.anonymous:
        counts = dict(round_.tally)
    else:
        counts = {}
        for value in round_.positions.values_list("value", flat=True):
            counts[value] = counts.get(value, 0) + 1
    return [(value, label, counts.get(value, 0)) for value, label in round_.choices()]


def _round_url(round_: AgreementRound) -> str:
    return reverse("workshop:round-detail", kwargs={"slug": round_.partnership.slug, "pk": round_.pk})


def _blocks(round_: AgreementRound) -> list[Position]:
    if round_.anonymous:
        n = sum(v for k, v in round_.tally.items() if k in BLOCK_VALUES)
        return [Position(round=round_, value="block")] * n
    return [p for p in round_.positions.select_related("voter") if p.value in BLOCK_VALUES]


@transaction.atomic
def round_reveal(*, actor: Any, round_: AgreementRound) -> AgreementRound:
    """Show every position at once; each block becomes a follow-up action in the governance record."""
    _require_change(actor, round_)
    locked = _locked(round_)
    if locked.status != RoundStatus.OPEN:
        raise ValidationError(NOT_REVEALABLE.format(status=locked.get_status_display().lower()))
    blocks = _blocks(locked)
    reasons = list(locked.block_reasons) if locked.anonymous else [b.comment for b in blocks]
    follow_ups = []
    for i, block in enumerate(blocks, start=1):
        who = "" if locked.anonymous else f" with {block.voter.get_full_name() or block.voter.get_username()}"
        reason = reasons[i - 1] if i <= len(reasons) and reasons[i - 1] else ""
        text = (
            f"Follow up block {i} of {len(blocks)}{who} in round {locked.number} of “{locked.title}”: "
            "find out what would need to change, before the proposal is amended or polled again."
            + (f" Reason given: “{reason}”" if reason else "")
        )
        follow_ups.append(ActionSpec(text, provenance={"agreement_round": locked.pk, "block": i}))
    if follow_ups:
        locked.follow_ups.add(
            *actions_record(
                actor=actor, source=locked, body=locked.body, actions=follow_ups, url=_round_url(locked)
            )
        )
    return _transition(
        actor,
        locked,
        to=RoundStatus.REVEALED,
        stamp="revealed_at",
        verb="revealed",
        changes={"positions": [None, locked.positions.count()], "blocks": [None, len(blocks)]},
    )


@transaction.atomic
def round_close(
    *,
    actor: Any,
    round_: AgreementRound,
    meeting: Meeting,
    resolution: str,
    actions: Sequence[tuple[str, datetime.date | None]] = (),
) -> AgendaItem:
    """Record the decision: an agenda item decided at a meeting of the round's body, with its actions."""
    _require_change(actor, round_)
    locked = _locked(round_)
    if locked.status != RoundStatus.REVEALED:
        raise ValidationError(NOT_CLOSABLE.format(status=locked.get_status_display().lower()))
    if meeting.partnership_id != locked.partnership_id or meeting.body_id != locked.body_id:
        raise ValidationError({"meeting": MEETING_OF_BODY.format(body=locked.body)})
    results = "; ".join(f"{label}: {count}" for _, label, count in round_results(locked) if count)
    item = decision_record(
        actor=actor,
        source=locked,
        meeting=meeting,
        title=f"Agreement round: {locked.title}",
        resolution=resolution,
        url=_round_url(locked),
        provenance={
            "agreement_round": locked.pk,
            "round_number": locked.number,
            "positions": results,
            "tree": locked.tree_id,
        },
        actions=[ActionSpec(text, due, {"agreement_round": locked.pk}) for text, due in actions],
    )
    locked.decision = item
    locked.save(update_fields=["decision"])
    _transition(
        actor,
        locked,
        to=RoundStatus.CLOSED,
        stamp="closed_at",
        verb="closed",
        changes={"decision": [None, str(item)]},
    )
    return item


@transaction.atomic
def round_repoll(*, actor: Any, round_: AgreementRound, proposal: str, title: str = "") -> AgreementRound:
    """The next round of the same proposal, after amendment; earlier rounds keep their history."""
    policy.require(user=actor, partnership=round_.partnership, action="add", object_type="agreementround")
    locked = _locked(round_)
    if locked.status not in (RoundStatus.REVEALED, RoundStatus.CLOSED):
        raise ValidationError(REPOLL_ONLY_AFTER)
    following = AgreementRound.objects.filter(previous=locked).first()
    if following is not None:
        raise ValidationError(ALREADY_REPOLLED.format(number=following.number))
    return record_create(
        actor=actor,
        partnership=locked.partnership,
        model=AgreementRound,
        data={
            "tree": locked.tree,
            "picture": locked.picture,
            "previous": locked,
            "number": locked.number + 1,
            "title": title.strip() or locked.title,
            "proposal": proposal,
            "scale": locked.scale,
            "anonymous": locked.anonymous,
            "body": locked.body,
            "created_by": actor,
            "status": RoundStatus.DRAFT,
        },
    )


def round_history(round_: AgreementRound) -> list[AgreementRound]:
    """Every round of the same proposal, first to last."""
    first = round_
    while first.previous_id:
        first = first.previous  # type: ignore[assignment]
    chain = [first]
    while True:
        nxt = AgreementRound.objects.filter(previous=chain[-1]).first()
        if nxt is None:
            return chain
        chain.append(nxt)


# --- awaydays -----------------------------------------------------------------------------------------------


def _plan(people: Iterable[Person], rounds: int) -> list[list[list[int | None]]]:
    people = list(people)
    organisation = {p.pk: (str(p.organisation_id) if p.organisation_id else None) for p in people}
    plan = pairing.pair_rounds([p.pk for p in people], organisation, rounds)
    return [[[a, b] for a, b in round_] for round_ in plan]


@transaction.atomic
def awayday_save(
    *, actor: Any, partnership: Partnership, data: dict[str, Any], instance: Awayday | None = None
) -> Awayday:
    people = list(data.get("participants") or [])
    if len(people) < 2:
        raise ValidationError({"participants": NEEDS_PARTICIPANTS})
    data = {**data, "plan": _plan(people, int(data.get("rounds") or 1))}
    if instance is None:
        return record_create(
            actor=actor, partnership=partnership, model=Awayday, data={**data, "created_by": actor}
        )
    return record_update(actor=actor, instance=instance, data=data)

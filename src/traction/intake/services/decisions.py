"""A person's decisions on proposals: accept (as proposed or corrected), reject, split, merge.

Accepting writes the governance record through its own services, with provenance (document, page,
line) on the agenda item and its actions; the proposal keeps what was proposed and what was accepted,
by whom and when. Each call is one transaction: a bulk decision is all or nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.services import record_create, record_update
from traction.governance.models import Action, AgendaItem, Meeting, Outcome, Person
from traction.governance.services import action_create
from traction.governance.topics import topics_apply_suggestions
from traction.intake.models import Proposal, ProposalStatus, Review
from traction.intake.selectors import person_named
from traction.intake.services.submit import review_refresh_status
from traction_analysis.extract.proposed import Location, ProposedAction, ProposedItem, ProposedItemError

ALREADY_DECIDED = "“{proposal}” has already been decided."
NOT_IN_REVIEW = "Choose proposals of this review."
MEETING_FIRST = "Choose or create the meeting these minutes record before accepting items."
TITLE_REQUIRED = "Enter the item's title."
OUTCOME_INVALID = "Choose one of the outcomes."
ACTION_TEXT_REQUIRED = "Enter what each action is, or remove it."
DUE_INVALID = "Enter a real due date, for example 2025-03-31."
NOTHING_SELECTED = "Select at least one proposal."
MERGE_TWO = "Select two or more proposals to merge."
SPLIT_TITLE_REQUIRED = "Enter the title of the new item."
HEADING_LEFT_OUT = (
    "The corrected heading of “{proposal}” (“{heading}”) was not kept: a merged item takes the first "
    "one's heading. Its resolution and actions were kept."
)
ITEM_PROBLEM = "“{proposal}”: {message}"
OWNER_NOT_IN_PARTNERSHIP = "Choose the action's owner from this partnership's people."
NEW_PERSON_NAME_REQUIRED = "Enter the name of the new person."

Values = ProposedItem | Mapping[str, Any]  # a reviewer's values: an item, or its JSON (the API, tests)


def _require(user: Any, review: Review, *proposals: Proposal) -> None:
    """Permission, then the review locked until the transaction ends: two people deciding the same
    proposal at once are taken one after the other, and the second sees it already decided."""
    policy.require(user=user, partnership=review.partnership, action="change", object_type="review")
    Review.objects.select_for_update().filter(pk=review.pk).first()
    for proposal in proposals:
        proposal.refresh_from_db(fields=["status"])


def _pending(proposal: Proposal) -> None:
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(ALREADY_DECIDED.format(proposal=proposal))


def _as_item(values: Values) -> ProposedItem:
    if isinstance(values, ProposedItem):
        return values
    try:
        return ProposedItem.from_json(values)
    except ProposedItemError as exc:
        raise ValidationError(DUE_INVALID if exc.field == "due" else str(exc)) from exc


def _clean_action(action: ProposedAction) -> ProposedAction:
    text = " ".join(action.text.split())
    if not text:
        raise ValidationError(ACTION_TEXT_REQUIRED)
    return replace(action, text=text, owner=(action.owner or "").strip() or None)


def clean_values(values: Values) -> ProposedItem:
    """The item as it will be written, checked: whitespace tidied, lengths bounded, each action named."""
    item = _as_item(values)
    title = " ".join(item.title.split())
    if not title:
        raise ValidationError(TITLE_REQUIRED)
    if item.outcome not in Outcome.values:
        raise ValidationError(OUTCOME_INVALID)
    return replace(
        item,
        number=(item.number or "").strip()[:40] or None,
        title=title[:500],
        resolution=(item.resolution or "").strip(),
        actions=tuple(_clean_action(action) for action in item.actions),
    )


def proposed(proposal: Proposal) -> ProposedItem:
    """The proposal's item; stored JSON that cannot be read is refused with the reason, not a crash."""
    try:
        return proposal.item
    except ProposedItemError as exc:
        raise ValidationError(str(exc)) from exc


def current_values(proposal: Proposal) -> ProposedItem:
    """What the extractor proposed, as accepting it uncorrected would write it."""
    item = proposed(proposal)
    return replace(item, resolution=item.resolution or "")


def working_values(proposal: Proposal) -> ProposedItem:
    """What accepting the proposal now would write: the corrections saved as a draft, or what was proposed."""
    try:
        draft = proposal.draft_item
    except ProposedItemError as exc:
        raise ValidationError(str(exc)) from exc
    return current_values(proposal) if draft is None else draft


def _source(review: Review, location: Location) -> dict[str, Any]:
    return {
        "document": review.document_title,
        "source_document": review.source_document_id,
        "review": review.pk,
        "page": location.page,
        "line": location.line,
    }


def _item_provenance(review: Review, proposal: Proposal) -> dict[str, Any]:
    item = proposed(proposal)
    source = _source(review, item.source)
    return {"title": source, "resolution": source, "outcome": {**source, "evidence": item.evidence}}


def _lead(review: Review, action: ProposedAction) -> Person | None:
    """The person the reviewer chose, else the one the owner names when exactly one has that name or role."""
    if action.person is not None:
        return _person_of(review, action.person)
    return person_named(partnership=review.partnership, name=action.owner)


def _person_of(review: Review, pk: int) -> Person:
    person = Person.objects.filter(partnership=review.partnership, pk=pk).first()
    if person is None:
        raise ValidationError(OWNER_NOT_IN_PARTNERSHIP)
    return person


def _with_people(user: Any, review: Review, item: ProposedItem, new_people: Collection[int]) -> ProposedItem:
    """The item with each chosen lead checked, and a person created for each action (by index) in
    ``new_people``, named as its owner."""
    actions = []
    for index, action in enumerate(item.actions):
        if index in new_people:
            name = " ".join((action.owner or "").split())
            if not name:
                raise ValidationError(NEW_PERSON_NAME_REQUIRED)
            person = record_create(
                actor=user, partnership=review.partnership, model=Person, data={"name": name[:200]}
            )
            action = replace(action, owner=person.name, person=person.pk)
        elif action.person is not None:
            action = replace(action, owner=_person_of(review, action.person).name)
        actions.append(action)
    return replace(item, actions=tuple(actions))


def _write_item(user: Any, review: Review, proposal: Proposal, values: ProposedItem) -> AgendaItem:
    meeting = review.meeting
    assert meeting is not None  # _accept_one refuses a review without its meeting
    target = proposal.target_item
    if target is not None and target.meeting_id == meeting.pk:
        data: dict[str, Any] = {
            "outcome": values.outcome,
            "resolution": values.resolution,
            "provenance": {**target.provenance, **_item_provenance(review, proposal)},
        }
        original = current_values(proposal)
        # the record's own wording stays unless the reviewer changed it
        if values.number != original.number and values.number:
            data["number"] = values.number
        if values.title != original.title and values.title:
            data["title"] = values.title
        return record_update(actor=user, instance=target, data=data)
    order = (meeting.items.aggregate(top=Max("order"))["top"] or 0) + 1
    return record_create(
        actor=user,
        partnership=review.partnership,
        model=AgendaItem,
        data={
            "meeting": meeting,
            "order": order,
            "number": values.number or "",
            "title": values.title,
            "outcome": values.outcome,
            "resolution": values.resolution,
            "provenance": _item_provenance(review, proposal),
        },
    )


def _write_actions(user: Any, review: Review, item: AgendaItem, values: ProposedItem) -> list[Action]:
    assert review.meeting is not None  # _accept_one refuses a review without its meeting
    written = []
    for action in values.actions:
        lead = _lead(review, action)
        provenance = _source(review, action.source)
        if action.owner and lead is None:
            provenance["owner"] = action.owner  # named in the minutes, not (yet) a person in the record
        written.append(
            action_create(
                actor=user,
                partnership=review.partnership,
                data={
                    "body": review.meeting.body,
                    "agenda_item": item,
                    "minute_reference": (values.number or "")[:60],
                    "text": action.text,
                    "lead": lead,
                    "due_date": action.due,
                    "provenance": provenance,
                },
            )
        )
    return written


def _decided(proposal: Proposal, user: Any, status: str, final: ProposedItem | None) -> None:
    proposal.status, proposal.final = status, None if final is None else final.to_json()
    proposal.decided_by = user if user.is_authenticated else None
    proposal.decided_at = timezone.now()


def _accept_one(
    user: Any,
    review: Review,
    proposal: Proposal,
    values: Values | None,
    new_items: list[AgendaItem] | None = None,
) -> AgendaItem:
    """Write one accepted proposal; an item it creates (not one it updates) is added to ``new_items``."""
    _pending(proposal)
    if review.meeting is None:
        raise ValidationError(MEETING_FIRST)
    original = current_values(proposal)
    corrected = working_values(proposal) if values is None else original.corrected(by=_as_item(values))
    final = clean_values(corrected)
    try:
        target = proposal.target_item
        item = _write_item(user, review, proposal, final)
        if new_items is not None and (target is None or target.pk != item.pk):
            new_items.append(item)
        _write_actions(user, review, item, final)
    except ValidationError as exc:
        raise ValidationError(
            [ITEM_PROBLEM.format(proposal=proposal, message=m) for m in exc.messages]
        ) from exc
    _decided(proposal, user, ProposalStatus.ACCEPTED, final)
    proposal.agenda_item = item
    proposal.save()
    if target is None or target.pk != item.pk:
        item = _in_source_order(user, review, item)
    return item


def _in_source_order(user: Any, review: Review, written: AgendaItem) -> AgendaItem:
    """The items this review added to its meeting stand in the order of the minutes, whatever order they were
    accepted in: the places they hold among the meeting's items are given out again by their position in the
    document (items already on the record before the review, and items it updated, keep their places)."""
    added = [
        p.agenda_item
        for p in review.proposals.filter(
            status=ProposalStatus.ACCEPTED,
            target_item__isnull=True,
            agenda_item__meeting=review.meeting,
        )
        .select_related("agenda_item")
        .order_by("position", "id")
        if p.agenda_item is not None
    ]
    slots = sorted(item.order for item in added)
    for item, slot in zip(added, slots, strict=True):
        if item.order != slot:
            moved = record_update(actor=user, instance=item, data={"order": slot})
            if moved.pk == written.pk:
                written = moved
    return written


def _link_topics(user: Any, review: Review, items: Sequence[AgendaItem]) -> None:
    """New items of the meeting join the topics the linking suggests (so the diagnosis follows them from
    one meeting to the next); an item that already has a topic, or an existing item updated, is left alone."""
    if items:
        topics_apply_suggestions(user=user, partnership=review.partnership, items=items)


def _audit(user: Any, review: Review, verb: str, proposals: Sequence[Proposal]) -> None:
    audit_record(
        actor=user,
        partnership=review.partnership,
        verb=verb,
        instance=review,
        changes={"proposals": [None, [str(p) for p in proposals]]},
    )


@transaction.atomic
def proposal_save_draft(
    *, user: Any, proposal: Proposal, values: Values, new_people: Collection[int] = ()
) -> Proposal:
    """Keep a reviewer's corrections without accepting them: accepting later writes them. People named as
    new owners (``new_people``, by action index) are created now."""
    review = proposal.review
    _require(user, review, proposal)
    _pending(proposal)
    corrected = clean_values(current_values(proposal).corrected(by=_as_item(values)))
    draft = _with_people(user, review, corrected, new_people)
    previous = proposal.draft
    proposal.draft, proposal.draft_saved_at = draft.to_json(), timezone.now()
    proposal.save(update_fields=["draft", "draft_saved_at"])
    audit_record(
        actor=user,
        partnership=review.partnership,
        verb="saved draft",
        instance=review,
        changes={"proposals": [None, [str(proposal)]], "draft": [previous, proposal.draft]},
    )
    return proposal


@transaction.atomic
def proposal_accept(
    *, user: Any, proposal: Proposal, values: Values | None = None, new_people: Collection[int] = ()
) -> AgendaItem:
    """Accept one proposal, as proposed (or as its draft) or with the reviewer's ``values``; returns the
    item written. People named as new owners (``new_people``, by action index) are created first."""
    review = proposal.review
    _require(user, review, proposal)
    _pending(proposal)
    if review.meeting is None:
        raise ValidationError(MEETING_FIRST)
    if values is not None:
        values = _with_people(user, review, clean_values(values), new_people)
    new_items: list[AgendaItem] = []
    item = _accept_one(user, review, proposal, values, new_items)
    _link_topics(user, review, new_items)
    corrected = proposal.final_item != clean_values(current_values(proposal))
    _audit(user, review, "accepted corrected" if corrected else "accepted", [proposal])
    review_refresh_status(review=review)
    return item


@transaction.atomic
def proposal_add(*, user: Any, review: Review, values: Values, new_people: Collection[int] = ()) -> Proposal:
    """An item the minutes record but the extractor missed, added and accepted at once.

    It is kept as a proposal made in review (not extracted), so measuring the extractor counts it missed.
    """
    _require(user, review)
    if review.meeting is None:
        raise ValidationError(MEETING_FIRST)
    final = _with_people(user, review, clean_values(values), new_people)
    position = (review.proposals.aggregate(top=Max("position"))["top"] or 0) + 1
    proposal = Proposal.objects.create(
        partnership=review.partnership,
        review=review,
        position=position,
        extracted=False,
        original=replace(final, evidence="", confidence=None, source=Location()).to_json(),
    )
    new_items: list[AgendaItem] = []
    _accept_one(user, review, proposal, final, new_items)
    _link_topics(user, review, new_items)
    _audit(user, review, "added missed item", [proposal])
    review_refresh_status(review=review)
    return proposal


@transaction.atomic
def proposal_reject(*, user: Any, proposal: Proposal) -> Proposal:
    review = proposal.review
    _require(user, review, proposal)
    _pending(proposal)
    _decided(proposal, user, ProposalStatus.REJECTED, None)
    proposal.save()
    _audit(user, review, "rejected", [proposal])
    review_refresh_status(review=review)
    return proposal


def _chosen(review: Review, proposals: Sequence[Proposal]) -> list[Proposal]:
    chosen = sorted(proposals, key=lambda p: (p.position, p.pk))
    if not chosen:
        raise ValidationError(NOTHING_SELECTED)
    if any(p.review_id != review.pk for p in chosen):
        raise ValidationError(NOT_IN_REVIEW)
    for proposal in chosen:
        _pending(proposal)
    return chosen


@transaction.atomic
def proposals_decide(
    *,
    user: Any,
    review: Review,
    proposals: Sequence[Proposal],
    decision: str,
    values: Mapping[int, Values] | None = None,
) -> int:
    """Accept or reject several proposals at once (``values`` by proposal pk, for corrected ones)."""
    _require(user, review, *proposals)
    chosen = _chosen(review, proposals)
    new_items: list[AgendaItem] = []
    for proposal in chosen:
        if decision == "accept":
            _accept_one(user, review, proposal, (values or {}).get(proposal.pk), new_items)
        else:
            _decided(proposal, user, ProposalStatus.REJECTED, None)
            proposal.save()
    _link_topics(user, review, new_items)
    _audit(user, review, "accepted" if decision == "accept" else "rejected", chosen)
    review_refresh_status(review=review)
    return len(chosen)


def _derive(
    review: Review,
    parents: Sequence[Proposal],
    original: ProposedItem,
    position: int,
    target: AgendaItem | None,
    draft: ProposedItem | None = None,
) -> Proposal:
    """A proposal made by splitting or merging ``parents``; ``draft``, where given, carries over the
    corrections saved on them (with the latest time one was saved)."""
    saved = [p.draft_saved_at for p in parents if p.draft_saved_at is not None] if draft is not None else []
    proposal = Proposal.objects.create(
        partnership=review.partnership,
        review=review,
        position=position,
        extracted=False,
        original=original.to_json(),
        target_item=target,
        draft=None if draft is None else draft.to_json(),
        draft_saved_at=max(saved, default=timezone.now()) if draft is not None else None,
    )
    proposal.derived_from.set(parents)
    return proposal


def split_actions(proposal: Proposal) -> tuple[ProposedAction, ...]:
    """The actions a split chooses among, by index: the saved draft's where there is one (what the review
    screen shows), else those proposed."""
    draft = proposal.draft_item  # unreadable: ProposedItemError, which the page shows
    return (draft or proposal.item).actions


@transaction.atomic
def proposal_split(
    *, user: Any, proposal: Proposal, number: str, title: str, move_actions: Sequence[int] = ()
) -> tuple[Proposal, Proposal]:
    """Two items where the extractor saw one: the new one gets ``title`` and the chosen actions (by index
    into ``split_actions``).

    A saved draft is split with it: the first part keeps the draft (less the actions moved) as its own
    draft, and the actions moved from the draft go to the new part, so no correction is lost. The first
    part's proposed values leave out the proposed actions of the same text as those moved.
    """
    review = proposal.review
    _require(user, review, proposal)
    _pending(proposal)
    if not " ".join(title.split()):
        raise ValidationError(SPLIT_TITLE_REQUIRED)
    item = proposed(proposal)
    draft = working_values(proposal) if proposal.draft is not None else None
    chosen = (draft or item).actions
    moved = {i for i in move_actions if 0 <= i < len(chosen)}
    taken = [a for i, a in enumerate(chosen) if i in moved]
    kept = tuple(a for i, a in enumerate(chosen) if i not in moved)
    first = replace(item, actions=kept if draft is None else _less(item.actions, taken))
    first_draft = None if draft is None else replace(draft, actions=kept)
    second = ProposedItem(
        number=number.strip() or None,
        title=" ".join(title.split()),
        outcome=Outcome.UNCLEAR,
        source=item.source,
        actions=tuple(taken),
    )
    _decided(proposal, user, ProposalStatus.SPLIT, None)
    proposal.save()
    parts = (
        _derive(review, [proposal], first, proposal.position, proposal.target_item, first_draft),
        _derive(review, [proposal], second, proposal.position, None),
    )
    _audit(user, review, "split", [proposal])
    return parts


def _less(actions: Sequence[ProposedAction], taken: Sequence[ProposedAction]) -> tuple[ProposedAction, ...]:
    """``actions`` less one action with the same text as each action in ``taken`` (the proposed action a
    drafted one was corrected from, its owner or date perhaps changed)."""
    left = list(actions)
    for action in taken:
        same = next((a for a in left if a.text == action.text), None)
        if same is not None:
            left.remove(same)
    return tuple(left)


def _merged(items: Sequence[ProposedItem]) -> ProposedItem:
    """One item from several: the first one's heading, everyone's resolutions and actions in order."""
    resolutions = [item.resolution for item in items if item.resolution]
    return replace(
        items[0],
        resolution="\n\n".join(resolutions) or None,
        actions=tuple(a for item in items for a in item.actions),
    )


def merge_left_out(proposals: Sequence[Proposal]) -> list[str]:
    """What merging ``proposals`` would not carry over of the corrections saved on them, in words: a
    merged item takes the first one's heading, so a corrected number, title or outcome of a later one is
    not kept (its resolution and actions are)."""
    chosen = sorted(proposals, key=lambda p: (p.position, p.pk))
    notes = []
    for proposal in chosen[1:]:
        if proposal.draft is None:
            continue
        draft, item = working_values(proposal), proposed(proposal)
        if (draft.number, draft.title, draft.outcome) != (item.number, item.title, item.outcome):
            heading = f"{draft.number or ''} {draft.title}".strip()
            notes.append(HEADING_LEFT_OUT.format(proposal=proposal, heading=heading))
    return notes


@transaction.atomic
def proposals_merge(*, user: Any, review: Review, proposals: Sequence[Proposal]) -> Proposal:
    """One item where the extractor saw several: the first one's heading, everything's text and actions.

    Where any of them has a saved draft, the merged proposal gets a draft too: the same merge of what
    each would be accepted as (its draft, else what was proposed). ``merge_left_out`` says what of the
    drafts a merge cannot keep."""
    _require(user, review, *proposals)
    chosen = _chosen(review, proposals)
    if len(chosen) < 2:
        raise ValidationError(MERGE_TWO)
    merged = _merged([proposed(p) for p in chosen])
    drafted = any(p.draft is not None for p in chosen)
    draft = _merged([working_values(p) for p in chosen]) if drafted else None
    for proposal in chosen:
        _decided(proposal, user, ProposalStatus.MERGED, None)
        proposal.save()
    target = next((p.target_item for p in chosen if p.target_item is not None), None)
    result = _derive(review, chosen, merged, chosen[0].position, target, draft)
    _audit(user, review, "merged", chosen)
    return result


@transaction.atomic
def review_set_meeting(
    *, user: Any, review: Review, meeting: Meeting | None = None, start: datetime.datetime | None = None
) -> Review:
    """Say which meeting a body's uploaded minutes record: an existing one, or a new one at ``start``.

    Pending proposals are matched again to the chosen meeting's items.
    """
    from traction.intake.matching import match_to_items

    _require(user, review)
    if meeting is None:
        meeting = record_create(
            actor=user,
            partnership=review.partnership,
            model=Meeting,
            data={"body": review.body, "start": start, "status": "held"},
        )
    elif meeting.partnership_id != review.partnership_id or meeting.body_id != review.body_id:
        raise ValidationError(NOT_IN_REVIEW)
    previous, review.meeting = review.meeting, meeting
    review.save(update_fields=["meeting"])
    if review.source_document is not None and review.source_document.meeting_id is None:
        review.source_document.meeting = meeting
        review.source_document.save(update_fields=["meeting"])
    pending = list(review.proposals.filter(status=ProposalStatus.PENDING).order_by("position", "id"))
    targets = match_to_items(list(meeting.items.all()), [proposed(p) for p in pending])
    for proposal, target in zip(pending, targets, strict=True):
        proposal.target_item = target
        proposal.save(update_fields=["target_item"])
    audit_record(
        actor=user,
        partnership=review.partnership,
        verb="set meeting",
        instance=review,
        changes={"meeting": [str(previous) if previous else None, str(meeting)]},
    )
    return review

"""Writes of the trust pulse: waves, answers, comment releases, follow-ups, closing and publishing.

One transaction each, audited inside it. An answer writes two rows together: a participation that says
this person has answered (so nobody answers twice; its audit event names them) and a response holding the
answers, which names nobody and is never audited on its own, so nothing ties the two together. Follow-up
actions are written into the governance record on the wave's behalf (``policy.ON_BEHALF_OF``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.core.services import record_create, record_update
from traction.governance.models import Body, Person
from traction.governance.workflows import ActionSpec, actions_record
from traction_analysis.anonymity import count_shown
from traction_analysis.direction import pulse as pure

from ..models import PulseFollowUp, PulseParticipation, PulseResponse, PulseWave, WaveStatus
from ..selectors.pulse import comment_token, wave_results

NOT_OPEN = "This pulse is not open for answers (it is {status})."
NOT_YET_OPEN = "This pulse opens on {date:%-d %B %Y}."
PAST_CLOSING = "This pulse closed for answers on {date:%-d %B %Y}."
ALREADY_ANSWERED = "You have already answered this pulse: each person answers once."
EMPTY_ANSWER = "Answer at least one question."
BAD_ANSWER = "“{text}” needs a whole number from {low} to {high}."
NOT_EDITABLE = "Only an open pulse can be changed; this one is {status}."
QUESTIONS_FIXED = "People have already answered, so the questions can no longer be changed."
NOT_CLOSABLE = "Only an open pulse can be closed; this one is {status}."
NOT_PUBLISHABLE = "Close the pulse before publishing it; this one is {status}."
NEEDS_FOLLOW_UP = "Before publishing, follow up every flagged question: {items}."
NOT_FLAGGED = "Follow-ups are for flagged questions only; choose one of them."
ALREADY_FOLLOWED = "That question already has its follow-up."
NOT_CLOSED = "Follow-ups are written once the pulse is closed and before it is published."
FOLLOW_UP_CHOICE = "Write an action or a reason why no action is needed, not both."
NEEDS_BODY = "Choose the body that will carry out the action."
UNKNOWN_COMMENT = "Choose among the comments listed."
NOT_RELEASABLE = (
    "Comments can be released only once the wave is closed and enough people have answered for its "
    "results to be shown."
)


def default_items() -> list[dict[str, str]]:
    return [{"key": i.key, "kind": i.kind, "text": i.text} for i in pure.DEFAULT_ITEMS]


def _items(items: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    try:
        found = pure.items_from(items)
    except ValueError as exc:
        raise ValidationError({"items": str(exc)}) from exc
    if not found:
        raise ValidationError({"items": pure.NO_ITEMS})
    return [{"key": i.key, "kind": i.kind, "text": i.text} for i in found]


def _url(wave: PulseWave) -> str:
    return reverse("direction:pulse-detail", kwargs={"slug": wave.partnership.slug, "pk": wave.pk})


def _locked(wave: PulseWave) -> PulseWave:
    return PulseWave.objects.select_for_update().get(pk=wave.pk)


def _require_change(actor: Any, wave: PulseWave) -> None:
    policy.require(user=actor, partnership=wave.partnership, action="change", object_type="pulsewave")


@transaction.atomic
def wave_create(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> PulseWave:
    items = _items(data.get("items") or default_items())
    return record_create(
        actor=actor,
        partnership=partnership,
        model=PulseWave,
        data={**data, "items": items, "status": WaveStatus.OPEN, "created_by": actor},
    )


@transaction.atomic
def wave_update(
    *, actor: Any, wave: PulseWave, data: Mapping[str, Any], seen: str | None = None
) -> PulseWave:
    """Change an open wave; its questions only until the first answer."""
    _require_change(actor, wave)
    locked = _locked(wave)
    if locked.status != WaveStatus.OPEN:
        raise ValidationError(NOT_EDITABLE.format(status=locked.get_status_display().lower()))
    data = dict(data)
    if "items" in data:
        data["items"] = _items(data["items"])
        if data["items"] != locked.items and locked.responses.exists():
            raise ValidationError({"items": QUESTIONS_FIXED})
    return record_update(actor=actor, instance=wave, data=data, seen=seen)


def group_of(*, user: Any, partnership: Partnership) -> str:
    """The kind of organisation the person belongs to (their governance record's person, linked to their
    account), or blank when the account has no person or the person no organisation."""
    person = (
        Person.objects.filter(partnership=partnership, user=user.pk, organisation__isnull=False)
        .select_related("organisation")
        .first()
    )
    return person.organisation.kind if person and person.organisation else ""


def _check_answers(items: Iterable[pure.Item], answers: Mapping[str, Any]) -> dict[str, int]:
    kept: dict[str, int] = {}
    for item in items:
        value = answers.get(item.key)
        if item.kind == pure.OPEN or value in (None, ""):
            continue
        if not pure.valid_answer(item, value):
            low, high = pure.RANGES[item.kind]
            raise ValidationError({item.key: BAD_ANSWER.format(text=item.text, low=low, high=high)})
        kept[item.key] = value
    return kept


def _check_open(wave: PulseWave, today: datetime.date) -> None:
    if wave.status != WaveStatus.OPEN:
        raise ValidationError(NOT_OPEN.format(status=wave.get_status_display().lower()))
    if wave.opens_on and today < wave.opens_on:
        raise ValidationError(NOT_YET_OPEN.format(date=wave.opens_on))
    if wave.closes_on and today > wave.closes_on:
        raise ValidationError(PAST_CLOSING.format(date=wave.closes_on))


@transaction.atomic
def pulse_answer(*, actor: Any, wave: PulseWave, answers: Mapping[str, Any], comment: str = "") -> None:
    """Answer once: a participation naming the person and a response naming nobody, written together."""
    policy.require(user=actor, partnership=wave.partnership, action="add", object_type="pulseresponse")
    locked = _locked(wave)
    _check_open(locked, timezone.localdate())
    if PulseParticipation.objects.filter(wave=locked, user=actor.pk).exists():
        raise ValidationError(ALREADY_ANSWERED)
    kept = _check_answers(pure.items_from(locked.items), answers)
    if not kept and not comment.strip():
        raise ValidationError(EMPTY_ANSWER)
    try:
        with transaction.atomic():
            participation = PulseParticipation.objects.create(
                partnership=locked.partnership, wave=locked, user=actor
            )
    except IntegrityError as exc:  # a second answer sent at the same moment
        raise ValidationError(ALREADY_ANSWERED) from exc
    PulseResponse.objects.create(
        partnership=locked.partnership,
        wave=locked,
        answers=kept,
        group=group_of(user=actor, partnership=locked.partnership),
        comment=comment.strip(),
    )
    # The audit says who answered, never what: the response itself is not audited.
    audit_record(actor=actor, partnership=locked.partnership, verb="answered", instance=participation)


@transaction.atomic
def comments_release(*, actor: Any, wave: PulseWave, tokens: Iterable[str]) -> int:
    """Release these comments (named by ``selectors.pulse.comment_token``) for the results page; the audit
    counts them and names none."""
    _require_change(actor, wave)
    locked = _locked(wave)
    if locked.status == WaveStatus.OPEN or count_shown(range(locked.responses.count()), k=locked.k) is None:
        raise ValidationError(NOT_RELEASABLE)
    wanted = set(tokens)
    pending = {comment_token(r.pk): r for r in locked.responses.exclude(comment="").filter(released=False)}
    if wanted - set(pending):
        raise ValidationError(UNKNOWN_COMMENT)
    chosen = [pending[t].pk for t in wanted]
    PulseResponse.objects.filter(pk__in=chosen).update(released=True)
    audit_record(
        actor=actor,
        partnership=locked.partnership,
        verb="released comments",
        instance=locked,
        changes={"comments released": [None, len(chosen)]},
    )
    return len(chosen)


@transaction.atomic
def wave_close(*, actor: Any, wave: PulseWave) -> PulseWave:
    _require_change(actor, wave)
    locked = _locked(wave)
    if locked.status != WaveStatus.OPEN:
        raise ValidationError(NOT_CLOSABLE.format(status=locked.get_status_display().lower()))
    return _transition(actor, locked, to=WaveStatus.CLOSED, stamp="closed_at", verb="closed")


def missing_follow_ups(wave: PulseWave) -> list[pure.Item]:
    """The flagged items of the wave without a follow-up yet; none while the wave is open, because which items
    are flagged is a result, and nobody sees results while answers still come in."""
    if wave.status == WaveStatus.OPEN:
        return []
    done = set(wave.follow_ups.values_list("item", flat=True))
    return [r.item for r in wave_results(wave).items if r.flagged and r.item.key not in done]


@transaction.atomic
def wave_publish(*, actor: Any, wave: PulseWave) -> PulseWave:
    """Publish the results to everyone who sees waves; refused while a flagged item has no follow-up."""
    _require_change(actor, wave)
    locked = _locked(wave)
    if locked.status != WaveStatus.CLOSED:
        raise ValidationError(NOT_PUBLISHABLE.format(status=locked.get_status_display().lower()))
    missing = missing_follow_ups(locked)
    if missing:
        raise ValidationError(NEEDS_FOLLOW_UP.format(items="; ".join(f"“{i.text}”" for i in missing)))
    return _transition(actor, locked, to=WaveStatus.PUBLISHED, stamp="published_at", verb="published")


def _transition(actor: Any, wave: PulseWave, *, to: str, stamp: str, verb: str) -> PulseWave:
    before = wave.status
    wave.status = to
    setattr(wave, stamp, timezone.now())
    wave.save(update_fields=["status", stamp])
    audit_record(
        actor=actor,
        partnership=wave.partnership,
        verb=verb,
        instance=wave,
        changes={"status": [before, to]},
    )
    return wave


@transaction.atomic
def follow_up_record(
    *,
    actor: Any,
    wave: PulseWave,
    item: str,
    reason: str = "",
    action_text: str = "",
    due_date: datetime.date | None = None,
    body: Body | None = None,
) -> PulseFollowUp:
    """Follow up a flagged item: an action in the governance record (the wave its source), or a reason."""
    policy.require_write(user=actor, partnership=wave.partnership, action="add", model=PulseFollowUp)
    locked = _locked(wave)
    if locked.status != WaveStatus.CLOSED:
        raise ValidationError(NOT_CLOSED)
    if item not in {i.key for i in missing_follow_ups(locked)}:
        done = locked.follow_ups.filter(item=item).exists()
        raise ValidationError({"item": ALREADY_FOLLOWED if done else NOT_FLAGGED})
    if action_text.strip() and reason.strip():
        raise ValidationError(FOLLOW_UP_CHOICE)
    action = None
    if action_text.strip():
        if body is None:
            raise ValidationError({"body": NEEDS_BODY})
        spec = ActionSpec(action_text.strip(), due_date, {"pulse_wave": locked.pk, "item": item})
        [action] = actions_record(actor=actor, source=locked, body=body, actions=[spec], url=_url(locked))
    return record_create(
        actor=actor,
        partnership=locked.partnership,
        model=PulseFollowUp,
        data={"wave": locked, "item": item, "action": action, "reason": reason.strip(), "created_by": actor},
    )

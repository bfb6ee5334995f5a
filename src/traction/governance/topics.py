"""Topics of a partnership's agenda items: read them, correct them, and suggest them.

A topic is the key in ``AgendaItem.topic`` that items about one subject share; the diagnosis signals
(deferral loops, recurring topics, pass the parcel) group by it, so a correction here changes them at
once. Writes are services: one transaction, one audit event, and ``change`` permission on agenda
items (secretaries and admins). Suggestions come from the pure linking engine
(``traction_analysis.diagnosis.topics``) and are only written when a person accepts them, or when an
importer asks for them on its new items; a confirmed topic is never changed by a suggestion.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.governance.models import AgendaItem, TopicConfirmation
from traction_analysis.diagnosis.topics import TopicInput, assign_topics

KEY_LENGTH = 120
SAME_KEY = "The new name is the same as the current one."
KEY_TAKEN = "A topic called “{key}” already exists. Merge into it instead."
KEY_INVALID = "Use lower-case letters, numbers and hyphens only, for example “winter-pressures”."
KEY_TOO_LONG = f"Use at most {KEY_LENGTH} characters."
MERGE_INTO_ITSELF = "A topic cannot be merged into itself. Choose another topic."
NO_SUCH_TOPIC = "There is no topic “{key}” in this partnership."
NOTHING_TO_SPLIT = "Select at least one item to split off."
SPLIT_EVERYTHING = "Leave at least one item in the topic. To move every item, rename the topic instead."
NOT_IN_TOPIC = "Item {pk} is not in the topic “{key}”."
ALREADY_CONFIRMED = "This topic is already confirmed."
NOTHING_ACCEPTED = "Select at least one suggestion to accept."
SUGGESTION_GONE = (
    "The suggestions have changed since the page was shown (item {pk}). Nothing was changed: "
    "review the new suggestions."
)


# --- reading ------------------------------------------------------------------------------------------------


@dataclass
class TopicSummary:
    key: str
    items: int = 0
    bodies: list[str] = field(default_factory=list)
    meetings: int = 0
    first: datetime.date | None = None
    last: datetime.date | None = None
    confirmed: bool = False
    item_pk: int = 0  # the topic's first item: its page is the topic's page


def _readable(user: Any, partnership: Partnership) -> QuerySet[AgendaItem]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=AgendaItem)


def confirmed_keys(partnership: Partnership) -> set[str]:
    return set(TopicConfirmation.objects.filter(partnership=partnership).values_list("key", flat=True))


def topic_list_for(*, user: Any, partnership: Partnership) -> list[TopicSummary]:
    """Every topic that has items, most items first, then by key."""
    rows = (
        _readable(user, partnership)
        .exclude(topic="")
        .order_by("meeting__start", "order", "pk")
        .values_list("pk", "topic", "meeting_id", "meeting__start", "meeting__body__name")
    )
    confirmed = confirmed_keys(partnership)
    topics: dict[str, TopicSummary] = {}
    meetings: dict[str, set[int]] = defaultdict(set)
    for pk, key, meeting, start, body in rows:
        summary = topics.setdefault(key, TopicSummary(key, confirmed=key in confirmed, item_pk=pk))
        summary.items += 1
        if body not in summary.bodies:
            summary.bodies.append(body)
        meetings[key].add(meeting)
        day = timezone.localtime(start).date()
        summary.first = summary.first or day
        summary.last = day
    for key, summary in topics.items():
        summary.meetings = len(meetings[key])
    return sorted(topics.values(), key=lambda t: (-t.items, t.key))


def topic_of(*, user: Any, partnership: Partnership, pk: object) -> str:
    """The topic of agenda item ``pk``: 404 when the item is not readable or has no topic."""
    item = policy.get_permitted(user=user, partnership=partnership, action="view", model=AgendaItem, pk=pk)
    if not item.topic.strip():
        raise Http404(policy.NOT_FOUND)
    return item.topic.strip()


def topic_items_for(*, user: Any, partnership: Partnership, key: str) -> QuerySet[AgendaItem]:
    return (
        _readable(user, partnership)
        .filter(topic=key)
        .select_related("meeting__body")
        .order_by("meeting__start", "order", "pk")
    )


def topic_is_confirmed(*, partnership: Partnership, key: str) -> bool:
    return TopicConfirmation.objects.filter(partnership=partnership, key=key).exists()


# --- correcting ---------------------------------------------------------------------------------------------


def clean_key(value: str) -> str:
    """A topic key as stored: a slug of at most ``KEY_LENGTH`` characters (ValidationError otherwise)."""
    key = value.strip()
    if len(key) > KEY_LENGTH:
        raise ValidationError(KEY_TOO_LONG)
    try:
        validate_slug(key)
    except ValidationError as exc:
        raise ValidationError(KEY_INVALID) from exc
    return key


def _require_change(actor: Any, partnership: Partnership) -> None:
    policy.require(user=actor, partnership=partnership, action="change", object_type="agendaitem")


def _items(partnership: Partnership, key: str) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(partnership=partnership, topic=key).order_by(
        "meeting__start", "order", "pk"
    )


def _existing(partnership: Partnership, key: str) -> QuerySet[AgendaItem]:
    items = _items(partnership, key)
    if not items.exists():
        raise ValidationError(NO_SUCH_TOPIC.format(key=key))
    return items


def _audit(actor: Any, partnership: Partnership, verb: str, item: AgendaItem, **changes: Any) -> None:
    audit_record(actor=actor, partnership=partnership, verb=verb, instance=item, changes=changes)


@transaction.atomic
def topic_rename(*, actor: Any, partnership: Partnership, key: str, new_key: str) -> int:
    """Give every item of topic ``key`` the new key (its confirmation moves with it). Returns the count."""
    _require_change(actor, partnership)
    new_key = clean_key(new_key)
    items = _existing(partnership, key)
    if new_key == key:
        raise ValidationError({"new_key": SAME_KEY})
    if AgendaItem.objects.filter(partnership=partnership, topic=new_key).exists():
        raise ValidationError({"new_key": KEY_TAKEN.format(key=new_key)})
    first, pks = items[0], list(items.values_list("pk", flat=True))
    count = AgendaItem.objects.filter(pk__in=pks).update(topic=new_key)
    TopicConfirmation.objects.filter(partnership=partnership, key=new_key).delete()
    TopicConfirmation.objects.filter(partnership=partnership, key=key).update(key=new_key)
    _audit(actor, partnership, "renamed topic", first, topic=[key, new_key], items=pks)
    return count


@transaction.atomic
def topic_merge(*, actor: Any, partnership: Partnership, key: str, into: str) -> int:
    """Move every item of topic ``key`` into topic ``into``; ``key`` no longer exists afterwards."""
    _require_change(actor, partnership)
    if into == key:
        raise ValidationError({"into": MERGE_INTO_ITSELF})
    items = _existing(partnership, key)
    if not AgendaItem.objects.filter(partnership=partnership, topic=into).exists():
        raise ValidationError({"into": NO_SUCH_TOPIC.format(key=into)})
    first, pks = items[0], list(items.values_list("pk", flat=True))
    count = AgendaItem.objects.filter(pk__in=pks).update(topic=into)
    TopicConfirmation.objects.filter(partnership=partnership, key=key).delete()
    _audit(actor, partnership, "merged topic", first, topic=[key, into], items=pks)
    return count


@transaction.atomic
def topic_split(
    *, actor: Any, partnership: Partnership, key: str, items: Collection[int], new_key: str
) -> int:
    """Move the chosen items of topic ``key`` into a new topic ``new_key``; the rest stay."""
    _require_change(actor, partnership)
    new_key = clean_key(new_key)
    current = set(_existing(partnership, key).values_list("pk", flat=True))
    chosen = set(items)
    if not chosen:
        raise ValidationError({"items": NOTHING_TO_SPLIT})
    stray = sorted(chosen - current)
    if stray:
        raise ValidationError({"items": NOT_IN_TOPIC.format(pk=stray[0], key=key)})
    if chosen == current:
        raise ValidationError({"items": SPLIT_EVERYTHING})
    if new_key == key or AgendaItem.objects.filter(partnership=partnership, topic=new_key).exists():
        raise ValidationError({"new_key": KEY_TAKEN.format(key=new_key)})
    pks = sorted(chosen)
    AgendaItem.objects.filter(pk__in=pks).update(topic=new_key)
    TopicConfirmation.objects.filter(partnership=partnership, key=new_key).delete()
    first = _items(partnership, new_key).first()
    assert first is not None
    _audit(actor, partnership, "split topic", first, topic=[key, new_key], items=pks)
    return len(pks)


@transaction.atomic
def topic_confirm(*, actor: Any, partnership: Partnership, key: str) -> TopicConfirmation:
    """Record that a person checked the topic: suggestions will not change its items."""
    _require_change(actor, partnership)
    first = _existing(partnership, key).first()
    assert first is not None
    if TopicConfirmation.objects.filter(partnership=partnership, key=key).exists():
        raise ValidationError(ALREADY_CONFIRMED)
    confirmation = TopicConfirmation(
        partnership=partnership,
        key=key,
        confirmed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    confirmation.full_clean()
    confirmation.save()
    _audit(actor, partnership, "confirmed topic", first, topic=key)
    return confirmation


# --- suggesting ---------------------------------------------------------------------------------------------


def _inputs(partnership: Partnership) -> tuple[list[TopicInput], dict[int, str]]:
    """Every item of the partnership for the linking engine, in meeting order; and each item's topic."""
    papers: dict[int, list[str]] = defaultdict(list)
    for item_id, title in (
        AgendaItem.papers.through.objects.filter(agendaitem__partnership=partnership)
        .order_by("paper__title")
        .values_list("agendaitem_id", "paper__title")
    ):
        papers[item_id].append(title)
    rows = (
        AgendaItem.objects.filter(partnership=partnership)
        .order_by("meeting__start", "order", "pk")
        .values_list(
            "pk",
            "meeting__body_id",
            "meeting__body__name",
            "meeting__start",
            "title",
            "resolution",
            "outcome",
            "number",
            "topic",
        )
    )
    inputs, current = [], {}
    for pk, body, name, start, title, resolution, outcome, number, topic in rows:
        inputs.append(
            TopicInput(
                pk,
                body,
                title,
                outcome == "procedural",
                resolution=resolution,
                papers=tuple(papers[pk]),
                meeting=timezone.localtime(start).date(),
                body_name=name,
                outcome=outcome,
                number=number,
            )
        )
        current[pk] = topic.strip()
    return inputs, current


def _slug(key: str) -> str:
    """The engine's key ("winter pressures plan") as a stored key, cut at a word when it is too long."""
    slug = slugify(key) or "topic"
    return slug if len(slug) <= KEY_LENGTH else slug[: KEY_LENGTH + 1].rsplit("-", 1)[0]


def _group_key(
    members: list[int], engine_key: str, current: Mapping[int, str], confirmed: set[str], used: set[str]
) -> str:
    """A group's key: the commonest confirmed key among its items, else their commonest key, else a new
    slug of the engine's key that no other topic uses."""
    for pool in (
        [current[m] for m in members if current[m] in confirmed],
        [current[m] for m in members if current[m]],
    ):
        if pool:
            counts = Counter(pool)
            return min(counts, key=lambda k: (-counts[k], k))
    key, n = _slug(engine_key), 2
    base = key
    while key in used:
        key, n = f"{base[: KEY_LENGTH - len(str(n)) - 1]}-{n}", n + 1
    used.add(key)
    return key


def topics_suggest_for(
    partnership: Partnership, items: Iterable[AgendaItem | int] | None = None
) -> dict[int, str]:
    """Suggested topic keys, by item id, for items with no topic or an unconfirmed one whose suggested key
    differs. ``items`` narrows the answer (the linking always reads the whole partnership, so a new item
    joins an existing topic). Items of confirmed topics and procedural items get no suggestion."""
    inputs, current = _inputs(partnership)
    found = assign_topics(inputs)
    confirmed = confirmed_keys(partnership)
    groups: dict[str, list[int]] = defaultdict(list)
    for pk, key in found.items():
        if key is not None:
            groups[key].append(int(pk))  # type: ignore[call-overload]
    used = {k for k in current.values() if k} | confirmed
    keys = {
        pk: _group_key(members, engine_key, current, confirmed, used)
        for engine_key, members in groups.items()
        for pk in members
    }
    wanted = None if items is None else {getattr(i, "pk", i) for i in items}
    return {
        pk: key
        for pk, key in keys.items()
        if (wanted is None or pk in wanted) and current[pk] not in confirmed and current[pk] != key
    }


@transaction.atomic
def topic_suggestions_accept(*, actor: Any, partnership: Partnership, accepted: Mapping[int, str]) -> int:
    """Write the suggestions a person accepted (item id → key). Each must still be suggested now; an item of
    another partnership is a 404. Returns how many items changed."""
    _require_change(actor, partnership)
    if not accepted:
        raise ValidationError(NOTHING_ACCEPTED)
    known = set(
        AgendaItem.objects.filter(partnership=partnership, pk__in=list(accepted)).values_list("pk", flat=True)
    )
    if set(accepted) - known:
        raise Http404(policy.NOT_FOUND)
    suggested = topics_suggest_for(partnership, accepted)
    for pk, key in sorted(accepted.items()):
        if suggested.get(pk) != key:
            raise ValidationError(SUGGESTION_GONE.format(pk=pk))
    return _assign(actor, partnership, accepted, verb="accepted topic suggestions")


def _assign(actor: Any, partnership: Partnership, keys: Mapping[int, str], *, verb: str) -> int:
    by_key: dict[str, list[int]] = defaultdict(list)
    for pk, key in keys.items():
        by_key[clean_key(key)].append(pk)
    before = dict(AgendaItem.objects.filter(pk__in=list(keys)).values_list("pk", "topic"))
    for key, pks in sorted(by_key.items()):
        AgendaItem.objects.filter(partnership=partnership, pk__in=pks).update(topic=key)
    first = AgendaItem.objects.filter(pk__in=list(keys)).order_by("meeting__start", "order", "pk").first()
    assert first is not None
    _audit(actor, partnership, verb, first, topics={str(pk): [before[pk], keys[pk]] for pk in sorted(keys)})
    return len(keys)


@transaction.atomic
def topics_apply_suggestions(
    *, user: Any, partnership: Partnership, items: Iterable[AgendaItem | int]
) -> dict[int, str]:
    """Give those of ``items`` (new ones, from an importer) that have no topic yet the suggested topic at
    once. An item that already has a topic keeps it: changing one is for a person to accept on the
    suggestions page. Returns what was written, by item id."""
    _require_change(user, partnership)
    wanted = [i if isinstance(i, int) else i.pk for i in items]
    if AgendaItem.objects.filter(pk__in=wanted).exclude(partnership=partnership).exists():
        raise Http404(policy.NOT_FOUND)
    blank = set(AgendaItem.objects.filter(pk__in=wanted, topic__regex=r"^\s*$").values_list("pk", flat=True))
    suggested = {pk: key for pk, key in topics_suggest_for(partnership, wanted).items() if pk in blank}
    if suggested:
        _assign(user, partnership, suggested, verb="assigned topics")
    return suggested

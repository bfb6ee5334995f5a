"""The shape of a demo partnership: plain, frozen data that the builder turns into records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cadence:
    """When a body meets: the ``nth`` ``weekday`` of every ``months`` months, or every ``weeks`` weeks."""

    weekday: int  # Monday is 0
    months: int = 0
    nth: int = 1
    weeks: int = 0
    skip_months: tuple[int, ...] = ()


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    title: str
    subject: str  # a noun phrase for resolution and action wording: "the {subject}"
    org: str = ""  # key of the organisation that writes its papers
    outcome: str = ""  # standing items only: what the body usually does with it
    every: int = 1  # standing items only: on every n-th meeting


@dataclass(frozen=True)
class Step:
    body: str
    outcome: str


@dataclass(frozen=True)
class Storyline:
    """A topic followed across consecutive meetings, to show a pattern the signals should find."""

    topic: TopicSpec
    months_ago: int
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class BodySpec:
    key: str
    name: str
    kind: str
    noun: str  # how the minutes name the body: "the Board", "the Group"
    prefix: str
    numbering: str  # "year" (HWB 25/07), "running" (134.) or "per_meeting" (4.)
    cadence: Cadence
    start_time: tuple[int, int]
    duration: int
    location: str
    purpose: str
    substantive: tuple[int, int]  # how many substantive items a held meeting has
    parent: str | None = None
    first_number: int = 1
    standing: tuple[TopicSpec, ...] = ()
    pool: tuple[TopicSpec, ...] = ()


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    role_title: str
    org: str
    seats: tuple[tuple[str, str], ...] = ()  # (body key, BodyMembership role)


@dataclass(frozen=True)
class UserSpec:
    username: str
    role: str
    person: str  # key of the person the user is in the record


@dataclass(frozen=True)
class PartnershipSpec:
    slug: str
    name: str
    description: str
    seed: int
    organisations: tuple[tuple[str, str, str], ...]  # (key, name, OrganisationKind)
    people: tuple[PersonSpec, ...]
    bodies: tuple[BodySpec, ...]
    users: tuple[UserSpec, ...]
    storylines: tuple[Storyline, ...] = ()
    cancelled: tuple[tuple[str, int], ...] = ()  # (body key, months ago): the meeting nearest is cancelled
    history_months: int = 18  # how far back its meetings go


def topic(
    slug: str, title: str, subject: str, org: str = "", *, outcome: str = "", every: int = 1
) -> TopicSpec:
    return TopicSpec(slug=slug, title=title, subject=subject, org=org, outcome=outcome, every=every)


def steps(*pairs: str) -> tuple[Step, ...]:
    """``steps("hwb:deferred", "hwb:decided")`` → two steps."""
    return tuple(Step(*pair.split(":")) for pair in pairs)

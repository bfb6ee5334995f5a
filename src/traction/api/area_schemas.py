"""What the API answers about topics, a body's signals, the shared direction, stakeholders and programmes.

Each shape holds what the matching web page shows its reader, no more: figures that are not shown for want of
data are ``null``, and people appear by name only.
"""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from traction.api.schemas import Page, Ref


class TopicOut(Schema):
    key: str = Field(description="The topic's key, shared by the agenda items about one subject.")
    items: int = Field(description="How many agenda items you may read carry it.")
    meetings: int
    bodies: list[str] = Field(description="The bodies it came up at, in the order it first did.")
    first: datetime.date | None
    last: datetime.date | None
    confirmed: bool = Field(description="A person checked that its items are one subject.")


class TopicPage(Page):
    items: list[TopicOut]


class TopicItemOut(Schema):
    id: int
    meeting_id: int
    body: Ref
    date: datetime.date
    number: str
    title: str
    outcome: str
    resolution: str


class TopicItemPage(Page):
    items: list[TopicItemOut]


class PeriodOut(Schema):
    kind: str = Field(description="quarter, year or custom.")
    start: datetime.date
    end: datetime.date = Field(description="The last day of the period (included).")
    label: str
    chosen_for_you: bool = Field(
        description="No period was asked for: the latest one with enough minutes, as on the web page."
    )


class SignalOut(Schema):
    name: str
    label: str
    unit: str = Field(description="share (0 to 1), topics, pages, rate (items an hour) or days.")
    needs: str = Field(description="What the figure needs before it is shown.")
    value: float | None = Field(description="The figure; null when there is not enough data to show it.")
    text: str = Field(description="The figure as the page reads it, or “Not enough data”.")
    numerator: float | None = Field(description="Behind a share or a count, when the figure is shown.")
    denominator: float | None
    history: list[float | None] = Field(description="The figure in each period before, oldest first.")
    own_average: str = Field(description="The average of the periods before with enough data, as worded.")
    median_of_others: str = Field(description="The median of the other bodies with enough data, as worded.")


class FindingOut(Schema):
    signal: str
    headline: str
    text: str
    experiments: list[str]


class SignalsOut(Schema):
    body: Ref
    period: PeriodOut
    previous_periods: list[str] = Field(description="The labels of the periods in ``history``, oldest first.")
    as_of: datetime.date
    signals: list[SignalOut]
    findings: list[FindingOut]


class StatementOut(Schema):
    id: int
    title: str
    text: str
    status: str
    order: int
    agreed_item_id: int | None = Field(description="The decision that agreed it.")


class PrincipleOut(StatementOut):
    pass


class OutcomeOut(StatementOut):
    goal: Ref | None
    owner: Ref | None
    indicator_ids: list[int]


class PrinciplePage(Page):
    items: list[PrincipleOut]


class OutcomePage(Page):
    items: list[OutcomeOut]


class LatestOut(Schema):
    period: str | None
    value: float | None
    travel: str | None = Field(description="Improving, worsening, no significant change, or no judgement.")
    comparison: str | None = Field(description="Against the benchmark area, for the latest period.")


class IndicatorOut(Schema):
    id: int
    title: str
    description: str
    level: str
    question: str
    polarity: str
    unit: str
    source: str
    area_code: str
    area_name: str
    benchmark_code: str
    benchmark_name: str
    baseline_period: str
    target: float | None
    target_period: str
    outcome_ids: list[int]
    latest: LatestOut


class IndicatorPage(Page):
    items: list[IndicatorOut]


class StrategyOut(Schema):
    id: int
    title: str
    scope: str
    lead_body: Ref
    lead_officer: Ref | None
    phase: str
    iteration: int
    phase_since: datetime.date | None
    next_gate_on: datetime.date | None
    stopped_on: datetime.date | None
    budget: float | None = Field(description="The annual budget in pounds.")
    pending_gates: int
    outcome_ids: list[int]
    indicator_ids: list[int]


class StrategyPage(Page):
    items: list[StrategyOut]


class StakeholderOut(Schema):
    id: int
    name: str
    kind: str
    organisation: Ref | None
    person: Ref | None = Field(description="The person of the record this stakeholder is: by name only.")
    description: str
    stance: str | None = Field(description="The latest assessed stance; null while not yet assessed.")
    desired_stance: str | None
    quadrant: str | None = Field(description="Of power and interest, from the latest assessment.")
    assessed_on: datetime.date | None


class StakeholderPage(Page):
    items: list[StakeholderOut]


class ProgrammeOut(Schema):
    id: int
    title: str
    description: str
    lead: Ref | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    cohorts: int
    enrolled: int = Field(description="Enrolments across its cohorts.")
    outcome_ids: list[int]


class ProgrammePage(Page):
    items: list[ProgrammeOut]

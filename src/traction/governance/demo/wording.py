"""Clerk's wording for resolutions, procedural items, actions and progress notes.

Placeholders: {noun} the body as the minutes name it ("Board"), {subject} a topic's noun phrase,
{other} another body's name, {next} the month of the body's next meeting.
"""

from __future__ import annotations

RESOLUTIONS: dict[str, tuple[str, ...]] = {
    "decided": (
        "RESOLVED – That the {noun} approves the {subject}.",
        "RESOLVED – That the {noun} (1) notes the report; and (2) approves the recommendations set out in "
        "section 5, subject to the comments made at the meeting.",
        "The {noun} APPROVED the {subject} and asked that progress be reported back in six months.",
        "RESOLVED – That the {subject} be endorsed and recommended to partner organisations' boards for "
        "adoption.",
        "RESOLVED – That the {noun} agrees the proposed approach to the {subject}, including funding of "
        "£{amount}k from the Better Care Fund.",
        "RESOLVED – That the {subject} be approved, and that authority be delegated to the Chair, in "
        "consultation with the Vice-Chair, to agree minor amendments before publication.",
    ),
    "noted": (
        "RESOLVED – That the report be noted.",
        "The {noun} NOTED the report.",
        "The {noun} RECEIVED the update on the {subject} and noted the progress made.",
        "The {noun} considered the report on the {subject} and NOTED the current position and the risks "
        "highlighted.",
        "RESOLVED – That the contents of the report be noted.",
        "The {noun} NOTED the presentation and thanked officers for the update.",
    ),
    "deferred": (
        "RESOLVED – That consideration of the {subject} be deferred to the {next} meeting.",
        "The item was DEFERRED to the {next} meeting as the paper had not been circulated five clear working "
        "days in advance.",
        "DEFERRED – The Chair agreed that the {subject} be brought back to the {next} meeting with the "
        "financial implications set out.",
        "The {noun} agreed to defer the item to allow further discussion with partners; to come back in "
        "{next}.",
    ),
    "referred": (
        "RESOLVED – That the {subject} be referred to the {other} for consideration.",
        "The {noun} REFERRED the matter to the {other} to develop options.",
        "The {noun} asked that the {subject} be considered by the {other} before any decision is taken.",
    ),
    "unclear": (
        "Members discussed the {subject}. Points raised included workforce capacity, the timing of the next "
        "stage and how the voluntary sector would be involved.",
        "A presentation was given on the {subject}. The Chair thanked the presenters.",
        "Discussion took place on the {subject}; members raised questions about data quality and the pace of "
        "change.",
    ),
}

# (title, purpose, minutes allotted) for the items that open and close every meeting.
OPENING = (
    ("Apologies for absence", "information", 2),
    ("Declarations of interest", "information", 2),
    ("Minutes of the previous meeting", "decision", 5),
    ("Matters arising and action log", "discussion", 10),
)
CLOSING = (
    ("Any other business", "information", 5),
    ("Date of next meeting", "information", 2),
)

NO_APOLOGIES = "There were no apologies for absence."
APOLOGIES = "Apologies for absence were received from {names}."
NO_INTERESTS = "There were no declarations of interest."
INTEREST = (
    "{name} declared a non-pecuniary interest in the items relating to {org}, as a trustee of that "
    "organisation, and took no part in the discussion on them."
)
MINUTES = (
    "RESOLVED – That the minutes of the meeting held on {date} be approved as a correct record and "
    "signed by the Chair."
)
MATTERS_ARISING = (
    "The {noun} reviewed the action log. Updates were noted against each open action and "
    "completed actions were removed from the log."
)
NO_OTHER_BUSINESS = "There was no other business."
NEXT_MEETING = "The next meeting will be held on {date} at {time}."

# Verb phrases; "{lead} to …" when the action names its lead, the phrase alone when it does not.
ACTIONS: dict[str, tuple[str, ...]] = {
    "decided": (
        "circulate the approved {subject} to all partner organisations",
        "publish the {subject} on the partnership website",
        "develop an implementation plan for the {subject} and report progress to the {noun}",
        "submit the {subject} to NHS England by the national deadline",
        "confirm each partner's funding contribution for the {subject}",
        "write to partner chief executives confirming the {subject} arrangements",
        "set up a task and finish group to oversee delivery of the {subject}",
    ),
    "noted": (
        "share the {subject} data broken down by primary care network",
        "bring a short update on the {subject} to the next meeting",
        "arrange a development session for members on the {subject}",
        "add the {subject} to the forward plan for a fuller discussion",
    ),
    "deferred": (
        "bring a revised paper on the {subject} to the next meeting",
        "complete the equality impact assessment for the {subject} before it returns",
        "agree the financial model for the {subject} with finance leads before the next meeting",
    ),
    "referred": (
        "forward the paper on the {subject} to the {other} with the {noun}'s comments",
        "brief the chair of the {other} on the {subject}",
    ),
    "unclear": (
        "follow up the points raised on the {subject} with the report author",
        "circulate the slides on the {subject} to members",
    ),
}

REVISION_REASONS = (
    "Awaiting sign-off by the ICB finance committee.",
    "Paper delayed by the pre-election period.",
    "Lead officer on leave; the Chair agreed a revised date.",
    "Quarter 3 data not yet published nationally.",
    "Depends on the outcome of the bed base review.",
    "Winter pressures; the meeting agreed to revise the date.",
    "Consultation period extended by two weeks.",
    "New lead officer in post; date reset at their request.",
)

UPDATES_OPEN = (
    "Draft shared with partners for comment; responses due by the end of the month.",
    "Discussed with finance leads; costings being revised.",
    "Meeting arranged with the provider to agree next steps.",
    "Delayed by winter pressures; still in progress.",
    "Data request submitted to the business intelligence team.",
    "First draft complete; awaiting comments from the Chair.",
)
UPDATES_DONE = (
    "Complete: circulated to members by email.",
    "Complete: published on the partnership website.",
    "Complete: reported to the meeting and closed.",
    "Complete: letter sent on behalf of the Chair.",
)
UPDATES_CLOSED = (
    "Overtaken by the new national guidance; the meeting agreed to close this action.",
    "Superseded by the action agreed at the following meeting.",
)

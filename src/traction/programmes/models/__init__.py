"""Development programmes and whole-system events: each area's models are in its own module, imported here
so that Django registers them; import a model from its module (``traction.programmes.models.feedback``).

- ``programmes``: programmes, cohorts, sessions, enrolment and attendance;
- ``feedback``: answers after a session, then-and-now self-ratings on learning objectives, follow-ups;
- ``learningsets``: action learning sets, their meetings and their members' confidential notes;
- ``events``: future-scenario events with groups, invitations, tables, agenda and outputs;
- ``calendars``: calendar subscriptions (secret, revocable feed addresses).
"""

from . import calendars, events, feedback, learningsets, programmes  # noqa: F401

"""Stakeholders and structural change: each area's models are in its own module, imported here so that
Django registers them; import a model from its module (``traction.stakeholders.models.network``).

- ``stakeholders``: stakeholders and their appended assessments (power, interest, stance), the engagement log;
- ``options``: rival change options with stakeholders' positions over time, priorities and values exercises;
- ``structures``: localities, organisations' successions, bodies' histories;
- ``network``: relationship surveys and the declared ratings in them (confidential to their facilitators).
"""

from . import network, options, stakeholders, structures  # noqa: F401

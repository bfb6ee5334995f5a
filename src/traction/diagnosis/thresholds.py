"""A partnership's diagnosis thresholds: the selector every diagnosis page reads them through, and the one
service that changes them (admins only: writing them is changing the partnership, see ``policy``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from traction.core import policy, services
from traction.core.models import Partnership
from traction.diagnosis.models import BOUNDS, DiagnosisSettings
from traction_analysis.signals import SignalParams

FIELDS = tuple(BOUNDS)


def diagnosis_settings_for(*, user: Any, partnership: Partnership) -> DiagnosisSettings:
    """The partnership's stored thresholds, or (unsaved) the documented defaults; 404 for a non-member."""
    found = policy.permitted(
        user=user, partnership=partnership, action="view", model=DiagnosisSettings
    ).first()
    if found is None:
        policy.partnership_for(user=user, slug=partnership.slug)  # a non-member gets the 404 here
        found = DiagnosisSettings(partnership=partnership)
    return found


def signal_params_for(*, user: Any, partnership: Partnership) -> SignalParams:
    """The thresholds the signals use for this partnership: one query."""
    return diagnosis_settings_for(user=user, partnership=partnership).params


@transaction.atomic
def diagnosis_settings_update(
    *, actor: Any, partnership: Partnership, data: Mapping[str, int]
) -> DiagnosisSettings:
    """Store the thresholds (creating the row the first time); the audit event records old and new values."""
    policy.require_write(user=actor, partnership=partnership, action="change", model=DiagnosisSettings)
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValueError(services.UNKNOWN_FIELD.format(model="DiagnosisSettings", name=sorted(unknown)[0]))
    current = DiagnosisSettings.objects.select_for_update().filter(partnership=partnership).first()
    if current is None:
        return services.record_create(
            actor=actor, partnership=partnership, model=DiagnosisSettings, data=data
        )
    return services.record_update(actor=actor, instance=current, data=data)

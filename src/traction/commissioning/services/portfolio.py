"""The one write of the portfolio: the partnership's commissioning settings (admins only: writing them is
changing the partnership, see ``policy.CHILD_TYPES``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from traction.core import policy, services
from traction.core.models import Partnership

from ..models import CommissioningSettings

FIELDS = ("stall_days",)


@transaction.atomic
def settings_update(
    *, actor: Any, partnership: Partnership, data: Mapping[str, Any], seen: str | None = None
) -> CommissioningSettings:
    """Store the settings; the audit event records the old and new values."""
    policy.require_write(user=actor, partnership=partnership, action="change", model=CommissioningSettings)
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValueError(
            services.UNKNOWN_FIELD.format(model="CommissioningSettings", name=sorted(unknown)[0])
        )
    current, _ = CommissioningSettings.objects.get_or_create(partnership=partnership)
    return services.record_update(actor=actor, instance=current, data=data, seen=seen)

"""Findings about the partnership as a whole, contributed by the apps built on the governance record.

An app with such findings has a ``findings`` module defining
``partnership_findings(*, user, partnership, today) -> list[PartnershipFinding]`` that reads through the
permission policy like any selector. The diagnosis finds these modules through the app registry, the way the
demo loader finds each app's ``demo`` module, so it imports no app built on it.
"""

from __future__ import annotations

import datetime
import importlib
from types import ModuleType
from typing import Any

from django.apps import apps
from django.http import Http404

from traction.core import policy
from traction.core.models import Partnership
from traction_analysis.diagnosis.findings import PartnershipFinding

HOOK = "partnership_findings"


def findings_hooks() -> list[ModuleType]:
    """Each installed app's ``findings`` module that defines the hook, in ``INSTALLED_APPS`` order."""
    hooks = []
    for config in apps.get_app_configs():
        name = f"{config.name}.findings"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        if hasattr(module, HOOK):
            hooks.append(module)
    return hooks


def partnership_findings_for(
    *, user: Any, partnership: Partnership, today: datetime.date
) -> list[PartnershipFinding]:
    """Every app's findings about the partnership, in app order and each app's own order."""
    if policy.role_of(user=user, partnership=partnership) is None:
        raise Http404(policy.NOT_FOUND)
    found: list[PartnershipFinding] = []
    for hook in findings_hooks():
        found.extend(getattr(hook, HOOK)(user=user, partnership=partnership, today=today))
    return found

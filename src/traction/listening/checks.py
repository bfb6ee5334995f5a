"""Start-up check: without a usable key, listening notes could be neither written nor read."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from traction.listening.crypto import key_problem


@register()
def listening_key_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    problem = key_problem()
    if problem is None:
        return []
    return [
        Error(
            problem,
            hint="Set TRACTION_LISTENING_KEY in the environment (see docs/settings.md).",
            id="listening.E001",
        )
    ]

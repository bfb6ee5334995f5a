from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from traction.core import policy


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The partnership in the URL (already permission-checked by the view) and the user's others."""
    slug = (request.resolver_match.kwargs.get("slug") if request.resolver_match else None) or ""
    partnerships = list(policy.partnerships_of(user=request.user)) if request.user.is_authenticated else []
    current = next((p for p in partnerships if p.slug == slug), None)
    role = policy.role_of(user=request.user, partnership=current) if current else None
    return {"nav_partnerships": partnerships, "nav_partnership": current, "nav_role": role}

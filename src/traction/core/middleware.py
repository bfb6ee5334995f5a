"""Anonymous users reach only the login page, the health check and static files."""
from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import resolve

# Full URL names (namespace included) an anonymous user may open; a test walks every other pattern
# and expects a refusal. The admin's own login page is not here: /admin/ sends strangers to ours.
PUBLIC_URL_NAMES = frozenset({"login", "health"})


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated or self._is_public(request.path_info):
            return self.get_response(request)
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)

    @staticmethod
    def _is_public(path: str) -> bool:
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            match = resolve(path)
        except Exception:  # unknown paths: refuse anonymously rather than reveal a 404 map
            return False
        return match.view_name in PUBLIC_URL_NAMES

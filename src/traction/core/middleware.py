"""Anonymous users reach only the login page, the health check and static files; what a signed-in user
is sent is never stored by a browser or a proxy cache."""
from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import resolve
from django.utils.cache import add_never_cache_headers

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


class NoStoreMiddleware:
    """Every response to a signed-in user says ``Cache-Control: no-store`` (and private, no-cache): notes,
    name keys, codebooks and the record must not stay in a shared computer's cache or a proxy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response

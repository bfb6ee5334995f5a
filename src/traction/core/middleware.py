"""Anonymous users reach only the login page, the health check and static files; what a signed-in user
is sent is never stored by a browser or a proxy cache."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import resolve
from django.utils.cache import add_never_cache_headers

from traction.core.htmx import redirect_page
from traction.core.views import error_page

# Full URL names (namespace included) an anonymous user may open; a test walks every other pattern
# and expects a refusal. The admin's own login page is not here: /admin/ sends strangers to ours.
PUBLIC_URL_NAMES = frozenset(
    {"login", "login-code", "oidc-start", "oidc-callback", "health", "calendar-feed", "reminder-unsubscribe"}
)
# URL namespaces that authenticate each request themselves and answer a stranger with a JSON 401, never a
# login page: the JSON API (traction.api), opened by personal tokens.
SELF_AUTHENTICATING_NAMESPACES = frozenset({"api-v1"})


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated or self._is_public(request.path_info):
            return self.get_response(request)
        login = redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return redirect_page(request, login["Location"])

    @staticmethod
    def _is_public(path: str) -> bool:
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            match = resolve(path)
        except Exception:  # unknown paths: refuse anonymously rather than reveal a 404 map
            return False
        return match.view_name in PUBLIC_URL_NAMES or match.namespace in SELF_AUTHENTICATING_NAMESPACES


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


REQUEST_TOO_BIG = (
    "What you sent was too large: one request may carry at most {mb} MB in all (each file up to "
    "{file_mb} MB). Nothing was read or saved. Go back, send fewer or smaller files, and try again."
)


class RequestSizeMiddleware:
    """Refuse a request whose declared length is over ``TRACTION_MAX_REQUEST_BYTES`` before its body is
    read: a 300 MB upload is answered at once (413) instead of being received to be refused."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django refuses a malformed length itself
        if declared > settings.TRACTION_MAX_REQUEST_BYTES:
            message = REQUEST_TOO_BIG.format(
                mb=settings.TRACTION_MAX_REQUEST_BYTES // (1024 * 1024),
                file_mb=settings.TRACTION_MAX_UPLOAD_BYTES // (1024 * 1024),
            )
            response = error_page(request, {"title": "Too much to send", "message": message}, status=413)
            response["Connection"] = "close"  # the unread body is not waited for
            return response
        return self.get_response(request)

"""htmx helpers: the request type of views that read ``request.htmx`` (django-htmx's middleware sets it on
every request), and the redirect that htmx follows as a whole page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def redirect_page(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect to ``url``. To an htmx request it is ``HX-Redirect`` instead of a 302: htmx would follow a
    302 itself and swap the whole page it got (the sign-in page, say) into the fragment's place; with
    ``HX-Redirect`` the browser goes to ``url`` as a page."""
    if getattr(request, "htmx", False):
        response: HttpResponse = HttpResponseClientRedirect(url)
    else:
        response = HttpResponseRedirect(url)
    patch_vary_headers(response, ["HX-Request"])
    return response

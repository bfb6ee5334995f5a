"""The signed-in user's own API tokens (make one, see it once, list, revoke) and the API's reference page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from traction.api import services
from traction.api.forms import TokenForm
from traction.core import policy
from traction.core.forms import form_submit
from traction.core.twofactor.middleware import second_factor_used
from traction.core.twofactor.services import requirement_applies

TWO_FACTOR_FIRST = (
    "{partnership} requires two-factor sign-in. Set it up (or enter a code) on your Two-factor sign-in page "
    "first, then make the token."
)
REVOKED = "The token “{name}” was revoked: it no longer opens the API."


class TokenListView(View):
    template_name = "api/token_list.html"

    def form(self, data: Any = None) -> TokenForm:
        return TokenForm(data, partnerships=policy.partnerships_of(user=self.request.user).order_by("name"))

    def page(self, form: TokenForm, status: int = 200) -> HttpResponse:
        tokens = services.tokens_of(user=self.request.user)
        return render(
            self.request,
            self.template_name,
            {"title": "API tokens", "form": form, "tokens": tokens},
            status=status,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(self.form())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request.POST)
        made = form_submit(form, self.create)
        if made is None:
            return self.page(form)  # the form with its errors, as every form page of the site
        # Shown here, once: the secret is not stored, so it is not in a redirect, a message or the session.
        return render(
            request,
            "api/token_created.html",
            {"title": "Your new API token", "token": made.token, "secret": made.secret},
        )

    def create(self, data: dict[str, Any]) -> services.NewToken:
        """A token, unless its partnership requires two-factor sign-in of this member and this sign-in did not
        use it (a token would otherwise open, through the API, what the pages keep closed)."""
        partnership = data["partnership"]
        role = policy.role_of(user=self.request.user, partnership=partnership)
        required = requirement_applies(partnership.two_factor_required, role)
        if required and not second_factor_used(self.request):
            raise ValidationError({"partnership": TWO_FACTOR_FIRST.format(partnership=partnership.name)})
        return services.token_create(
            actor=self.request.user, partnership=partnership, name=data["name"], scope=data["scope"]
        )


class TokenRevokeView(View):
    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        token = services.token_get_own(user=request.user, pk=pk)
        return render(request, "api/token_revoke.html", {"title": "Revoke API token", "token": token})

    def post(self, request: HttpRequest, pk: str) -> HttpResponse:
        token = services.token_revoke(
            actor=request.user, token=services.token_get_own(user=request.user, pk=pk)
        )
        messages.success(request, REVOKED.format(name=token.name))
        return redirect(reverse("api:token-list"))


class ApiDocsView(View):
    """Every operation of the OpenAPI document as a plain page of the site (nothing loaded from elsewhere)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        from traction.api.api import api

        schema = api.get_openapi_schema()
        operations = []
        for path, methods in schema["paths"].items():
            for method, operation in methods.items():
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": operation.get("summary", ""),
                        "description": operation.get("description", ""),
                        "parameters": [
                            (p["name"], p["in"], p.get("required", False), p.get("description", ""))
                            for p in operation.get("parameters", [])
                        ],
                        "body": bool(operation.get("requestBody")),
                        "statuses": sorted(operation.get("responses", {})),
                    }
                )
        return render(
            request,
            "api/docs.html",
            {
                "title": "API reference",
                "operations": operations,
                "openapi_url": reverse("api-v1:openapi-json"),
                "version": schema["info"]["version"],
            },
        )

"""Small mixins shared by the governance pages: a form page, a delete page, pagination and ``next``."""
from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from traction.core import policy, services
from traction.core.htmx import HtmxHttpRequest
from traction.core.views import PartnershipView

PROTECTED = ("“{record}” cannot be deleted because {count} other record{s} depend on it ({kinds}). "
             "Delete or move those first. Nothing was deleted.")


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else at the top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, ValidationError(errors))
    else:
        form.add_error(None, exc)


def protected_message(record: object, exc: ProtectedError | RestrictedError) -> str:
    objects = list(getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or [])
    kinds = sorted({str(o._meta.verbose_name_plural) for o in objects})
    return PROTECTED.format(record=record, count=len(objects), s="" if len(objects) == 1 else "s",
                            kinds=", ".join(kinds))


def next_url(request: HttpRequest, default: str) -> str:
    """Where to go after a POST: a same-site path from ``next``, else the default."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return default


def paginate(request: HttpRequest, items: Any, per_page: int = 50) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class GovernanceView(PartnershipView):
    """A page of the governance record: URL helper and the common context."""

    def url(self, name: str, **kwargs: Any) -> str:
        return reverse(f"governance:{name}", kwargs={"slug": self.partnership.slug, **kwargs})

    def require_write(self, model: type[models.Model], action: str) -> None:
        policy.require_write(user=self.request.user, partnership=self.partnership, action=action, model=model)

    def home_crumb(self) -> tuple[str, str]:
        return ("Dashboard", self.url("dashboard"))

    def meeting_crumb(self, meeting: Any, link: bool = True) -> tuple[str, str]:
        label = f"{meeting.date.day} {meeting.date:%B %Y}"
        return (label, self.url("meeting-detail", pk=meeting.pk) if link else "")


class FormPageView(GovernanceView):
    """GET shows the form; POST validates, calls one service, and redirects or shows the errors."""

    form_class: Callable[..., forms.BaseForm]  # a form class that takes the partnership
    model: type[models.Model]
    permission = "add"
    template_name = "governance/record_form.html"
    submit_label = "Save"
    success_message = ""
    object: Any = None

    def load(self) -> None:
        """Fetch what the URL names (through the policy) before the permission check."""
        if "pk" in self.kwargs and self.permission != "add":
            self.object = self.get_permitted(self.model, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": copy.copy(self.object)} if self.object is not None else {}

    def make_form(self, data: Any = None, files: Any = None) -> forms.BaseForm:
        return self.form_class(data, files, partnership=self.partnership, **self.get_form_kwargs())

    def perform(self, form: Any) -> Any:
        raise NotImplementedError

    def success_url(self, result: Any) -> str:
        raise NotImplementedError

    def title(self) -> str:
        return ""

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb()]

    def extra_context(self) -> dict[str, Any]:
        return {}

    def prepare(self) -> None:
        self.load()
        self.require_write(self.model, self.permission)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.prepare()
        return self.page(self.make_form())

    def post(self, request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.prepare()
        form = self.make_form(request.POST, request.FILES)
        result = self.submit(form)
        if result is not None:
            return self.succeeded(result)
        return self.page(form)

    def submit(self, form: forms.BaseForm) -> Any:
        """The service's result, or None when the form or the service refused the input."""
        if not form.is_valid():
            return None
        try:
            return self.perform(form) or True
        except ValidationError as exc:
            apply_errors(form, exc)
            return None

    def succeeded(self, result: Any) -> HttpResponse:
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(next_url(self.request, self.success_url(result)))

    def page(self, form: forms.BaseForm) -> HttpResponse:
        crumbs = [*self.breadcrumbs(), (self.title(), "")]
        return self.render(self.template_name, {"form": form, "title": self.title(), "breadcrumbs": crumbs,
                                                "submit_label": self.submit_label, "object": self.object,
                                                "cancel_url": crumbs[-2][1], **self.extra_context()})


class RecordDeleteView(GovernanceView):
    """Confirm, then delete through ``record_delete``; a protected record gets a clear refusal."""

    model: type[models.Model]
    list_url_name: str
    template_name = "governance/record_delete.html"

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        record = self.get_permitted(self.model, pk)
        self.require_write(self.model, "delete")
        return self.confirm(record)

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        record = self.get_permitted(self.model, pk)
        try:
            services.record_delete(actor=request.user, instance=record)
        except (ProtectedError, RestrictedError) as exc:  # models use both; the user sees one message
            return self.confirm(record, error=protected_message(record, exc))
        messages.success(request, f"“{record}” was deleted.")
        return redirect(self.success_url(record))

    def success_url(self, record: Any) -> str:
        return self.url(self.list_url_name)

    def cancel_url(self, record: Any) -> str:
        return self.success_url(record)

    def confirm(self, record: Any, error: str = "") -> HttpResponse:
        noun = str(self.model._meta.verbose_name)
        return self.render(self.template_name, {
            "record": record, "noun": noun, "error": error, "title": f"Delete {noun}",
            "cancel_url": self.cancel_url(record),
            "breadcrumbs": [self.home_crumb(), (f"Delete {noun}", "")]})

"""The web layer every app builds on: the error pages, the partnership page base with its form and delete
pages, and the small helpers pages share (pagination, ``next``, the protected-record message)."""

from __future__ import annotations

import copy
import datetime
import re
import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, connection, transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.http import require_GET

from traction.core import policy, services
from traction.core.forms import PartnershipSettingsForm, form_submit
from traction.core.htmx import HtmxHttpRequest
from traction.core.models import AuditEvent, FormSubmission, Partnership


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability for load balancers; reveals nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:
        return JsonResponse({"status": "database unavailable"}, status=503)


def error_page(request: HttpRequest, context: dict[str, Any], *, status: int) -> HttpResponse:
    """The error page. It may be rendered before the middleware has set the user (a disallowed Host is
    refused before authentication): the page, which shows who is signed in, then shows nobody."""
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return render(request, "core/error.html", context, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
        request,
        {
            "title": "Page not found",
            "message": "The page or record does not exist, or it is not shared with you.",
        },
        status=404,
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
        request,
        {
            "title": "You cannot do that",
            "message": str(exception) if exception and str(exception) else policy.REFUSED,
        },
        status=403,
    )


TOO_BIG = (
    "What you sent was too large: a form may carry at most {mb} MB of text, and a file up to "
    "{file_mb} MB. Nothing was saved. Go back, shorten it and try again."
)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent)):
        message = TOO_BIG.format(
            mb=round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024, 1),
            file_mb=settings.TRACTION_MAX_UPLOAD_BYTES // (1024 * 1024),
        )
        return error_page(request, {"title": "Too much to send", "message": message}, status=400)
    return error_page(
        request,
        {"title": "Bad request", "message": "The request could not be understood."},
        status=400,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(
        request,
        {
            "title": "Your form could not be sent",
            "message": "The form had expired or did not come from this site. Go back, reload the page "
            "and try again. Nothing was saved.",
        },
        status=403,
    )


PROTECTED = (
    "“{record}” cannot be deleted because {count} other record{s} depend on it ({kinds}). "
    "Delete or move those first. Nothing was deleted."
)


def protected_message(record: object, exc: ProtectedError | RestrictedError) -> str:
    objects = list(getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or [])
    kinds = sorted({str(o._meta.verbose_name_plural) for o in objects})
    return PROTECTED.format(
        record=record, count=len(objects), s="" if len(objects) == 1 else "s", kinds=", ".join(kinds)
    )


def next_url(request: HttpRequest, default: str) -> str:
    """Where to go after a POST: a same-site path from ``next``, else the default."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


PAGE_OUT_OF_RANGE = "There is no page {asked}; this is page {shown} of {pages}."


def paginate(request: HttpRequest, items: Any, per_page: int = 50) -> Page:
    """The page ``?page=`` asks for. A page past the end, or one that is not a number, shows the last or the
    first page, and ``page.notice`` says so (the pagination links show it)."""
    asked = request.GET.get("page")
    page = Paginator(items, per_page).get_page(asked)
    page.notice = ""  # type: ignore[attr-defined]
    if asked is not None and asked != str(page.number):
        page.notice = PAGE_OUT_OF_RANGE.format(  # type: ignore[attr-defined]
            asked=asked[:20], shown=page.number, pages=page.paginator.num_pages
        )
    return page


Crumb = tuple[str, str]


def app_label_of(view: type) -> str:
    config = apps.get_containing_app_config(view.__module__)
    return config.label if config is not None else ""


class PartnershipView(View):
    """Base for every page under /p/<slug>/: resolves the partnership or answers 404.

    ``namespace`` is the URL namespace ``url()`` reverses in; left blank it is the label of the app the
    view is defined in. ``home`` is the first breadcrumb (its label and URL name). ``partial_template``,
    when set, is rendered instead of the page's template for an htmx request (the fragment it swaps in).
    ``form_template`` is the page ``form_page`` renders unless told otherwise.
    """

    namespace = ""
    form_template = "core/record_form.html"
    home: Crumb = ("Dashboard", "governance:dashboard")
    partial_template = ""
    partnership: Partnership

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.partnership = policy.partnership_for(user=request.user, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def url(self, name: str, **kwargs: Any) -> str:
        """``name`` in this app's namespace, or ``"app:name"`` in another's, for this partnership."""
        if ":" not in name:
            name = f"{self.namespace or app_label_of(type(self))}:{name}"
        return reverse(name, kwargs={"slug": self.partnership.slug, **kwargs})

    def home_crumb(self) -> Crumb:
        label, name = self.home
        return (label, self.url(name))

    def allowed(self, action: str, object_type: str) -> bool:
        return policy.allowed(
            user=self.request.user, partnership=self.partnership, action=action, object_type=object_type
        )

    def require(self, action: str, object_type: str) -> None:
        """Refuse (403) unless the user's role may ``action`` this type of record."""
        policy.require(
            user=self.request.user, partnership=self.partnership, action=action, object_type=object_type
        )

    def require_write(self, model: type[Model], action: str) -> None:
        policy.require_write(user=self.request.user, partnership=self.partnership, action=action, model=model)

    def get_permitted(self, model: type[Model], pk: object, action: str = "view") -> Any:
        """The partnership's record this user may ``action``, or 404 (another partnership's, or none)."""
        return policy.get_permitted(
            user=self.request.user, partnership=self.partnership, action=action, model=model, pk=pk
        )

    def render(self, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
        if self.partial_template and getattr(self.request, "htmx", False):
            template = self.partial_template
        context = {"partnership": self.partnership, "can": self.capabilities(), **context}
        return render(self.request, template, context, status=status)

    def form_page(
        self,
        form: forms.BaseForm,
        *,
        title: str,
        breadcrumbs: list[Crumb],
        submit_label: str,
        template: str = "",
        status: int = 200,
        **extra: Any,
    ) -> HttpResponse:
        """A form page: the title ends the breadcrumbs, and Cancel goes back to the crumb before it."""
        return self.render(
            template or self.form_template,
            {
                "form": form,
                "title": title,
                "breadcrumbs": [*breadcrumbs, (title, "")],
                "submit_label": submit_label,
                "cancel_url": breadcrumbs[-1][1],
                **extra,
            },
            status=status,
        )

    def capabilities(self) -> dict[str, dict[str, bool]]:
        """{object_type: {action: bool}} for templates deciding which buttons to show."""
        return {
            object_type: {action: self.allowed(action, object_type) for action in policy.ACTIONS}
            for object_type in policy.OBJECT_TYPES
        }


FORM_TOKEN = re.compile(r"[0-9a-f]{32}")
ALREADY_SENT = "This form had already been sent: nothing was added twice."
FORM_TOKEN_KEPT = datetime.timedelta(days=7)  # a page left open longer than this is a new submission


class FormPageView(PartnershipView):
    """GET shows the form; POST validates, calls one service (``perform``), and redirects or shows the errors.

    ``load`` fetches what the URL names through the policy, then the role's right to ``permission`` the
    ``model`` is checked; a subclass whose rule differs overrides ``prepare``.
    """

    form_class: Callable[..., forms.BaseForm]  # a form class that takes the partnership
    model: type[Model]
    permission = "add"
    creates = False  # a form whose post adds a record though its permission is not "add" (one-time token)
    template_name = "core/record_form.html"
    submit_label = "Save"
    success_message = ""
    # A second button, "Save and add another": after the save the same blank form comes back.
    another_label = ""
    another_message = ""
    object: Any = None

    def load(self) -> None:
        """Fetch what the URL names (through the policy) before the permission check."""
        if "pk" in self.kwargs and self.permission != "add":
            self.object = self.get_permitted(self.model, self.kwargs["pk"])

    def prepare(self) -> None:
        self.load()
        self.require_write(self.model, self.permission)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": copy.copy(self.object)} if self.object is not None else {}

    def make_form(self, data: Any = None, files: Any = None) -> forms.BaseForm:
        return self.form_class(
            data, files, partnership=self.partnership, **self.get_form_kwargs()
        )  # every page form takes the partnership

    def perform(self, form: Any) -> Any:
        raise NotImplementedError

    def success_url(self, result: Any) -> str:
        raise NotImplementedError

    def title(self) -> str:
        return ""

    def breadcrumbs(self) -> list[Crumb]:
        return [self.home_crumb()]

    def extra_context(self) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.prepare()
        return self.page(self.make_form())

    def post(self, request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.prepare()
        form = self.make_form(request.POST, request.FILES)
        token = self.form_token_sent
        if token is None:
            result = self.submit(form)
            return self.succeeded(result) if result is not None else self.page(form)
        return self.submit_once(form, token)

    @property
    def form_token_sent(self) -> str | None:
        """The one-time token of a create form's page, when the post carries a well-formed one."""
        token = self.request.POST.get("form_token", "")
        return token if self.issues_token and FORM_TOKEN.fullmatch(token) else None

    @property
    def issues_token(self) -> bool:
        return self.permission == "add" or self.creates

    def submit_once(self, form: forms.BaseForm, token: str) -> HttpResponse:
        """A create form's post that adds its record once however often it is sent: the token is stored in
        the create's own transaction; a post whose token is already stored (or is being stored by a post
        sent at the same moment) adds nothing and goes to the first post's result."""
        try:
            with transaction.atomic():
                if (first := FormSubmission.objects.filter(token=token).first()) is not None:
                    return self.already_sent(first)
                result = self.submit(form)
                if result is None:
                    return self.page(form)
                response = self.succeeded(result)
                FormSubmission.objects.create(
                    token=token,
                    user_id=int(self.request.user.pk or 0),
                    result_url=(response.get("Location") or self.request.path)[:500],
                )
                FormSubmission.objects.filter(created_at__lt=timezone.now() - FORM_TOKEN_KEPT).delete()
        except IntegrityError:
            first = FormSubmission.objects.filter(token=token).first()
            if first is None:
                raise
            for _ in messages.get_messages(self.request):  # the success note of the post that added nothing
                pass
            return self.already_sent(first)
        return response

    def already_sent(self, first: FormSubmission) -> HttpResponse:
        messages.info(self.request, ALREADY_SENT)
        return redirect(first.result_url or self.request.path)

    def submit(self, form: forms.BaseForm) -> Any:
        """The service's result, or None when the form or the service refused the input."""
        return form_submit(form, lambda data: self.perform(form) or True)

    def succeeded(self, result: Any) -> HttpResponse:
        another = bool(self.another_label) and "another" in self.request.POST
        message = (self.another_message or self.success_message) if another else self.success_message
        if message:
            messages.success(self.request, message)
        if another:
            return redirect(self.request.get_full_path())
        return redirect(next_url(self.request, self.success_url(result)))

    @property
    def seen(self) -> str | None:
        """The version of the record the person saw when the form was shown (``services.version_of``)."""
        return self.request.POST.get("seen") or None

    def page(self, form: forms.BaseForm) -> HttpResponse:
        seen = services.version_of(self.object) if isinstance(self.object, Model) and self.object.pk else ""
        return self.form_page(
            form,
            title=self.title(),
            breadcrumbs=self.breadcrumbs(),
            submit_label=self.submit_label,
            template=self.template_name,
            object=self.object,
            seen=seen,
            form_token=(self.form_token_sent or uuid.uuid4().hex) if self.issues_token else "",
            another_label=self.another_label,
            **self.extra_context(),
        )


class RecordDeleteView(PartnershipView):
    """Confirm, then delete through ``record_delete``; a protected record gets a clear refusal."""

    model: type[Model]
    list_url_name: str
    template_name = "core/record_delete.html"

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

    def warning(self, record: Any) -> str:
        """What else deleting ``record`` deletes with it, when that is more than the record itself ("" for the
        page's plain warning)."""
        return ""

    def confirm(self, record: Any, error: str = "") -> HttpResponse:
        noun = str(self.model._meta.verbose_name)
        return self.render(
            self.template_name,
            {
                "record": record,
                "noun": noun,
                "error": error,
                "warning": self.warning(record),
                "title": f"Delete {noun}",
                "cancel_url": self.cancel_url(record),
                "breadcrumbs": [self.home_crumb(), (f"Delete {noun}", "")],
            },
        )


class HomeView(View):
    """The user's partnerships; also the target of the header's partnership switcher (?partnership=slug)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        partnerships = list(policy.partnerships_of(user=request.user))
        chosen = next((p for p in partnerships if p.slug == request.GET.get("partnership")), None)
        if chosen is not None:
            return redirect("governance:dashboard", slug=chosen.slug)
        if len(partnerships) == 1:
            return redirect("governance:dashboard", slug=partnerships[0].slug)
        return render(request, "core/home.html", {"partnerships": partnerships})


class AuditListView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        if not self.allowed("view", "auditevent"):
            return forbidden(request)
        events = policy.permitted(
            user=request.user, partnership=self.partnership, action="view", model=AuditEvent
        )
        page = paginate(request, events.select_related("actor"), 100)
        return self.render(
            "core/audit_list.html", {"events": page.object_list, "page_obj": page, "title": "Audit trail"}
        )


class PartnershipSettingsView(FormPageView):
    """The partnership's sign-in settings: who must use two-factor sign-in, and the organisation sign-in
    domains. Admins only (``change`` on the partnership)."""

    form_class = PartnershipSettingsForm
    model = Partnership
    permission = "change"
    submit_label = "Save settings"
    success_message = "The partnership's settings were saved."

    def title(self) -> str:
        return "Partnership settings"

    def perform(self, form: Any) -> Partnership:
        return services.partnership_settings_update(
            actor=self.request.user, partnership=self.partnership, **form.cleaned_data
        )

    def success_url(self, result: Any) -> str:
        return self.url("core:partnership-settings")


class PermissionTableView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        rows = [
            (
                object_type,
                [
                    (role, sorted(policy.PERMISSIONS[role].get(object_type, ())))
                    for role in policy.PERMISSIONS
                ],
            )
            for object_type in policy.OBJECT_TYPES
        ]
        return self.render(
            "core/permission_table.html",
            {
                "roles": list(policy.PERMISSIONS),
                "rows": rows,
                "confidential": policy.confidential_rows(),
                "on_behalf": policy.on_behalf_rows(),
            },
        )

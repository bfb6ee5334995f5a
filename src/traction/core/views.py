from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.http import require_GET

from traction.core import policy
from traction.core.models import AuditEvent, Partnership


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability for load balancers; reveals nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:
        return JsonResponse({"status": "database unavailable"}, status=503)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"title": "Page not found",
                                               "message": "The page or record does not exist, or it is not "
                                                          "shared with you."}, status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"title": "You cannot do that",
                                               "message": str(exception) if exception and str(exception)
                                               else policy.REFUSED}, status=403)


TOO_BIG = ("What you sent was too large: a form may carry at most {mb} MB of text, and a file up to "
           "{file_mb} MB. Nothing was saved. Go back, shorten it and try again.")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent)):
        message = TOO_BIG.format(mb=round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024, 1),
                                 file_mb=settings.TRACTION_MAX_UPLOAD_BYTES // (1024 * 1024))
        return render(request, "core/error.html", {"title": "Too much to send", "message": message},
                      status=400)
    return render(request, "core/error.html", {"title": "Bad request",
                                               "message": "The request could not be understood."}, status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "core/error.html", {
        "title": "Your form could not be sent",
        "message": "The form had expired or did not come from this site. Go back, reload the page "
                   "and try again. Nothing was saved."}, status=403)


class PartnershipView(View):
    """Base for every page under /p/<slug>/: resolves the partnership or answers 404."""

    partnership: Partnership

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.partnership = policy.partnership_for(user=request.user, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def allowed(self, action: str, object_type: str) -> bool:
        return policy.allowed(user=self.request.user, partnership=self.partnership, action=action,
                              object_type=object_type)

    def get_permitted(self, model: type[Model], pk: object, action: str = "view") -> Any:
        """The partnership's record this user may ``action``, or 404 (another partnership's, or none)."""
        return policy.get_permitted(user=self.request.user, partnership=self.partnership, action=action,
                                    model=model, pk=pk)

    def render(self, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
        context = {"partnership": self.partnership, "can": self.capabilities(), **context}
        return render(self.request, template, context, status=status)

    def capabilities(self) -> dict[str, dict[str, bool]]:
        """{object_type: {action: bool}} for templates deciding which buttons to show."""
        return {object_type: {action: self.allowed(action, object_type) for action in policy.ACTIONS}
                for object_type in policy.OBJECT_TYPES}


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
        events = policy.permitted(user=request.user, partnership=self.partnership, action="view",
                                  model=AuditEvent)
        page = Paginator(events.select_related("actor"), 100).get_page(request.GET.get("page"))
        return self.render("core/audit_list.html", {"events": page.object_list, "page_obj": page,
                                                    "title": "Audit trail"})


class PermissionTableView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        rows = [(object_type, [(role, sorted(policy.PERMISSIONS[role].get(object_type, ())))
                               for role in policy.PERMISSIONS]) for object_type in policy.OBJECT_TYPES]
        return self.render("core/permission_table.html", {
            "roles": list(policy.PERMISSIONS), "rows": rows, "confidential": policy.confidential_rows(),
            "on_behalf": policy.on_behalf_rows()})

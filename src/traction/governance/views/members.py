"""Who belongs to the partnership, and in which role (admins manage it; secretaries may read it)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from traction.core import policy, services
from traction.core.models import Membership
from traction.core.views import FormPageView, PartnershipView, RecordDeleteView
from traction.governance.forms import MembershipAddForm, MembershipRoleForm


class MembershipListView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require_write(Membership, "view")
        members = (
            policy.permitted(user=request.user, partnership=self.partnership, action="view", model=Membership)
            .select_related("user")
            .order_by("user__username")
        )
        return self.render(
            "governance/membership_list.html",
            {"members": members, "title": "Members", "breadcrumbs": [self.home_crumb(), ("Members", "")]},
        )


class MembershipFormView(FormPageView):
    model = Membership

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Members", self.url("membership-list"))]

    def success_url(self, result: Any) -> str:
        return self.url("membership-list")


class MembershipCreateView(MembershipFormView):
    form_class = MembershipAddForm
    success_message = "Member added."

    def title(self) -> str:
        return "Add a member"

    def perform(self, form: Any) -> Any:
        return services.membership_add(
            actor=self.request.user,
            partnership=self.partnership,
            username=form.cleaned_data["username"],
            role=form.cleaned_data["role"],
        )


class MembershipUpdateView(MembershipFormView):
    form_class = MembershipRoleForm
    permission = "change"
    success_message = "Role saved."

    def title(self) -> str:
        return f"Change the role of {self.object.user}"

    def perform(self, form: Any) -> Any:
        return services.membership_change_role(
            actor=self.request.user, membership=self.object, role=form.cleaned_data["role"]
        )


class MembershipDeleteView(RecordDeleteView):
    model = Membership
    list_url_name = "membership-list"

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        membership = self.get_permitted(Membership, pk)
        try:
            services.membership_remove(actor=request.user, membership=membership)
        except ValidationError as exc:
            return self.confirm(membership, error=" ".join(exc.messages))
        messages.success(request, f"{membership.user} is no longer a member of {self.partnership}.")
        return redirect(self.success_url(membership))

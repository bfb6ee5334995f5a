"""Bodies (boards, committees, groups), their memberships and matters arising."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from traction.core import services
from traction.core.views import FormPageView, PartnershipView, RecordDeleteView
from traction.governance import extensions, selectors
from traction.governance import services as governance_services
from traction.governance.forms import BodyForm, BodyMembershipForm
from traction.governance.models import Body, BodyMembership


class BodyListView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        bodies = selectors.body_list_for(user=request.user, partnership=self.partnership)
        return self.render(
            "governance/body_list.html",
            {"bodies": bodies, "title": "Bodies", "breadcrumbs": [self.home_crumb(), ("Bodies", "")]},
        )


class BodyDetailView(PartnershipView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        detail = selectors.body_detail_for(user=request.user, partnership=self.partnership, pk=pk)
        return self.render(
            "governance/body_detail.html",
            {
                "detail": detail,
                "body": detail.body,
                "sections": extensions.body_sections(
                    user=request.user, partnership=self.partnership, body=detail.body
                ),
                "title": detail.body.name,
                "breadcrumbs": [self.home_crumb(), ("Bodies", self.url("body-list")), (detail.body.name, "")],
            },
        )


class BodyMattersArisingView(PartnershipView):
    """Open actions to review at the body's next meeting; laid out to print."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        body = self.get_permitted(Body, pk)
        matters = selectors.matters_arising_for(user=request.user, partnership=self.partnership, body=body)
        return self.render(
            "governance/body_matters_arising.html",
            {
                "matters": matters,
                "body": body,
                **extensions.matters_arising_context(
                    user=request.user, partnership=self.partnership, meeting=matters.next_meeting
                ),
                "title": f"Matters arising: {body.name}",
                "breadcrumbs": [
                    self.home_crumb(),
                    ("Bodies", self.url("body-list")),
                    (body.name, self.url("body-detail", pk=body.pk)),
                    ("Matters arising", ""),
                ],
            },
        )


class BodyFormView(FormPageView):
    model = Body
    form_class = BodyForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        crumbs = [self.home_crumb(), ("Bodies", self.url("body-list"))]
        if self.object is not None:
            crumbs.append((self.object.name, self.url("body-detail", pk=self.object.pk)))
        return crumbs

    def success_url(self, result: Any) -> str:
        return self.url("body-detail", pk=result.pk)


class BodyCreateView(BodyFormView):
    success_message = "Body added."

    def title(self) -> str:
        return "Add a body"

    def perform(self, form: Any) -> Any:
        return services.record_create(
            actor=self.request.user, partnership=self.partnership, model=Body, data=form.cleaned_data
        )


class BodyUpdateView(BodyFormView):
    permission = "change"
    success_message = "Body saved."

    def title(self) -> str:
        return f"Edit {self.object.name}"

    def perform(self, form: Any) -> Any:
        data = dict(form.cleaned_data)
        changed_on = data.pop("parent_changed_on", None)
        return governance_services.body_update(
            actor=self.request.user, body=self.object, data=data, seen=self.seen, changed_on=changed_on
        )


class BodyDeleteView(RecordDeleteView):
    model = Body
    list_url_name = "body-list"


class BodyMembershipCreateView(FormPageView):
    """Add a person to a body (the URL's pk is the body)."""

    model = BodyMembership
    form_class = BodyMembershipForm
    success_message = "Member added."
    submit_label = "Add member"

    def load(self) -> None:
        self.body = self.get_permitted(Body, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": BodyMembership(partnership=self.partnership, body=self.body)}

    def title(self) -> str:
        return f"Add a member to {self.body.name}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            ("Bodies", self.url("body-list")),
            (self.body.name, self.url("body-detail", pk=self.body.pk)),
        ]

    def perform(self, form: Any) -> Any:
        return services.record_create(
            actor=self.request.user,
            partnership=self.partnership,
            model=BodyMembership,
            data={**form.cleaned_data, "body": self.body},
        )

    def success_url(self, result: Any) -> str:
        return self.url("body-detail", pk=self.body.pk)


class BodyMembershipDeleteView(RecordDeleteView):
    """Remove a person from a body (the URL's pk is the membership)."""

    model = BodyMembership

    def success_url(self, record: Any) -> str:
        return self.url("body-detail", pk=record.body_id)

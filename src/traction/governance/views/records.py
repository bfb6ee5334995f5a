"""Organisations and people: list, create, edit, delete."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from traction.core import policy, services
from traction.core.views import FormPageView, PartnershipView, RecordDeleteView, paginate
from traction.governance import selectors
from traction.governance.forms import OrganisationForm, PersonForm
from traction.governance.models import Organisation, Person


class OrganisationListView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        organisations = selectors.organisation_list_for(user=request.user, partnership=self.partnership)
        page = paginate(request, organisations, 100)
        return self.render(
            "governance/organisation_list.html",
            {
                "organisations": page.object_list,
                "page_obj": page,
                "title": "Organisations",
                "breadcrumbs": [self.home_crumb(), ("Organisations", "")],
            },
        )


class OrganisationFormView(FormPageView):
    model = Organisation
    form_class = OrganisationForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Organisations", self.url("organisation-list"))]

    def success_url(self, result: Any) -> str:
        return self.url("organisation-list")


class OrganisationCreateView(OrganisationFormView):
    success_message = "Organisation added."

    def title(self) -> str:
        return "Add an organisation"

    def perform(self, form: Any) -> Any:
        return services.record_create(
            actor=self.request.user, partnership=self.partnership, model=Organisation, data=form.cleaned_data
        )


class OrganisationUpdateView(OrganisationFormView):
    permission = "change"
    success_message = "Organisation saved."

    def title(self) -> str:
        return f"Edit {self.object}"

    def perform(self, form: Any) -> Any:
        return services.record_update(
            actor=self.request.user, instance=self.object, data=form.cleaned_data, seen=self.seen
        )


class OrganisationDeleteView(RecordDeleteView):
    model = Organisation
    list_url_name = "organisation-list"


class PersonListView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        people = policy.permitted(
            user=request.user, partnership=self.partnership, action="view", model=Person
        ).select_related("organisation")
        page = paginate(request, people, 100)
        return self.render(
            "governance/person_list.html",
            {
                "people": page.object_list,
                "page_obj": page,
                "title": "People",
                "breadcrumbs": [self.home_crumb(), ("People", "")],
            },
        )


class PersonFormView(FormPageView):
    model = Person
    form_class = PersonForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("People", self.url("person-list"))]

    def success_url(self, result: Any) -> str:
        return self.url("person-list")


class PersonCreateView(PersonFormView):
    success_message = "Person added."

    def title(self) -> str:
        return "Add a person"

    def perform(self, form: Any) -> Any:
        return services.record_create(
            actor=self.request.user, partnership=self.partnership, model=Person, data=form.cleaned_data
        )


class PersonUpdateView(PersonFormView):
    permission = "change"
    success_message = "Person saved."

    def title(self) -> str:
        return f"Edit {self.object.name}"

    def perform(self, form: Any) -> Any:
        return services.record_update(
            actor=self.request.user, instance=self.object, data=form.cleaned_data, seen=self.seen
        )


class PersonDeleteView(RecordDeleteView):
    model = Person
    list_url_name = "person-list"

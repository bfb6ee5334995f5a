"""Erasure and subject-access export pages (admins only: ``personaldata`` in the permission table)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from traction.core.downloads import attachment
from traction.core.views import PartnershipView
from traction.privacy import selectors, services
from traction.privacy.models import PersonalData


class PersonEraseView(PartnershipView):
    """Confirm (naming what will change), then erase the person through ``services.person_erase``."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        person = self.get_permitted(PersonalData, pk, "delete")
        return self.confirm(person)

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        person = self.get_permitted(PersonalData, pk, "delete")
        try:
            token = services.person_erase(actor=request.user, person=person)
        except ValidationError as exc:
            return self.confirm(person, error=" ".join(exc.messages))
        messages.success(request, f"The person was erased: the record now names them “{token}”.")
        return redirect(self.url("governance:person-list"))

    def confirm(self, person: PersonalData, error: str = "") -> HttpResponse:
        title = "Erase a person"
        return self.render(
            "privacy/person_erase.html",
            {
                "person": person,
                "erased": services.is_erased(person),
                "preview": selectors.erasure_preview(person=person),
                "error": error,
                "title": title,
                "cancel_url": self.url("governance:person-list"),
                "breadcrumbs": [
                    self.home_crumb(),
                    ("People", self.url("governance:person-list")),
                    (title, ""),
                ],
            },
            status=400 if error else 200,
        )


class PersonExportView(PartnershipView):
    """The subject-access export: a JSON download of what is held about the person."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        person = self.get_permitted(PersonalData, pk, "view")
        data = services.person_export(actor=request.user, person=person)
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        return attachment(
            body.encode(), content_type="application/json", filename=f"personal-data-{person.pk}.json"
        )

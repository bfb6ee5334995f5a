"""The base views of the programmes and events pages: the core view base with this app's home crumb."""

from __future__ import annotations

from traction.core.views import FormPageView, PartnershipView, RecordDeleteView


class ProgrammesView(PartnershipView):
    home = ("Programmes and events", "programmes-home")


class ProgrammesFormView(ProgrammesView, FormPageView):
    template_name = "programmes/record_form.html"


class ProgrammesDeleteView(ProgrammesView, RecordDeleteView):
    pass

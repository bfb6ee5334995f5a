"""The base views of the shared-direction pages: the core view base with this app's home crumb."""

from __future__ import annotations

from traction.core.views import FormPageView, PartnershipView, RecordDeleteView


class DirectionView(PartnershipView):
    home = ("Shared direction", "direction-home")


class DirectionFormView(DirectionView, FormPageView):
    template_name = "direction/record_form.html"


class DirectionDeleteView(DirectionView, RecordDeleteView):
    pass

"""The base views of the commissioning pages: the core view base with this app's home crumb."""

from __future__ import annotations

from traction.core.views import FormPageView, PartnershipView, RecordDeleteView


class CommissioningView(PartnershipView):
    home = ("Commissioning", "commissioning-home")


class CommissioningFormView(CommissioningView, FormPageView):
    template_name = "commissioning/record_form.html"


class CommissioningDeleteView(CommissioningView, RecordDeleteView):
    pass

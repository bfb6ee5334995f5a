"""The base views of the stakeholders and change pages: the core view base with this app's home crumb."""

from __future__ import annotations

from traction.core.views import FormPageView, PartnershipView, RecordDeleteView


class StakeholdersView(PartnershipView):
    home = ("Stakeholders and change", "stakeholders-home")


class StakeholdersFormView(StakeholdersView, FormPageView):
    template_name = "stakeholders/record_form.html"


class StakeholdersDeleteView(StakeholdersView, RecordDeleteView):
    pass

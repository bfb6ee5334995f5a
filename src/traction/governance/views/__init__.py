"""Governance pages, one module per noun. Views parse input, call one service or selector, and render."""

# ruff: noqa: F401  (re-exports for urls.py)
from traction.governance.views.actions import (
    ActionAddUpdateView,
    ActionBodiesView,
    ActionBulkUpdateView,
    ActionCloseView,
    ActionCreateForItemView,
    ActionCreateView,
    ActionDetailView,
    ActionListView,
    ActionOwnersView,
    ActionReopenView,
    ActionReviseDueView,
    ActionUpdateView,
)
from traction.governance.views.bodies import (
    BodyCreateView,
    BodyDeleteView,
    BodyDetailView,
    BodyListView,
    BodyMattersArisingView,
    BodyMembershipCreateView,
    BodyMembershipDeleteView,
    BodyUpdateView,
)
from traction.governance.views.decisions import (
    DashboardView,
    DecisionListView,
    MyActionsView,
    SearchResultsView,
)
from traction.governance.views.meetings import (
    AgendaItemCreateManyView,
    AgendaItemCreateView,
    AgendaItemDeleteView,
    AgendaItemMoveView,
    AgendaItemOutcomeView,
    AgendaItemUpdateView,
    AttendanceUpdateView,
    MeetingCreateView,
    MeetingDeleteView,
    MeetingDetailView,
    MeetingListView,
    MeetingMarkHeldView,
    MeetingUpdateView,
)
from traction.governance.views.members import (
    MembershipCreateView,
    MembershipDeleteView,
    MembershipListView,
    MembershipUpdateView,
)
from traction.governance.views.papers import (
    PaperCreateView,
    PaperDeleteView,
    PaperDownloadView,
    PaperListView,
)
from traction.governance.views.records import (
    OrganisationCreateView,
    OrganisationDeleteView,
    OrganisationListView,
    OrganisationUpdateView,
    PersonCreateView,
    PersonDeleteView,
    PersonListView,
    PersonUpdateView,
)

__all__ = [name for name in dir() if name.endswith("View")]

"""The URLs of whole-system future-scenario events."""

from django.urls import URLPattern, path

from ..views import events as v

urlpatterns: list[URLPattern] = [
    path("events/", v.EventListView.as_view(), name="event-list"),
    path("events/new/", v.EventCreateView.as_view(), name="event-create"),
    path("events/<int:pk>/", v.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:pk>/edit/", v.EventUpdateView.as_view(), name="event-update"),
    path("events/<int:pk>/delete/", v.EventDeleteView.as_view(), name="event-delete"),
    path("events/<int:pk>/groups/", v.EventGroupsView.as_view(), name="event-groups"),
    path("events/<int:pk>/invitations/", v.EventInvitationsView.as_view(), name="event-invitations"),
    path("events/<int:pk>/tables/", v.EventTablesView.as_view(), name="event-tables"),
    path("events/<int:pk>/agenda/", v.EventAgendaView.as_view(), name="event-agenda"),
    path("events/<int:pk>/who-is-missing/", v.EventCheckView.as_view(), name="event-check"),
    path("events/<int:pk>/outputs/", v.EventOutputsView.as_view(), name="event-outputs"),
    path("events/<int:pk>/decision/", v.EventDecisionView.as_view(), name="event-decision"),
    path("events/<int:pk>/actions/", v.EventActionsView.as_view(), name="event-actions"),
    path("events/groups/<int:pk>/delete/", v.GroupDeleteView.as_view(), name="eventgroup-delete"),
    path("events/invitations/<int:pk>/", v.InvitationUpdateView.as_view(), name="invitation-update"),
    path("events/invitations/<int:pk>/move/", v.InvitationMoveView.as_view(), name="invitation-move"),
    path("events/invitations/<int:pk>/delete/", v.InvitationDeleteView.as_view(), name="invitation-delete"),
    path("events/stages/<int:pk>/", v.StageUpdateView.as_view(), name="agendastage-update"),
    path("events/stages/<int:pk>/delete/", v.StageDeleteView.as_view(), name="agendastage-delete"),
    path("events/common-ground/<int:pk>/", v.CommonGroundUpdateView.as_view(), name="commonground-update"),
    path(
        "events/common-ground/<int:pk>/delete/",
        v.CommonGroundDeleteView.as_view(),
        name="commonground-delete",
    ),
    path(
        "events/common-ground/<int:pk>/principle/",
        v.CommonGroundPrincipleView.as_view(),
        name="commonground-principle",
    ),
]

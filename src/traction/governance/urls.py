"""Every page of the governance record, under /p/<slug>/. Patterns take only the slug and integer pks."""

from django.urls import path

from traction.governance import views
from traction.governance.views import calendars as calendar_views
from traction.governance.views import topics as topic_views

app_name = "governance"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    # members of the partnership
    path("access/", views.MembershipListView.as_view(), name="membership-list"),
    path("access/new/", views.MembershipCreateView.as_view(), name="membership-create"),
    path("access/<int:pk>/role/", views.MembershipUpdateView.as_view(), name="membership-update"),
    path("access/<int:pk>/remove/", views.MembershipDeleteView.as_view(), name="membership-delete"),
    # organisations and people
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/new/", views.OrganisationCreateView.as_view(), name="organisation-create"),
    path("organisations/<int:pk>/edit/", views.OrganisationUpdateView.as_view(), name="organisation-update"),
    path(
        "organisations/<int:pk>/delete/", views.OrganisationDeleteView.as_view(), name="organisation-delete"
    ),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/new/", views.PersonCreateView.as_view(), name="person-create"),
    path("people/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person-update"),
    path("people/<int:pk>/delete/", views.PersonDeleteView.as_view(), name="person-delete"),
    # bodies
    path("bodies/", views.BodyListView.as_view(), name="body-list"),
    path("bodies/new/", views.BodyCreateView.as_view(), name="body-create"),
    path("bodies/<int:pk>/", views.BodyDetailView.as_view(), name="body-detail"),
    path("bodies/<int:pk>/edit/", views.BodyUpdateView.as_view(), name="body-update"),
    path("bodies/<int:pk>/delete/", views.BodyDeleteView.as_view(), name="body-delete"),
    path(
        "bodies/<int:pk>/matters-arising/",
        views.BodyMattersArisingView.as_view(),
        name="body-matters-arising",
    ),
    path(
        "bodies/<int:pk>/members/new/", views.BodyMembershipCreateView.as_view(), name="bodymembership-create"
    ),
    path("members/<int:pk>/delete/", views.BodyMembershipDeleteView.as_view(), name="bodymembership-delete"),
    # meetings, agenda items, attendance and papers
    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting-update"),
    path("meetings/<int:pk>/delete/", views.MeetingDeleteView.as_view(), name="meeting-delete"),
    path("meetings/<int:pk>/held/", views.MeetingMarkHeldView.as_view(), name="meeting-mark-held"),
    path("meetings/<int:pk>/attendance/", views.AttendanceUpdateView.as_view(), name="attendance-update"),
    path("meetings/<int:pk>/items/new/", views.AgendaItemCreateView.as_view(), name="agendaitem-create"),
    path("meetings/<int:pk>/papers/new/", views.PaperCreateView.as_view(), name="paper-create"),
    path(
        "meetings/<int:pk>/items/several/",
        views.AgendaItemCreateManyView.as_view(),
        name="agendaitem-create-many",
    ),
    path("items/<int:pk>/move/", views.AgendaItemMoveView.as_view(), name="agendaitem-move"),
    path("items/<int:pk>/edit/", views.AgendaItemUpdateView.as_view(), name="agendaitem-update"),
    path("items/<int:pk>/outcome/", views.AgendaItemOutcomeView.as_view(), name="agendaitem-outcome"),
    path("items/<int:pk>/delete/", views.AgendaItemDeleteView.as_view(), name="agendaitem-delete"),
    path(
        "items/<int:pk>/actions/new/", views.ActionCreateForItemView.as_view(), name="action-create-for-item"
    ),
    path("papers/", views.PaperListView.as_view(), name="paper-list"),
    path("papers/<int:pk>/download/", views.PaperDownloadView.as_view(), name="paper-download"),
    path("papers/<int:pk>/delete/", views.PaperDeleteView.as_view(), name="paper-delete"),
    # the action log
    path("actions/", views.ActionListView.as_view(), name="action-list"),
    path("actions/mine/", views.MyActionsView.as_view(), name="my-actions"),
    path("actions/by-lead/", views.ActionOwnersView.as_view(), name="action-owners"),
    path("actions/by-body/", views.ActionBodiesView.as_view(), name="action-bodies"),
    path("actions/new/", views.ActionCreateView.as_view(), name="action-create"),
    path("actions/bulk/", views.ActionBulkUpdateView.as_view(), name="action-bulk-update"),
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action-detail"),
    path("actions/<int:pk>/edit/", views.ActionUpdateView.as_view(), name="action-update"),
    path("actions/<int:pk>/revise-due/", views.ActionReviseDueView.as_view(), name="action-revise-due"),
    path("actions/<int:pk>/updates/new/", views.ActionAddUpdateView.as_view(), name="action-add-update"),
    path("actions/<int:pk>/close/", views.ActionCloseView.as_view(), name="action-close"),
    path("actions/<int:pk>/reopen/", views.ActionReopenView.as_view(), name="action-reopen"),
    # calendars: files to download, and subscription addresses (listed with programme feeds)
    path("meetings/calendar.ics", calendar_views.MeetingsCalendarView.as_view(), name="meetings-calendar"),
    path("meetings/subscribe/", calendar_views.MeetingsSubscribeView.as_view(), name="meetings-subscribe"),
    path("bodies/<int:pk>/calendar.ics", calendar_views.BodyCalendarView.as_view(), name="body-calendar"),
    path("bodies/<int:pk>/subscribe/", calendar_views.BodySubscribeView.as_view(), name="body-subscribe"),
    path(
        "people/<int:pk>/actions.ics",
        calendar_views.PersonActionsCalendarView.as_view(),
        name="person-actions-calendar",
    ),
    path(
        "people/<int:pk>/actions/subscribe/",
        calendar_views.PersonActionsSubscribeView.as_view(),
        name="person-actions-subscribe",
    ),
    # decisions and search
    path("decisions/", views.DecisionListView.as_view(), name="decision-list"),
    path("search/", views.SearchResultsView.as_view(), name="search-results"),
    # topics: a topic's pages are named by one of its items
    path("topics/", topic_views.TopicListView.as_view(), name="topic-list"),
    path("topics/suggest/", topic_views.TopicSuggestView.as_view(), name="topic-suggest"),
    path("topics/<int:pk>/", topic_views.TopicDetailView.as_view(), name="topic-detail"),
    path("topics/<int:pk>/rename/", topic_views.TopicRenameView.as_view(), name="topic-rename"),
    path("topics/<int:pk>/merge/", topic_views.TopicMergeView.as_view(), name="topic-merge"),
    path("topics/<int:pk>/split/", topic_views.TopicSplitView.as_view(), name="topic-split"),
    path("topics/<int:pk>/confirm/", topic_views.TopicConfirmView.as_view(), name="topic-confirm"),
]

"""The URLs of localities, successions and bodies over time."""

from django.urls import URLPattern, path

from ..views import structures as views

urlpatterns: list[URLPattern] = [
    path("structures/", views.StructureChartView.as_view(), name="structure-chart"),
    path("structures/localities/", views.LocalityListView.as_view(), name="locality-list"),
    path("structures/localities/new/", views.LocalityCreateView.as_view(), name="locality-create"),
    path("structures/localities/<int:pk>/edit/", views.LocalityUpdateView.as_view(), name="locality-update"),
    path(
        "structures/localities/<int:pk>/delete/", views.LocalityDeleteView.as_view(), name="locality-delete"
    ),
    path("structures/successions/", views.SuccessionListView.as_view(), name="succession-list"),
    path("structures/successions/new/", views.SuccessionCreateView.as_view(), name="succession-create"),
    path("structures/successions/<int:pk>/", views.SuccessionDetailView.as_view(), name="succession-detail"),
    path(
        "structures/successions/<int:pk>/edit/",
        views.SuccessionUpdateView.as_view(),
        name="succession-update",
    ),
    path(
        "structures/successions/<int:pk>/delete/",
        views.SuccessionDeleteView.as_view(),
        name="succession-delete",
    ),
    path("structures/bodies/", views.BodyHistoryListView.as_view(), name="bodyhistory-list"),
    path(
        "structures/bodies/<int:pk>/history/new/",
        views.BodyHistoryCreateView.as_view(),
        name="bodyhistory-create",
    ),
    path(
        "structures/histories/<int:pk>/edit/",
        views.BodyHistoryUpdateView.as_view(),
        name="bodyhistory-update",
    ),
    path(
        "structures/histories/<int:pk>/delete/",
        views.BodyHistoryDeleteView.as_view(),
        name="bodyhistory-delete",
    ),
    path("structures/lines/", views.ReportingLineListView.as_view(), name="reportingline-list"),
    path(
        "structures/bodies/<int:pk>/lines/change/",
        views.ReportingLineChangeView.as_view(),
        name="reportingline-change",
    ),
    path(
        "structures/lines/<int:pk>/edit/",
        views.ReportingLineUpdateView.as_view(),
        name="reportingline-update",
    ),
    path(
        "structures/lines/<int:pk>/delete/",
        views.ReportingLineDeleteView.as_view(),
        name="reportingline-delete",
    ),
]

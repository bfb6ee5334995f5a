"""The URLs of the stakeholder map, its gaps and the engagement log."""

from django.urls import URLPattern, path

from ..views import stakeholders as views

urlpatterns: list[URLPattern] = [
    path("map/", views.StakeholderMapView.as_view(), name="stakeholder-map"),
    path("gaps/", views.StakeholderGapsView.as_view(), name="stakeholder-gaps"),
    path("list/", views.StakeholderListView.as_view(), name="stakeholder-list"),
    path("list/new/", views.StakeholderCreateView.as_view(), name="stakeholder-create"),
    path("list/<int:pk>/", views.StakeholderDetailView.as_view(), name="stakeholder-detail"),
    path("list/<int:pk>/edit/", views.StakeholderUpdateView.as_view(), name="stakeholder-update"),
    path("list/<int:pk>/delete/", views.StakeholderDeleteView.as_view(), name="stakeholder-delete"),
    path("list/<int:pk>/assess/", views.AssessmentCreateView.as_view(), name="assessment-create"),
    path("list/<int:pk>/action/", views.GapActionView.as_view(), name="stakeholder-action"),
    path("engagements/", views.EngagementListView.as_view(), name="engagement-list"),
    path("engagements/new/", views.EngagementCreateView.as_view(), name="engagement-create"),
    path("engagements/<int:pk>/", views.EngagementDetailView.as_view(), name="engagement-detail"),
    path("engagements/<int:pk>/edit/", views.EngagementUpdateView.as_view(), name="engagement-update"),
    path("engagements/<int:pk>/delete/", views.EngagementDeleteView.as_view(), name="engagement-delete"),
]

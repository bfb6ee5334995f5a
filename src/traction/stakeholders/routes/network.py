"""The URLs of the relationship network."""

from django.urls import URLPattern, path

from ..views import network as views

urlpatterns: list[URLPattern] = [
    path("network/", views.SurveyListView.as_view(), name="network-survey-list"),
    path("network/new/", views.SurveyCreateView.as_view(), name="network-survey-create"),
    path("network/observed/", views.ObservedView.as_view(), name="network-observed"),
    path("network/compare/", views.CompareView.as_view(), name="network-compare"),
    path("network/<int:pk>/", views.SurveyDetailView.as_view(), name="network-survey-detail"),
    path("network/<int:pk>/edit/", views.SurveyUpdateView.as_view(), name="network-survey-update"),
    path("network/<int:pk>/delete/", views.SurveyDeleteView.as_view(), name="network-survey-delete"),
    path("network/<int:pk>/open/", views.SurveyOpenView.as_view(), name="network-survey-open"),
    path("network/<int:pk>/close/", views.SurveyCloseView.as_view(), name="network-survey-close"),
    path("network/<int:pk>/answer/", views.AnswerView.as_view(), name="network-survey-answer"),
    path("network/<int:pk>/declared/", views.DeclaredView.as_view(), name="network-declared"),
    path("network/<int:pk>/results/", views.AggregatesView.as_view(), name="network-aggregates"),
]

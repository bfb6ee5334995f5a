"""Principles, goals, outcomes, indicators, health checks and trust pulses, under /p/<slug>/direction/."""

from django.urls import path

from .views import health, home

app_name = "direction"

urlpatterns = [
    path("", home.DirectionHomeView.as_view(), name="direction-home"),
    # principles, goals and outcomes
    # indicators
    # health checks
    path("health/", health.RunListView.as_view(), name="healthrun-list"),
    path("health/new/", health.RunCreateView.as_view(), name="healthrun-create"),
    path("health/<int:pk>/", health.RunDetailView.as_view(), name="healthrun-detail"),
    path("health/<int:pk>/answer/", health.AnswerView.as_view(), name="healthrun-answer"),
    path("health/<int:pk>/results/", health.RunResultsView.as_view(), name="healthrun-results"),
    path("health/<int:pk>/follow-up/", health.FollowUpCreateView.as_view(), name="healthfollowup-create"),
    path("health/<int:pk>/close/", health.RunCloseView.as_view(), name="healthrun-close"),
    path("health/statements/", health.StatementListView.as_view(), name="healthstatement-list"),
    path(
        "health/statements/defaults/", health.StatementDefaultsView.as_view(), name="healthstatement-defaults"
    ),
    path("health/statements/new/", health.StatementCreateView.as_view(), name="healthstatement-create"),
    path(
        "health/statements/<int:pk>/edit/",
        health.StatementUpdateView.as_view(),
        name="healthstatement-update",
    ),
    # trust pulse
]

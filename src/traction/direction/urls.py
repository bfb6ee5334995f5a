"""Principles, goals, outcomes, indicators, health checks and trust pulses, under /p/<slug>/direction/."""

from django.urls import path

from .views import home, pulse

app_name = "direction"

urlpatterns = [
    path("", home.DirectionHomeView.as_view(), name="direction-home"),
    # principles, goals and outcomes
    # indicators
    # health checks
    # trust pulse
    path("pulse/", pulse.PulseListView.as_view(), name="pulse-list"),
    path("pulse/new/", pulse.PulseCreateView.as_view(), name="pulse-create"),
    path("pulse/<int:pk>/", pulse.PulseDetailView.as_view(), name="pulse-detail"),
    path("pulse/<int:pk>/edit/", pulse.PulseUpdateView.as_view(), name="pulse-update"),
    path("pulse/<int:pk>/answer/", pulse.PulseAnswerView.as_view(), name="pulse-answer"),
    path("pulse/<int:pk>/results/", pulse.PulseResultsView.as_view(), name="pulse-results"),
    path("pulse/<int:pk>/comments/", pulse.PulseCommentsView.as_view(), name="pulse-comments"),
    path("pulse/<int:pk>/follow-up/", pulse.PulseFollowUpView.as_view(), name="pulse-follow-up"),
    path("pulse/<int:pk>/close/", pulse.PulseCloseView.as_view(), name="pulse-close"),
    path("pulse/<int:pk>/publish/", pulse.PulsePublishView.as_view(), name="pulse-publish"),
]

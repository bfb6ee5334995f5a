"""Principles, goals, outcomes, indicators, health checks and trust pulses, under /p/<slug>/direction/."""

from django.urls import path

from .views import home

app_name = "direction"

urlpatterns = [
    path("", home.DirectionHomeView.as_view(), name="direction-home"),
    # principles, goals and outcomes
    # indicators
    # health checks
    # trust pulse
]

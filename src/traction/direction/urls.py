"""Principles, goals, outcomes, indicators, health checks and trust pulses, under /p/<slug>/direction/."""

from django.urls import path

from .views import home, indicators

app_name = "direction"

urlpatterns = [
    path("", home.DirectionHomeView.as_view(), name="direction-home"),
    # principles, goals and outcomes
    # indicators
    path("indicators/", indicators.IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/new/", indicators.IndicatorCreateView.as_view(), name="indicator-create"),
    path("indicators/<int:pk>/", indicators.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("indicators/<int:pk>/edit/", indicators.IndicatorUpdateView.as_view(), name="indicator-update"),
    path("indicators/<int:pk>/delete/", indicators.IndicatorDeleteView.as_view(), name="indicator-delete"),
    path("indicators/<int:pk>/values/", indicators.ValuesUploadView.as_view(), name="indicator-upload"),
    path("indicators/<int:pk>/pull/", indicators.IndicatorPullView.as_view(), name="indicator-pull"),
    # health checks
    # trust pulse
]

"""Commissioning strategies, gates, options appraisals, outcome reviews, the portfolio and self-assessments,
under /p/<slug>/commissioning/."""

from django.urls import path

from .views import home

app_name = "commissioning"

urlpatterns = [
    path("", home.CommissioningHomeView.as_view(), name="commissioning-home"),
    # strategies
    # appraisals
    # portfolio
]

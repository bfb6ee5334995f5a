"""Stakeholders and structural change, under /p/<slug>/stakeholders/: each area's URLs are in ``routes``."""

from django.urls import path

from .routes import network, options, stakeholders, structures
from .views import home

app_name = "stakeholders"

urlpatterns = [
    path("", home.StakeholdersHomeView.as_view(), name="stakeholders-home"),
    *stakeholders.urlpatterns,
    *options.urlpatterns,
    *structures.urlpatterns,
    *network.urlpatterns,
]

"""Programmes and whole-system events, under /p/<slug>/programmes/: each area's URLs are in ``routes``."""

from django.urls import path

from .routes import calendars, events, feedback, learningsets, programmes
from .views import home

app_name = "programmes"

urlpatterns = [
    path("", home.ProgrammesHomeView.as_view(), name="programmes-home"),
    *programmes.urlpatterns,
    *feedback.urlpatterns,
    *learningsets.urlpatterns,
    *events.urlpatterns,
    *calendars.urlpatterns,
]

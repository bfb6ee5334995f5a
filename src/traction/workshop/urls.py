"""Problem trees, shared pictures and agreement rounds pages, under /p/<slug>/workshop/."""
from django.urls import path  # noqa: F401

app_name = "workshop"
urlpatterns: list = []

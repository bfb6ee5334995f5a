"""ModernGov import pages, under /p/<slug>/imports/."""
from django.urls import path  # noqa: F401

app_name = "imports"
urlpatterns: list = []

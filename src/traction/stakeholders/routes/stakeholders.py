"""The URLs of the stakeholder map, its gaps and the engagement log."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

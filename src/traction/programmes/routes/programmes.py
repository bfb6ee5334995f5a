"""The URLs of programmes, cohorts, sessions and attendance."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

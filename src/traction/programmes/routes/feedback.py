"""The URLs of feedback after sessions, at the end and months later."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""The URLs of whole-system future-scenario events."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

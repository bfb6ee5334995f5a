"""The URLs of localities, successions and bodies over time."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

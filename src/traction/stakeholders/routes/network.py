"""The URLs of the relationship network."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

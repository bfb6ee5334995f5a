"""The URLs of action learning sets."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

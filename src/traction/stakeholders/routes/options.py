"""The URLs of rival change options and priorities exercises."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

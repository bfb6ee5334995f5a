"""The URLs of calendar subscriptions (the feed addresses themselves are outside the partnership's URLs)."""

from django.urls import URLPattern, path

from ..views import calendars as views

urlpatterns: list[URLPattern] = [
    path("programme/<int:pk>/calendar.ics", views.ProgrammeCalendarView.as_view(), name="programme-calendar"),
    path("person/<int:pk>/calendar.ics", views.PersonCalendarView.as_view(), name="person-calendar"),
    path("calendars/", views.SubscriptionsView.as_view(), name="calendar-subscriptions"),
    path("programme/<int:pk>/subscribe/", views.ProgrammeSubscribeView.as_view(), name="programme-subscribe"),
    path("person/<int:pk>/subscribe/", views.PersonSubscribeView.as_view(), name="person-subscribe"),
]

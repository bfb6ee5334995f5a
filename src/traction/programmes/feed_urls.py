"""The calendar subscription addresses, outside any partnership's URLs and outside the login (the signed
address is the credential): included at /calendar/ by the site's URLs."""

from django.urls import URLPattern, path

from .views.calendars import subscribed_calendar

urlpatterns: list[URLPattern] = [
    path("<str:token>.ics", subscribed_calendar, name="calendar-feed"),
]

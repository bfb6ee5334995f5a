"""The unsubscribe link of the reminder emails, outside any partnership's URLs and outside the login (the
signed token is the credential): included at /reminders/ by the site's URLs."""

from django.urls import URLPattern, path

from traction.reminders import views

urlpatterns: list[URLPattern] = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="reminder-unsubscribe"),
]

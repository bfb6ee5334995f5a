"""The reminder pages, under /p/<slug>/reminders/."""

from django.urls import path

from traction.reminders import views

app_name = "reminders"
urlpatterns = [
    path("settings/", views.ReminderSettingsUpdateView.as_view(), name="settings"),
    path("mine/", views.ReminderPreferencesView.as_view(), name="preferences"),
    path("meetings/<int:pk>/matters-arising/", views.ArisingPackSendView.as_view(), name="arising-pack-send"),
]

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "traction.reminders"
    label = "reminders"
    verbose_name = "Reminder emails"

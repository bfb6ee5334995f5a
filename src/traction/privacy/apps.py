from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "traction.privacy"
    label = "privacy"
    verbose_name = "Personal data"

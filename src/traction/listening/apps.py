from django.apps import AppConfig


class ListeningConfig(AppConfig):
    name = "traction.listening"
    label = "listening"
    verbose_name = "Confidential listening"

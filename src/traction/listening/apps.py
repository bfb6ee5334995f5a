"""Confidential listening."""

from django.apps import AppConfig


class ListeningConfig(AppConfig):
    name = "traction.listening"
    label = "listening"
    verbose_name = "Confidential listening"

    def ready(self) -> None:
        from traction.listening import checks  # noqa: F401 - registers the key check

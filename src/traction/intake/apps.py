from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "traction.intake"
    label = "intake"
    verbose_name = "Documents and review"

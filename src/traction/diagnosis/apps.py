from django.apps import AppConfig


class DiagnosisConfig(AppConfig):
    name = "traction.diagnosis"
    label = "diagnosis"
    verbose_name = "Work-avoidance diagnosis"

    def ready(self) -> None:
        from traction.diagnosis import versions

        versions.connect()

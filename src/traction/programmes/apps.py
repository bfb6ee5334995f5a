from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "traction.programmes"
    label = "programmes"
    verbose_name = "Development programmes and whole-system events"

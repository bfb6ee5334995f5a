from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "traction.imports"
    label = "imports"
    verbose_name = "ModernGov import"

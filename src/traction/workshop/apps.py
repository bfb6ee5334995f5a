from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    name = "traction.workshop"
    label = "workshop"
    verbose_name = "Problem trees, shared pictures and agreement rounds"

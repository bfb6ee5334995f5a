from django.apps import AppConfig


class DirectionConfig(AppConfig):
    name = "traction.direction"
    label = "direction"
    verbose_name = "Shared direction and partnership health"

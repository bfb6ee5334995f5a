from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "traction.api"
    label = "api"
    verbose_name = "JSON API and personal API tokens"

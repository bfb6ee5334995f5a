from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "traction.commissioning"
    label = "commissioning"
    verbose_name = "The commissioning cycle"

from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "traction.stakeholders"
    label = "stakeholders"
    verbose_name = "Stakeholders and structural change"

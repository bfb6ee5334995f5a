from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "traction.governance"
    label = "governance"
    verbose_name = "Governance record"

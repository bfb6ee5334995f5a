from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    name = "traction.workshop"
    label = "workshop"
    verbose_name = "Problem trees, shared pictures and agreement rounds"

    def ready(self) -> None:
        """Open agreement rounds show on the dashboard (``traction.governance.extensions``)."""
        from traction.governance import extensions

        from .selectors import round_invitations

        extensions.register(extensions.INVITATIONS, round_invitations)

from django.apps import AppConfig


class DirectionConfig(AppConfig):
    name = "traction.direction"
    label = "direction"
    verbose_name = "Shared direction and partnership health"

    def ready(self) -> None:
        """Open trust pulses and health checks show on the dashboard (``traction.governance.extensions``)."""
        from traction.governance import extensions

        from .selectors.health import health_invitations
        from .selectors.pulse import pulse_invitations

        extensions.register(extensions.INVITATIONS, pulse_invitations)
        extensions.register(extensions.INVITATIONS, health_invitations)

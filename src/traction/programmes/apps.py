from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "traction.programmes"
    label = "programmes"
    verbose_name = "Development programmes and whole-system events"

    def ready(self) -> None:
        """Feedback forms open to the user show on the dashboard (``traction.governance.extensions``)."""
        from traction.governance import extensions

        from .selectors.feedback import feedback_invitations

        extensions.register(extensions.INVITATIONS, feedback_invitations)

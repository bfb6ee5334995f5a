from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "traction.reminders"
    label = "reminders"
    verbose_name = "Reminder emails"

    def ready(self) -> None:
        """A body's matters-arising page offers to send the pack and shows what was sent
        (``traction.governance.extensions``)."""
        from traction.governance import extensions

        from .selectors import pack_matters_arising_context

        extensions.register(extensions.MATTERS_ARISING, pack_matters_arising_context)

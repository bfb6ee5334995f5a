from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "traction.stakeholders"
    label = "stakeholders"
    verbose_name = "Stakeholders and structural change"

    def ready(self) -> None:
        """Take part in the body pages and the body form (``traction.governance.extensions``): a body's
        history shows on its pages, and a change of "reports to" keeps the old line, dated; open relationship
        surveys and priorities exercises show on the dashboard."""
        from traction.governance import extensions

        from .selectors.network import survey_invitations
        from .selectors.options import priorities_invitations
        from .selectors.structures import body_section
        from .services.reporting_lines import parent_changed

        if parent_changed not in extensions.PARENT_CHANGED:
            extensions.PARENT_CHANGED.append(parent_changed)
        if body_section not in extensions.BODY_SECTIONS:
            extensions.BODY_SECTIONS.append(body_section)
        extensions.register(extensions.INVITATIONS, survey_invitations)
        extensions.register(extensions.INVITATIONS, priorities_invitations)

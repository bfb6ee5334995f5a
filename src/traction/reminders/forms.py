"""The reminder settings form and the person's own reminder choice."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm
from traction.reminders.models import DAYS_AHEAD_BOUNDS, ReminderSettings

DAYS_AHEAD_INVALID = f"Enter a whole number of days from {DAYS_AHEAD_BOUNDS[0]} to {DAYS_AHEAD_BOUNDS[1]}."


class ReminderSettingsForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["enabled", "cadence", "weekday", "days_ahead"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = self.fields["days_ahead"]
        assert isinstance(days, forms.IntegerField)
        days.min_value, days.max_value = DAYS_AHEAD_BOUNDS
        days.widget.attrs.update(
            {"inputmode": "numeric", "min": DAYS_AHEAD_BOUNDS[0], "max": DAYS_AHEAD_BOUNDS[1]}
        )
        for key in ("invalid", "min_value", "max_value", "required"):
            days.error_messages[key] = DAYS_AHEAD_INVALID
        self.fields[
            "weekday"
        ].help_text = "Weekly reminders go on this day (or the first run after it that week)."


class ReminderChoiceForm(PartnershipForm, forms.Form):
    receive = forms.TypedChoiceField(
        label="Reminder emails",
        choices=[("yes", "Send me reminder emails"), ("no", "Do not send me reminder emails")],
        widget=forms.RadioSelect,
    )


class ArisingPackSendForm(PartnershipForm, forms.Form):
    """Sending a meeting's matters-arising pack asks nothing more: the page shows what goes to whom."""

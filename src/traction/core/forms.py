"""What every app's forms share: the partnership scoping, date and time inputs, and showing a service's
refusal on the form. Apps import these from here, never from one another."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from traction.core.ids import parse_id
from traction.core.models import Partnership, TwoFactorRequirement

DATE_INVALID = "Enter a real date, for example 31/3/2026."
TIME_INVALID = "Enter a real time, for example 14:30."
DATE_RANGE = "The ‘to’ date must be the same as or after the ‘from’ date."

T = TypeVar("T")
F = TypeVar("F", bound=forms.Field)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class QuickSelect(forms.Select):
    """Django's select, its options written here rather than through one template each, and kept (in
    ``written``, shared by the copies of a form on one page) for each selection: the same HTML in a
    fraction of the time where a form is repeated with hundreds of people to choose from. Every page
    form's plain selects are these (``PartnershipForm``)."""

    def __init__(self, attrs: Any = None, written: dict[frozenset[str], str] | None = None) -> None:
        super().__init__(attrs)
        self.written = {} if written is None else written

    def _options(self, selected: frozenset[str]) -> str:
        if selected not in self.written:
            parts = []
            for value, label in self.choices:
                if isinstance(label, list | tuple):  # a group
                    parts.append(f'<optgroup label="{escape(value)}">')
                    parts.extend(self._option(v, lab, selected) for v, lab in label)
                    parts.append("</optgroup>")
                else:
                    parts.append(self._option(value, label, selected))
            self.written[selected] = "".join(parts)
        return self.written[selected]

    @staticmethod
    def _option(value: Any, label: Any, selected: frozenset[str]) -> str:
        text = "" if value is None else str(value)
        chosen = " selected" if text in selected else ""
        return f'<option value="{escape(text)}"{chosen}>{escape(str(label))}</option>'

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        selected = frozenset(str(v) for v in self.format_value(value))
        html = f'<select name="{escape(name)}"{flatatt(final)}>{self._options(selected)}</select>'
        return mark_safe(html)  # noqa: S308 - every name, value and label is escaped above


def share_choices(form: forms.BaseForm, names: tuple[str, ...], shared: dict[str, Any]) -> None:
    """The choices of ``names`` read once for many copies of a form on one page (``shared`` keeps them,
    and their written options, between copies) and written by :class:`QuickSelect`. Validation still
    checks the field's queryset."""
    for name in names:
        field = form.fields.get(name)
        if not isinstance(field, forms.ChoiceField) or not isinstance(field.widget, forms.Select):
            continue
        if name not in shared:
            shared[name] = (list(field.choices), {})  # type: ignore[arg-type]
        choices, written = shared[name]
        quick = QuickSelect(attrs=dict(field.widget.attrs), written=written)
        quick.is_required = field.required
        field.widget = quick
        field.choices = choices


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput,
        help_text=help_text,
        error_messages={"invalid": DATE_INVALID},
    )


def required_message(field: forms.Field) -> str:
    """ "Enter the title." or "Choose the body.": says which field, unlike Django's default."""
    label = str(field.label or "this").rstrip("?").lower()
    choosing = isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.FileField))
    verb = "Choose" if choosing else "Enter"
    return f"{verb} the {label}."


class PartnershipForm:
    """Limits every related-record choice to the partnership; marks date and text inputs."""

    partnership: Partnership

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        for field in self.fields.values():  # type: ignore[attr-defined]
            if (
                isinstance(field, forms.ModelChoiceField)
                and field.queryset is not None
                and hasattr(field.queryset.model, "partnership")
            ):
                field.queryset = field.queryset.filter(partnership=partnership)
            if type(field.widget) is forms.Select:  # the same HTML, without a template per option
                quick = QuickSelect(attrs=field.widget.attrs)
                quick.choices = field.widget.choices
                quick.is_required = field.widget.is_required
                field.widget = quick
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
                field.error_messages["invalid"] = DATE_INVALID
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = required_message(field)
        guard_record_choices(self)  # type: ignore[arg-type]  # mixed into a form class
        instance = getattr(self, "instance", None)
        if instance is not None and instance.partnership_id is None:
            instance.partnership = partnership


def guard_record_choices(form: forms.BaseForm) -> None:
    """Every choice of several records in ``form`` refuses values that are not ids before querying.

    Django checks a single id's range itself, but passes a list of ids to the database as posted (SQLite
    then fails on a thirty-digit one); the form's own copies of those fields become ``RecordsChoiceField``
    (same behaviour otherwise). ``PartnershipForm`` and ``form_submit`` call this, so every page form
    gets it."""
    for field in form.fields.values():
        if type(field) is forms.ModelMultipleChoiceField:
            field.__class__ = RecordsChoiceField


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else at the top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, ValidationError(errors))
    else:
        form.add_error(None, exc)


def form_submit(form: forms.BaseForm, service: Callable[[dict[str, Any]], T]) -> T | None:
    """The service's result for the form's cleaned data, or None with the form's or the service's refusal
    shown on the form. The one way a page hands a form to a service."""
    guard_record_choices(form)
    if not form.is_valid():
        return None
    try:
        return service(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


def field_of(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's own copy of a declared field, as the kind it was declared (to set its queryset,
    choices…)."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Several records chosen by id: a value that is not an id (core.ids) is an invalid choice, refused
    before the database sees it (SQLite cannot even take a thirty-digit number as a parameter)."""

    def clean(self, value: Any) -> Any:
        for pk in value or ():
            if parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super().clean(value)


class PartnershipSettingsForm(forms.Form):
    """A partnership's sign-in settings; the model's own validation checks the domains."""

    two_factor_required = forms.ChoiceField(
        label="Require two-factor sign-in",
        widget=forms.RadioSelect,
        help_text="Members it applies to who have not set up two-factor sign-in are asked to before they can "
        "open this partnership's pages. Signing in with an organisation account counts, as the organisation "
        "checks a second factor itself.",
    )
    sso_domains = forms.CharField(
        label="Organisation sign-in domains",
        required=False,
        max_length=500,
        help_text="Email domains, separated by commas or spaces (for example nhs.net, northshire.gov.uk). "
        "Someone signing in with an organisation account at one of them joins this partnership as a viewer. "
        "Leave empty to let in only the accounts admins add.",
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"two_factor_required": partnership.two_factor_required, "sso_domains": partnership.sso_domains},
        )
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["two_factor_required"].choices = TwoFactorRequirement.choices  # type: ignore[attr-defined]
        self.fields["two_factor_required"].error_messages["required"] = (
            "Choose who must use two-factor sign-in."
        )

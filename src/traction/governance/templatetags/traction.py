"""Template helpers: accessible form fields, navigation links and tags for outcomes and statuses."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from traction.governance import fragments

register = template.Library()

_CSS = {"input": "input", "select": "select", "textarea": "textarea"}
_WIDTHS = {"date": "10", "time": "10", "number": "5"}


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def described_by(field: forms.BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.inclusion_tag("core/_field.html")
def render_field(field: forms.BoundField, width: str = "", inline: bool = False) -> dict[str, Any]:
    """A label, hint, error message and widget joined by ``aria-describedby``; radios in a fieldset."""
    kind = _kind(field.field.widget)
    attrs: dict[str, Any] = {}
    width = width or _WIDTHS.get(getattr(field.field.widget, "input_type", ""), "")
    if kind in _CSS:
        css = _CSS[kind] + (f" {_CSS[kind]}--error" if field.errors else "")
        attrs["class"] = f"{css} input--width-{width}" if width else css
    if described_by(field) and kind != "choices":
        attrs["aria-describedby"] = described_by(field)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if isinstance(field.field, forms.CharField) and field.field.max_length and kind in {"input", "textarea"}:
        attrs["maxlength"] = field.field.max_length
    widget_html = "" if kind == "choices" else field.as_widget(attrs=attrs)
    return {
        "field": field,
        "kind": kind,
        "widget_html": widget_html,
        "described_by": described_by(field),
        "inline": inline,
    }


@register.simple_tag(takes_context=True)
def nav_link(context: dict[str, Any], url_name: str, label: str, section: str) -> str:
    """A navigation link, current when the view is in the link's URL namespace and its name starts with
    ``section`` (so "diagnosis:body-profile" does not light up "Bodies")."""
    request = context.get("request")
    partnership = context.get("nav_partnership")
    if partnership is None:
        return ""
    try:
        url = reverse(url_name, kwargs={"slug": partnership.slug})
    except NoReverseMatch:
        return ""
    match = getattr(request, "resolver_match", None)
    namespace = url_name.rpartition(":")[0]
    current = bool(match and match.namespace == namespace and (match.url_name or "").startswith(section))
    if current:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)


@register.inclusion_tag("governance/_action_status.html")
def action_status(action: Any) -> dict[str, Any]:
    return {"action": action}


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def person_name(user: Any, partnership: Any) -> str:
    """How a history names the account that made a change: the person of the record it belongs to in this
    partnership, else the account's full name, else its username ("" for none)."""
    if user is None:
        return ""
    from traction.governance.models import Person

    person = Person.objects.filter(partnership=partnership, user=user).values_list("name", flat=True).first()
    return person or user.get_full_name() or user.get_username()


register.tag("record_cache", fragments.do_record_cache)

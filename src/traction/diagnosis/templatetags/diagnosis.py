"""Template helpers for the diagnosis pages: sortable table headers, the families of work avoidance."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from traction_analysis.signals import FAMILIES, Family

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context: dict[str, Any], key: str, label: str, numeric: bool = False) -> SafeString:
    """A column header that sorts the table by ``key``: a link (kept with the period), and ``aria-sort``
    on the column the table is sorted by. Following the link again reverses the order."""
    sorted_here = context.get("sort") == key
    descending = bool(context.get("descending"))
    choice = context.get("choice")
    order = "asc" if sorted_here and descending else ("desc" if sorted_here else "asc")
    query = (choice.query + "&" if choice else "") + urlencode({"sort": key, "order": order})
    aria = format_html(' aria-sort="{}"', "descending" if descending else "ascending") if sorted_here else ""
    css = mark_safe(' class="numeric"') if numeric else ""  # noqa: S308 - a constant
    hint = "sort in reverse order" if sorted_here else "sort by this column"
    return format_html(
        '<th scope="col"{}{}><a href="?{}">{}<span class="visually-hidden"> ({})</span></a></th>',
        css,
        aria,
        query,
        label,
        hint,
    )


@register.simple_tag
def work_avoidance_families() -> tuple[Family, ...]:
    """The two families of work avoidance a finding may reveal (docs/signals.md)."""
    return FAMILIES


@register.filter
def topic_title(key: str, titles: dict[str, str]) -> str:
    """A topic key as a reader sees it: its title, else the key itself."""
    return titles.get(key.strip()) or key

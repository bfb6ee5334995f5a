"""Parts of the busiest pages kept rendered between requests, under the partnership's record version.

``{% record_cache "name" part… %}…{% endrecord_cache %}`` keeps what it encloses, rendered, under
``Partnership.record_version`` (see ``traction.diagnosis.versions``: every write to the record gives the
partnership a new version once it commits, so the next request misses and renders afresh), the reader's
role (what the permission table lets them see and do; two people with one role see the same controls),
the day (overdue flags, today's date in forms), the full path with its query string, and the ``part``\\ s the
template names. The version is the one the request read at its start, before any of the record, so a page
rendered from an older record is never kept under a newer version.

What must differ between two readers with the same role is left out of the kept text: the CSRF token is
rendered as a placeholder and put back, the reader's own, on every request. A fragment must hold nothing
else that is the reader's own (one-time form tokens, messages, the reader's name), nor records that
``policy.CONFIDENTIAL`` shows to some readers of a role and not others: the key knows the role, not the
person.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import template
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from traction.core import policy

KEPT_SECONDS = 24 * 3600  # a version changes with the record; this only lets unused entries go
CSRF_PLACEHOLDER = "csrfplaceholder7c1d2e9b"  # letters and digits: escaping leaves it as it is


def fragment_key(*, context: template.Context, name: str, parts: list[Any]) -> str | None:
    """The cache key of fragment ``name`` for this request, or None where it must not be kept (no
    partnership or no signed-in reader in the context)."""
    partnership = context.get("partnership")
    request = context.get("request")
    if partnership is None or request is None or not getattr(request.user, "is_authenticated", False):
        return None
    role = policy.role_of(user=request.user, partnership=partnership)
    raw = repr(
        (
            "fragment",
            name,
            partnership.pk,
            partnership.record_version,
            role,
            timezone.localdate().isoformat(),
            request.get_full_path(),
            *parts,
        )
    )
    return "fragment:" + hashlib.sha256(raw.encode()).hexdigest()


class RecordCacheNode(template.Node):
    def __init__(self, name: template.base.FilterExpression, parts: list[Any], nodelist: Any) -> None:
        self.name = name
        self.parts = parts
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        key = fragment_key(
            context=context,
            name=str(self.name.resolve(context)),
            parts=[part.resolve(context) for part in self.parts],
        )
        if key is None:
            return mark_safe(self.nodelist.render(context))
        html = cache.get(key)
        if html is None:
            with context.push(csrf_token=CSRF_PLACEHOLDER):
                html = self.nodelist.render(context)
            cache.set(key, str(html), KEPT_SECONDS)
        return mark_safe(html.replace(CSRF_PLACEHOLDER, str(context.get("csrf_token", ""))))


def do_record_cache(parser: template.base.Parser, token: template.base.Token) -> RecordCacheNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("record_cache needs a fragment name")
    nodelist = parser.parse(("endrecord_cache",))
    parser.delete_first_token()
    return RecordCacheNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )

"""The reminder emails themselves: plain text and accessible HTML from templates, absolute links built on
``TRACTION_SITE_URL``, and the one-click unsubscribe headers (RFC 8058)."""

from __future__ import annotations

from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from traction.core.models import Partnership
from traction.governance.models import Person
from traction.reminders.selectors import ArisingPack, OwedSummary, OwnerDigest

UNSUBSCRIBE_SALT = "traction.reminders.unsubscribe"


def absolute(path: str) -> str:
    return f"{settings.TRACTION_SITE_URL}{path}"


def unsubscribe_token(person: Person) -> str:
    """The signed token of a person's unsubscribe link: it is the credential, so the link needs no login."""
    return signing.dumps({"person": person.pk}, salt=UNSUBSCRIBE_SALT, compress=False)


def person_of_token(token: str) -> Person | None:
    """The person an unsubscribe token names, or None for a forged, altered or stale one."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    pk = value.get("person") if isinstance(value, dict) else None
    return Person.objects.filter(pk=pk).select_related("partnership").first() if isinstance(pk, int) else None


def unsubscribe_url(person: Person) -> str:
    return absolute(reverse("reminder-unsubscribe", kwargs={"token": unsubscribe_token(person)}))


def _action_rows(partnership: Partnership, actions: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for action in actions:
        meeting = action.agenda_item.meeting if action.agenda_item_id else None
        rows.append(
            {
                "action": action,
                "meeting": meeting,
                "url": absolute(
                    reverse("governance:action-detail", kwargs={"slug": partnership.slug, "pk": action.pk})
                ),
            }
        )
    return rows


def owner_digest_message(*, partnership: Partnership, digest: OwnerDigest) -> EmailMultiAlternatives:
    """The digest mail to one action owner, with a fresh Message-ID (kept in the record of what was sent)."""
    context = {
        "digest": digest,
        "overdue": _action_rows(partnership, digest.overdue),
        "due_soon": _action_rows(partnership, digest.due_soon),
    }
    return _message("owner_digest", partnership=partnership, person=digest.person, context=context)


def owed_summary_message(*, partnership: Partnership, summary: OwedSummary) -> EmailMultiAlternatives:
    """The weekly "what is owed" mail to a secretary: each body's overdue and due-soon actions."""
    slug = partnership.slug
    bodies = [
        {
            "owed": owed,
            "overdue": _action_rows(partnership, owed.overdue),
            "due_soon": _action_rows(partnership, owed.due_soon),
            "url": absolute(
                reverse("governance:body-matters-arising", kwargs={"slug": slug, "pk": owed.body.pk})
            ),
        }
        for owed in summary.bodies
    ]
    context = {"summary": summary, "bodies": bodies}
    return _message("owed_summary", partnership=partnership, person=summary.person, context=context)


def arising_pack_context(*, partnership: Partnership, pack: ArisingPack) -> dict[str, Any]:
    """What the pack's templates need (the mail, and the preview on the page that sends it)."""
    slug = partnership.slug
    rows = [
        {
            "action": action,
            "meeting": action.agenda_item.meeting if action.agenda_item is not None else None,
            "update": (getattr(action, "latest_updates", None) or [None])[0],
            "url": absolute(reverse("governance:action-detail", kwargs={"slug": slug, "pk": action.pk})),
        }
        for action in pack.actions
    ]
    return {
        "pack": pack,
        "meeting": pack.meeting,
        "body": pack.body,
        "rows": rows,
        "partnership": partnership,
        "matters_url": absolute(
            reverse("governance:body-matters-arising", kwargs={"slug": slug, "pk": pack.body.pk})
        ),
        "meeting_url": absolute(
            reverse("governance:meeting-detail", kwargs={"slug": slug, "pk": pack.meeting.pk})
        ),
    }


def arising_pack_subject(*, partnership: Partnership, pack: ArisingPack) -> str:
    context = arising_pack_context(partnership=partnership, pack=pack)
    return " ".join(render_to_string("reminders/email/arising_pack_subject.txt", context).split())


def arising_pack_message(
    *, partnership: Partnership, pack: ArisingPack, person: Person, sender: str
) -> EmailMultiAlternatives:
    """The pack mailed to one member of the body. A meeting paper, not a reminder: no unsubscribe headers
    (stopping reminder emails does not stop it; see docs/user-guide.md), but marked as sent by a machine so
    that out-of-office replies stay away."""
    context = {**arising_pack_context(partnership=partnership, pack=pack), "person": person, "sender": sender}
    return _render(
        "arising_pack", to=person.email, context=context, headers={"Auto-Submitted": "auto-generated"}
    )


def _message(
    name: str, *, partnership: Partnership, person: Person, context: dict[str, Any]
) -> EmailMultiAlternatives:
    """A mail from the templates ``reminders/email/<name>{_subject.txt,.txt,.html}``, with the links and the
    unsubscribe headers every reminder carries."""
    unsubscribe = unsubscribe_url(person)
    context = {
        **context,
        "partnership": partnership,
        "person": person,
        "my_actions_url": absolute(reverse("governance:my-actions", kwargs={"slug": partnership.slug})),
        "preferences_url": absolute(reverse("reminders:preferences", kwargs={"slug": partnership.slug})),
        "unsubscribe_url": unsubscribe,
    }
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    return _render(name, to=person.email, context=context, headers=headers)


def _render(
    name: str, *, to: str, context: dict[str, Any], headers: dict[str, str]
) -> EmailMultiAlternatives:
    """A mail from the templates ``reminders/email/<name>{_subject.txt,.txt,.html}``, with a fresh Message-ID
    (kept in the record of what was sent)."""
    subject = render_to_string(f"reminders/email/{name}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"reminders/email/{name}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            "Message-ID": make_msgid(domain=urlsplit(settings.TRACTION_SITE_URL).hostname or "traction"),
            **headers,
        },
    )
    message.attach_alternative(render_to_string(f"reminders/email/{name}.html", context), "text/html")
    return message

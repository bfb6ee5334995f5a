"""Background tasks (django-tasks, database backend): run by ``python manage.py db_worker``."""

from __future__ import annotations

from django_tasks import task

from traction.reminders.services import pack_mailing_send, reminders_send_due


@task()
def send_due_reminders() -> str:
    """Send the reminder emails due now that are not sent yet (see ``reminders_send_due``)."""
    return str(reminders_send_due())


@task()
def send_arising_pack(mailing_id: int) -> str:
    """Send a meeting's matters-arising pack to its body's members, once each (see ``pack_mailing_send``)."""
    return pack_mailing_send(mailing_id=mailing_id)

"""``manage.py send_reminders``: queue the reminder emails for the worker (for cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from traction.reminders.services import reminders_send_due
from traction.reminders.tasks import send_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the task that sends the reminder emails due now (each is sent once per period, however often "
        "this runs); --now sends them in this process instead of the worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="send here and now instead of queueing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self.stdout.write(f"Reminder emails: {reminders_send_due()}.")
            return
        result = send_due_reminders.enqueue()
        self.stdout.write(f"Queued the reminder emails (task {result.id}).")

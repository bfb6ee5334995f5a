"""``manage.py listening_retention``: the daily retention job for listening exercises."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from traction.listening.models import RETENTION_WARNING_DAYS
from traction.listening.retention import retention_run


class Command(BaseCommand):
    help = (
        "Destroy, for good, the notes, highlights and name key of every listening exercise whose retention "
        f"date has passed, and warn the facilitators of those due within {RETENTION_WARNING_DAYS} days. "
        "Run it once a day (cron or a systemd timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="the date to act as of (YYYY-MM-DD), for catching up; today when left out",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = retention_run(today=options["today"])
        self.stdout.write(
            f"Warned the facilitators of {len(report.warned)} exercise(s); destroyed the notes of "
            f"{len(report.destroyed)} exercise(s)."
        )

"""``manage.py import_moderngov URL --committee NAME [--committee NAME…] [--since YYYY-MM-DD] …``"""

from __future__ import annotations

import argparse
import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from traction.imports.commandline import EXIT_OK, add_arguments, run_import_command


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


class Command(BaseCommand):
    help = (
        "Import committees' meetings, agenda items, papers and attendance from a council's ModernGov web "
        "service; minutes go to the review queue. Re-running updates in place and adds nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_arguments(parser, _iso_date)

    def handle(self, *args: Any, **options: Any) -> None:
        status = run_import_command(
            site=options["site"],
            committees=options["committee"],
            since=options["since"],
            until=options["until"],
            partnership=options["partnership"],
            user=options["user"],
            out=self.stdout,
            err=self.stderr,
        )
        if status != EXIT_OK:
            raise CommandError("the import did not complete; see above", returncode=status)

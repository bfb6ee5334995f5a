"""``manage.py load_demo [--reset] [--scale N] [--years Y]``: the demo partnerships and users that ``make
demo`` serves; with ``--scale``, at the size of a large partnership (for benchmarks)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from traction.governance.demo import DemoError, DemoSummary, load_demo

LOGIN_URL = "http://127.0.0.1:8000/login/"  # where ``make demo`` serves unless told another --login-url


class Command(BaseCommand):
    help = (
        "Load the demo partnerships (Riverside Health and Care Partnership, Northgate Community Safety "
        "Partnership) and one demo user per role. Does nothing if they are already loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo partnerships and demo users, then load them afresh. "
            "Nothing else is touched.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Repeat every body of the demo this many times, once per locality, with people to sit "
            "on them (default 1: the demo as it is). A scaled demo has 5 years of history unless --years "
            "says otherwise.",
        )
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help="How many years of meetings (default 18 months; 5 when scaled).",
        )
        parser.add_argument(
            "--login-url",
            default=LOGIN_URL,
            help=f"The address printed for logging in (default {LOGIN_URL}; make demo passes its own).",
        )

    def handle(
        self,
        *args: Any,
        reset: bool = False,
        login_url: str = LOGIN_URL,
        scale: int = 1,
        years: int | None = None,
        **options: Any,
    ) -> None:
        started = time.perf_counter()
        try:
            summary = load_demo(reset=reset, scale=scale, years=years)
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        if options.get("verbosity", 1) > 0:  # -v 0 (scripts, benchmarks) loads quietly
            self._report(summary, time.perf_counter() - started, login_url)

    def _report(self, summary: DemoSummary, seconds: float, login_url: str = LOGIN_URL) -> None:
        if summary.created:
            figures = ", ".join(f"{count} {name}" for name, count in sorted(summary.counts.items()))
            self.stdout.write(self.style.SUCCESS(f"Demo loaded in {seconds:.1f}s: {figures}."))
        else:
            self.stdout.write("The demo is already loaded; nothing changed (use --reset to reload it).")
        self.stdout.write(f"\nLog in at {login_url} with one of these users:\n")
        width = max(len(user.username) for user in summary.users)
        self.stdout.write(f"  {'username':<{width}}  {'role':<11}  partnership")
        for user in summary.users:
            self.stdout.write(f"  {user.username:<{width}}  {user.role:<11}  {user.partnership}")
        self.stdout.write(f"\nPassword for every demo user: {summary.password}")

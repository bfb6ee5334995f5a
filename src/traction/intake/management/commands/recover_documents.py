"""``manage.py recover_documents``: queue again the documents whose worker stopped while reading them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from traction.intake.services.extraction import documents_recover


class Command(BaseCommand):
    help = (
        "Queue again every document left 'Being read' by a worker that stopped (killed, crashed) longer ago "
        "than TRACTION_READ_LEASE_SECONDS. Run it before starting workers, or from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = documents_recover()
        self.stdout.write(f"Queued again {len(recovered)} document(s).")

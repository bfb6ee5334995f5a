"""Agenda items and actions that an agreement round wrote before records named their source: the source is
filled in from their provenance, so that they too link back to their round."""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.urls import reverse

SOURCE_FIELDS = ["source_model", "source_pk", "source_label", "source_url"]


def backfill(apps: Any, schema_editor: Any) -> None:
    rounds = {
        r.pk: r for r in apps.get_model("workshop", "AgreementRound").objects.select_related("partnership")
    }
    for name in ("AgendaItem", "Action"):
        model = apps.get_model("governance", name)
        for record in model.objects.filter(source_model__isnull=True, provenance__has_key="agreement_round"):
            round_ = rounds.get(record.provenance.get("agreement_round"))
            if round_ is None:
                continue
            record.source_model, record.source_pk = "workshop.agreementround", str(round_.pk)
            # As the round's own str() reads (historical models have no methods).
            record.source_label = f"agreement round {round_.pk}: {round_.title} (round {round_.number})"[:300]
            record.source_url = reverse(
                "workshop:round-detail", kwargs={"slug": round_.partnership.slug, "pk": round_.pk}
            )
            record.save(update_fields=SOURCE_FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0006_workflow_source"),
        ("workshop", "0002_k_at_least_three"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

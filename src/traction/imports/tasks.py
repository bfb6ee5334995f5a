"""The background task that runs a queued import (``manage.py db_worker`` runs the queue)."""

from __future__ import annotations

from django_tasks import task

from traction.imports.models import ImportRun, RunStatus


@task()
def run_import(run_id: int) -> str:
    from traction.imports.services import importrun_execute

    run = (
        ImportRun.objects.select_related("source", "partnership", "started_by")
        .filter(pk=run_id, status=RunStatus.QUEUED)
        .first()
    )
    if run is None:  # already run, or its source was removed meanwhile
        return "nothing to do"
    return importrun_execute(run=run).status

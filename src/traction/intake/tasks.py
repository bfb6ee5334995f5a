"""Background tasks (django-tasks, database backend): run by ``python manage.py db_worker``."""

from __future__ import annotations

from django_tasks import task

from traction.intake.services.extraction import document_extract, documents_recover


@task()
def extract_document(document_id: int) -> str:
    """Read an uploaded document and propose what it records (see ``document_extract``); first queue again
    any document whose worker stopped while reading it (``documents_recover``)."""
    documents_recover()
    return document_extract(document_id=document_id)

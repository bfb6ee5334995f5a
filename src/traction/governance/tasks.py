"""Background tasks (django-tasks, database backend): run by ``python manage.py db_worker``."""

from __future__ import annotations

from django_tasks import task

from traction.governance.papers import paper_read


@task()
def read_paper(paper_id: int) -> str:
    """Count the pages and words of a paper added on a meeting's page (see ``paper_read``)."""
    return paper_read(paper_id=paper_id)

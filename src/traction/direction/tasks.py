"""Background tasks of the shared direction (django-tasks, database backend; ``manage.py db_worker``)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from traction.direction.models import Indicator


@task()
def pull_fingertips(indicator_id: int, user_id: int | None) -> str:
    """Pull one indicator from Fingertips as the person who asked; a failure changes nothing and says why."""
    from traction.direction.services.indicators import PullFailed, indicator_pull

    indicator = Indicator.objects.select_related("partnership").filter(pk=indicator_id).first()
    actor = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if indicator is None or actor is None:  # removed meanwhile
        return "nothing to do"
    try:
        return str(indicator_pull(actor=actor, indicator=indicator))
    except PullFailed as error:
        return str(error)

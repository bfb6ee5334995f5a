"""A property-based run over the whole OpenAPI document (schemathesis, through the WSGI app in this process,
on the test database): a bounded number of generated requests per operation, with a read-write secretary's
token and the real partnership's slug. No answer may be a server error, and every answer must be one the
document declares, shaped as it says."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apikit import api_client
from areakit import furnish, path_ids
from factories import World
from traction.api.models import Scope

EXAMPLES = 12  # per operation: enough to find a crash on every path, small enough for the suite
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def wsgi_app() -> Iterator[Any]:
    """The site's WSGI app inside the test's transaction: as Django's test client does, connections are not
    closed at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_api_never_fails_and_always_answers_as_documented(
    wsgi_app: Any, world_a: World, secretary: Any
) -> None:
    headers = {
        "Authorization": f"Bearer {api_client(secretary, world_a.partnership, Scope.READ_WRITE).secret}"
    }
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app, headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 29
    slug = world_a.partnership.slug
    furnish(world_a)
    ids = {name.strip("{}"): value for name, value in path_ids(world_a).items() if name != "{slug}"}

    for operation in operations:

        @given(case=operation.as_strategy(), real=st.booleans())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any, real: bool) -> None:
            if case.path_parameters and "slug" in case.path_parameters:
                case.path_parameters["slug"] = slug  # otherwise nearly every request is a 404
                if real:  # half the time, a record that exists
                    case.path_parameters.update({k: v for k, v in ids.items() if k in case.path_parameters})
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()

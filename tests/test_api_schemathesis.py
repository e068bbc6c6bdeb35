"""Property-based requests over the OpenAPI schema of a real server: no 500s, responses match the schema.

Every operation gets a bounded number of generated requests (valid ones, then invalid ones), so the
whole run stays well under a minute.
"""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.test_web_corpus import build_db, running_server  # noqa: E402

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    db = build_db(tmp_path_factory.mktemp("schema") / "kb.db")
    with running_server(db) as url:
        yield url, schemathesis.openapi.from_url(url + "/openapi.json")


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_api_never_fails_and_matches_its_schema(api, mode):
    base, schema = api
    operations = [r.ok() for r in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/search", "/api/articles/{article_id}", "/api/entities/{name}",
                                              "/api/quotes", "/api/amounts", "/api/stories", "/api/stats"}
    for op in operations:
        @given(case=op.as_strategy(generation_mode=mode))
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call(base_url=base, timeout=30)
            assert response.status_code < 500, (case.method, case.path, case.query, response.text[:300])
            if mode is GenerationMode.POSITIVE:
                case.validate_response(response, checks=CHECKS)

        try:
            check()
        except Unsatisfiable:
            # No invalid request exists for an operation without constrained inputs (/api/stats).
            assert mode is GenerationMode.NEGATIVE, op.label

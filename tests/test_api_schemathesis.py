"""Property-based API fuzzing from the OpenAPI schema: no input may cause a 5xx.

Every operation of ``/openapi.json`` gets a bounded number of generated
requests (schemathesis strategies driven by hypothesis directly, which keeps
it independent of the schemathesis pytest plugin) so it runs in well under a
minute. ``/analyze`` uses a light analyzer (normalize only): the point is the
HTTP layer's validation and error handling, not every component's model.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from helpers_store import sample_doc

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis

from khabar.api import create_app

EXAMPLES = 30


@pytest.fixture(scope="module")
def operations(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from khabar.pipeline import Pipeline

    app = create_app(tmp_path_factory.mktemp("fuzz") / "k.db", analyzer=Pipeline(["normalize"]))
    app.state.store.put(sample_doc("d1"))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return {op.label: op for op in (r.ok() for r in schema.get_all_operations())}


LABELS = [
    "POST /analyze", "GET /documents", "GET /documents/{id}", "GET /actors", "GET /actors/{id}",
    "GET /quotes", "GET /events", "GET /export/events.csv", "GET /export/documents.jsonl",
]


def test_api_schemathesis_covers_every_operation(operations: dict[str, Any]) -> None:
    assert sorted(operations) == sorted(LABELS)


@pytest.mark.parametrize("label", LABELS)
def test_api_schemathesis_no_server_errors(operations: dict[str, Any], label: str) -> None:
    seen: list[int] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operations[label].as_strategy())
    def check(case: Any) -> None:
        response = case.call()
        seen.append(response.status_code)
        assert response.status_code < 500, (label, case.path_parameters, case.query, response.text[:300])
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body

    check()
    assert seen  # the strategy produced requests

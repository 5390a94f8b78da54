"""Per-document time limits in threads (where Dask runs tasks), not only under SIGALRM."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from khabar.batch.testing import REGISTRY
from khabar.batch.work import ChunkResult, PipelineSpec, _time_limit, compute_chunk
from khabar.reader import Item


def _in_thread(fn: Any) -> Any:
    """``fn()`` run in a fresh thread (not the main one), its result or exception returned."""
    box: list[Any] = []

    def run() -> None:
        try:
            box.append(fn())
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            box.append(e)

    t = threading.Thread(target=run)
    t.start()
    t.join(60)
    assert not t.is_alive(), "the thread never finished"
    return box[0]


def _chunk(config: dict[str, Any], timeout: float | None) -> ChunkResult:
    spec = PipelineSpec(("wstokens",), config={"wstokens": config}, registry=REGISTRY)
    items = [Item("in.jsonl", 1, '{"id": "slow", "text": "خبر کند"}'),
             Item("in.jsonl", 2, '{"id": "fast", "text": "خبر تند"}')]
    return _in_thread(lambda: compute_chunk(items, spec, "v", timeout))


@pytest.mark.parametrize(
    ("config", "timeout", "failed", "why"),
    [
        ({"spin": 30.0, "spin_on": "کند"}, 0.2, ["slow"],
         "30 s of Python work is stopped at 0.2 s; the next document is analyzed as usual"),
        ({"delay": 0.5}, 0.1, ["slow", "fast"],
         "a sleep (a C call) is not cut short, but the document still fails as too slow"),
        ({"spin": 0.05}, 5.0, [], "documents within the limit: nothing fails"),
        ({"spin": 0.3, "spin_on": "کند"}, None, [], "no limit set: slow is fine"),
    ],
)
def test_time_limit_in_a_worker_thread(config: dict[str, Any], timeout: float | None,
                                       failed: list[str], why: str) -> None:
    result = _chunk(config, timeout)
    assert isinstance(result, ChunkResult), result
    assert [f.id for f in result.failures] == failed, why
    assert {f.stage for f in result.failures} <= {"timeout"}, why
    assert [r.id for r in result.rows] == [i for i in ("slow", "fast") if i not in failed], why


def test_an_expired_limit_does_not_fire_after_the_block() -> None:
    """The timer must never raise into the thread once the document is done."""

    def work() -> str:
        for _ in range(20):
            with _time_limit(0.01):
                pass
        end = time.perf_counter() + 0.3  # Python work well past every limit
        while time.perf_counter() < end:
            pass
        return "done"

    assert _in_thread(work) == "done"

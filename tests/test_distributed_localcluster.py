"""The batch unit of work on a real (local, multi-process) Dask cluster."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from khabar.batch import read_output, run_batch
from khabar.batch.testing import REGISTRY

distributed = pytest.importorskip("distributed")

LIGHT: dict[str, Any] = {"names": ["wstokens"], "registry": REGISTRY,
                         "config": {"wstokens": {"fail_on": "انفجار"}}}


def _lines() -> list[str]:
    lines = []
    for i in range(40):
        if i == 5:
            lines.append("{broken")  # bad JSON: an error record, not a crash
        elif i == 11:
            lines.append(json.dumps({"id": "boom", "text": "انفجار در بندر"}, ensure_ascii=False))
        else:
            lines.append(json.dumps({"id": f"n{i}", "text": f"خبر {i} درباره مذاکرات وین"},
                                    ensure_ascii=False))
    return lines


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def test_distributed_run_matches_local_batch_byte_for_byte(tmp_path: Path, client: Any) -> None:
    from khabar.distributed import run_distributed

    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(_lines()) + "\n", encoding="utf-8")
    run_batch(inp, tmp_path / "local", fmt="parquet", chunk_size=8, **LIGHT)
    report = run_distributed(inp, tmp_path / "dask", scheduler=client, chunk_size=8, **LIGHT)
    assert (report.documents, report.failures) == (38, 2)
    local = sorted((tmp_path / "local").glob("part-*.parquet"))
    remote = sorted((tmp_path / "dask").glob("part-*.parquet"))
    assert [p.name for p in local] == [p.name for p in remote] and len(local) == 5
    assert [p.read_bytes() for p in local] == [p.read_bytes() for p in remote]
    assert (tmp_path / "local" / "errors.jsonl").read_text("utf-8") == (
        tmp_path / "dask" / "errors.jsonl").read_text("utf-8")
    # resume on the cluster too
    again = run_distributed(inp, tmp_path / "dask", scheduler=client, chunk_size=8, **LIGHT)
    assert again.skipped == 40 and again.documents == 0


def test_distributed_bag_gives_the_local_documents(tmp_path: Path, client: Any) -> None:
    import dask.bag as db

    from khabar.distributed import is_error, process_bag, write_bag_parquet

    lines = _lines()
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_batch(inp, tmp_path / "local", **LIGHT)
    outcomes = process_bag(db.from_sequence(lines, npartitions=3), **LIGHT)
    got = outcomes.compute(scheduler=client)
    docs = [d for d in got if not is_error(d)]
    assert docs == list(read_output(tmp_path / "local"))
    errors = [d for d in got if is_error(d)]
    assert [e["stage"] for e in errors] == ["parse", "pipeline"]
    assert errors[0]["id"].startswith("sha1-") and errors[1]["id"] == "boom"
    assert write_bag_parquet(outcomes, tmp_path / "bag") == 38
    assert len(list((tmp_path / "bag").glob("part-*.parquet"))) == 3


def test_distributed_dataframe_one_row_per_input(client: Any) -> None:
    pd = pytest.importorskip("pandas")
    import dask.dataframe as dd

    from khabar.distributed import process_dataframe

    frame = pd.DataFrame({"id": ["a", None, "c"], "text": ["سلام دنیا", "یک دو سه", ""]})
    out = process_dataframe(dd.from_pandas(frame, npartitions=2), **LIGHT).compute(
        scheduler=client)
    assert list(out["id"])[0] == "a" and list(out["id"])[2] == "c"
    assert str(list(out["id"])[1]).startswith("sha1-")  # no id: content hash
    assert list(out["error"].isna()) == [True, True, False]  # empty text is an error
    doc = json.loads(out["document"].iloc[0])
    assert [doc["text"][t["start"]:t["end"]] for t in doc["tokens"]] == ["سلام", "دنیا"]


def test_distributed_timeout_is_a_failure_on_the_workers(tmp_path: Path, client: Any) -> None:
    """Dask runs tasks in threads: the per-document limit must still stop a slow document."""
    import dask.bag as db

    from khabar.distributed import process_bag, run_distributed

    slow: dict[str, Any] = {**LIGHT, "config": {"wstokens": {"spin": 30.0, "spin_on": "کند"}}}
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False)
             for i, t in (("a", "خبر تند"), ("b", "خبر کند"), ("c", "خبر تند"))]
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run_distributed(inp, tmp_path / "dask", scheduler=client, timeout=0.5, **slow)
    assert (report.documents, report.failures) == (2, 1)
    (err,) = [json.loads(x) for x in (tmp_path / "dask" / "errors.jsonl").read_text("utf-8").splitlines()]
    assert (err["id"], err["stage"]) == ("b", "timeout")
    got = process_bag(db.from_sequence(lines, npartitions=1), timeout=0.5, **slow).compute(
        scheduler=client)
    assert [(d["id"], d.get("stage")) for d in got] == [("a", None), ("b", "timeout"), ("c", None)]

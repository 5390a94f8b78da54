"""Local batch runs: output in input order, every failure recorded, resume, versioning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khabar.batch import pipeline_version, read_output, run_batch
from khabar.batch.testing import REGISTRY
from khabar.errors import ConfigError, InputError

LIGHT: dict[str, Any] = {"names": ["wstokens"], "registry": REGISTRY,
                         "config": {"wstokens": {"fail_on": "انفجار"}}}

# (JSON line, outcome) — why each line is there is in the comment beside it.
LINES = [
    ('{"id": "a", "text": "وزیر امور خارجه گفت"}', "ok"),  # ordinary record
    ("{not json", "parse"),  # bad JSON line: error with the line number as id
    ('{"id": "b", "text": ""}', "parse"),  # empty text
    ('{"text": "خبر بی‌شناسه"}', "ok"),  # missing id: gets in.jsonl:4
    ('{"id": "c", "text": "یک انفجار رخ داد"}', "pipeline"),  # component raises on «انفجار»
    ('{"id": "d", "text": "آتش‌بس ادامه دارد", "published": "2025-06-25T10:00:00+03:30"}', "ok"),
]


def _input(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def _errors(out: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (out / "errors.jsonl").read_text("utf-8").splitlines()]


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_runner_records_every_failure_with_id_and_reason(tmp_path: Path, workers: int) -> None:
    inp = _input(tmp_path, [x for x, _ in LINES])
    out = tmp_path / "out"
    report = run_batch(inp, out, workers=workers, chunk_size=2, **LIGHT)
    docs = list(read_output(out))
    assert [d["id"] for d in docs] == ["a", "in.jsonl:4", "d"]
    assert {d["pipeline_version"] for d in docs} == {report.pipeline_version}
    errors = _errors(out)
    assert [(e["id"], e["line"], e["stage"]) for e in errors] == [
        ("in.jsonl:2", 2, "parse"), ("b", 3, "parse"), ("c", 5, "pipeline")]
    assert all(e["reason"] for e in errors)
    assert "انفجار" in errors[2]["reason"] and "wstokens" in errors[2]["reason"]
    assert (report.documents, report.failures, report.items) == (3, 3, 6)


def test_batch_runner_output_is_the_document_contract(tmp_path: Path) -> None:
    inp = _input(tmp_path, ['{"id": "x", "text": "سلام  دنیا", "source": "ایرنا"}'])
    run_batch(inp, tmp_path / "out", **LIGHT)
    (doc,) = read_output(tmp_path / "out")
    assert doc["schema"] == "khabar.document/1" and doc["meta"] == {"source": "ایرنا"}
    assert [doc["text"][t["start"]:t["end"]] for t in doc["tokens"]] == ["سلام", "دنیا"]


def test_batch_runner_resume_skips_done_chunks_and_matches(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"n{i}", "text": f"خبر شماره {i}"}, ensure_ascii=False)
             for i in range(20)]
    inp = _input(tmp_path, lines)
    full, part = tmp_path / "full", tmp_path / "part"
    run_batch(inp, full, chunk_size=3, **LIGHT)
    first = run_batch(inp, part, chunk_size=3, limit=10, **LIGHT)  # an interrupted run
    assert first.items == 10
    again = run_batch(inp, part, chunk_size=3, **LIGHT)
    # chunks 0-2 (9 items) were complete; the 4th chunk held only item 10, so it is redone
    assert again.skipped == 9 and again.documents == 11
    assert list(read_output(part)) == list(read_output(full))
    assert sorted(p.name for p in part.glob("part-*")) == sorted(p.name for p in full.glob("part-*"))


def test_batch_runner_new_pipeline_version_recomputes(tmp_path: Path) -> None:
    inp = _input(tmp_path, ['{"id": "a", "text": "یک دو"}'])
    out = tmp_path / "out"
    v1 = run_batch(inp, out, **LIGHT).pipeline_version
    other = {**LIGHT, "config": {"wstokens": {"fail_on": "هیچ"}}}
    r2 = run_batch(inp, out, **other)
    assert r2.pipeline_version != v1 and r2.skipped == 0 and r2.documents == 1
    assert [d["pipeline_version"] for d in read_output(out)] == [r2.pipeline_version]


def test_batch_runner_parquet_holds_the_same_documents(tmp_path: Path) -> None:
    inp = _input(tmp_path, [x for x, _ in LINES])
    run_batch(inp, tmp_path / "j", chunk_size=4, **LIGHT)
    run_batch(inp, tmp_path / "p", chunk_size=4, fmt="parquet", **LIGHT)
    assert list(read_output(tmp_path / "p")) == list(read_output(tmp_path / "j"))
    import pyarrow.parquet as pq

    t = pq.read_table(tmp_path / "p" / "part-000000.parquet")
    assert t.column_names == ["id", "published", "pipeline_version", "document"]


def test_batch_runner_timeout_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    inp = _input(tmp_path, ['{"id": "slow", "text": "کند"}', '{"id": "ok", "text": "تند"}'])
    slow = {**LIGHT, "config": {"wstokens": {"delay": 0.5}}}
    report = run_batch(inp, tmp_path / "out", timeout=0.05, **slow)
    assert report.failures == 2  # both sleep 0.5 s > 0.05 s
    assert {e["stage"] for e in _errors(tmp_path / "out")} == {"timeout"}


def test_batch_runner_refuses_format_change_and_concurrent_runs(tmp_path: Path) -> None:
    from khabar.batch.store import OutputDir

    inp = _input(tmp_path, ['{"id": "a", "text": "یک"}'])
    out = tmp_path / "out"
    run_batch(inp, out, **LIGHT)
    with pytest.raises(ConfigError, match="holds jsonl"):
        run_batch(inp, out, fmt="parquet", **LIGHT)
    with OutputDir(out, fmt="jsonl", chunk_size=64, version="v", pipeline=["x"]):
        with pytest.raises(InputError, match="another khabar batch run"):
            run_batch(inp, out, **LIGHT)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((["normalize", "segment"], None), (["normalize"], None)),  # names
        ((["normalize"], None), (["normalize"], {"normalize": {"digits": "latin"}})),  # options
    ],
)
def test_batch_version_changes_with_pipeline(a: tuple[Any, Any], b: tuple[Any, Any]) -> None:
    assert pipeline_version(*a) != pipeline_version(*b)


def test_batch_version_changes_with_shipped_files(monkeypatch: pytest.MonkeyPatch) -> None:
    from khabar.batch import version

    before = pipeline_version(["normalize"])
    monkeypatch.setattr(version, "shipped_digest", lambda: "another model file")
    assert pipeline_version(["normalize"]) != before


def test_batch_runner_document_killing_its_worker_is_isolated(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"n{i}", "text": "سقوط" if i == 9 else f"خبر {i}"},
                        ensure_ascii=False) for i in range(12)]
    inp = _input(tmp_path, lines)
    crash = {**LIGHT, "config": {"wstokens": {"crash_on": "سقوط"}}}  # the worker process exits
    report = run_batch(inp, tmp_path / "out", workers=2, chunk_size=2, **crash)
    assert [d["id"] for d in read_output(tmp_path / "out")] == [f"n{i}" for i in range(12) if i != 9]
    assert [(e["id"], e["stage"]) for e in _errors(tmp_path / "out")] == [("n9", "crash")]
    assert (report.documents, report.failures) == (11, 1)

"""ingest(): dedupe, per-record errors file, whole documents only, CLI shells."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.document import Document
from khabar.ingest import CHUNK, ingest
from khabar.store import open_store


def identity(doc: Document) -> Document:
    return doc


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                              for r in rows) + "\n", encoding="utf-8")
    return path


def test_ingest_run_counts_dedupes_and_reports(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": "خبر الف درباره آتش‌بس"},
        {"id": "b", "text": "خبر  الف درباره آتش‌بس "},  # same content, other whitespace: duplicate
        "{oops",
        {"id": "c", "text": ""},
        {"text": "خبر بی‌شناسه"},
    ])
    errors = tmp_path / "errors.jsonl"
    with open_store(":memory:") as store, errors.open("w", encoding="utf-8") as err:
        report = ingest([src, tmp_path / "missing.jsonl"], store, analyzer=identity, errors=err)
        assert store.count() == 2
        assert store.get("a") is not None
        (noid,) = [h.id for h in store.search("بی‌شناسه")]
        assert noid == "in.jsonl:5"  # no id: its position, as `khabar batch` names it
    assert dict(report.counts) == {"added": 2, "duplicate": 1, "failed": 3}
    lines = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert [(e["id"], e["line"], e["stage"], Path(e["path"]).name) for e in lines] == [
        ("in.jsonl:3", 3, "parse", "in.jsonl"),
        ("c", 4, "parse", "in.jsonl"),
        (str(tmp_path / "missing.jsonl"), 0, "read", "missing.jsonl"),
    ]
    assert [e["reason"].split(" (")[0].split(":")[0] for e in lines] == [
        "invalid JSON", "empty text", str(tmp_path / "missing.jsonl")]
    assert "no such file" in lines[2]["reason"]
    assert "2 added" in report.summary()


def test_ingest_run_component_failure_is_one_records_failure(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "خوب"}, {"id": "b", "text": "بد"},
                                          {"id": "c", "text": "خوب هم"}])

    def picky(doc: Document) -> Document:
        if doc.raw == "بد":
            raise ValueError("cannot analyze this")
        return doc

    with open_store(":memory:") as store:
        report = ingest([src], store, analyzer=picky)
        assert sorted(d["id"] for d in store.iter_dicts()) == ["a", "c"]
    assert report.errors == [{"id": "b", "source": "in.jsonl", "line": 2, "stage": "pipeline", "path": str(src),
                              "reason": "analysis failed: ValueError: cannot analyze this"}]


class _BatchFails:
    """An analyzer that works in chunks, like a pipeline, but whose chunk fails on a bad text."""

    def run_many(self, docs: list[Document]) -> list[Document]:
        return [self(d) for d in docs]

    def __call__(self, doc: Document) -> Document:
        if doc.raw == "بد":
            raise ValueError("cannot analyze this")
        return doc


def test_ingest_run_chunk_failure_keeps_input_order(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": "خوب"}, {"id": "b", "text": "بد"}, "{oops",
        {"id": "c", "text": "خوب هم"}, {"id": "d", "text": "بد"}, {"id": "e", "text": "خوب"},
    ])
    with open_store(":memory:") as store:
        report = ingest([src], store, analyzer=_BatchFails())
        assert sorted(d["id"] for d in store.iter_dicts()) == ["a", "c"]
    # one by one, in input order: b fails, line 3 is no JSON, d fails, e repeats a
    assert [(e["id"], e["stage"]) for e in report.errors] == [
        ("b", "pipeline"), ("in.jsonl:3", "parse"), ("d", "pipeline")]
    assert dict(report.counts) == {"added": 2, "failed": 3, "duplicate": 1}


def test_ingest_run_crash_leaves_only_whole_documents(tmp_path: Path) -> None:
    n = CHUNK + 8
    src = _jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": f"خبر شماره {i}"} for i in range(n)])
    seen = []

    def dies(doc: Document) -> Document:
        seen.append(doc.id)
        if len(seen) == CHUNK + 3:
            raise KeyboardInterrupt  # an interrupted run, in the second chunk
        return doc

    db = tmp_path / "k.db"
    with open_store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest([src], store, analyzer=dies)
    with open_store(db) as store:
        # the first chunk is stored whole; nothing of the interrupted one
        assert sorted((d["id"] for d in store.iter_dicts()), key=int) == [str(i) for i in range(CHUNK)]
        assert store.stats().documents == CHUNK
        # re-running picks up where it stopped: stored ones are duplicates now
        report = ingest([src], store, analyzer=identity)
    assert dict(report.counts) == {"duplicate": CHUNK, "added": n - CHUNK}


def test_ingest_run_progress_bar_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "خبر"}])
    with open_store(":memory:") as store:
        ingest([src], store, analyzer=identity, progress=True)
    out = capsys.readouterr()
    assert out.out == "" and "1doc" in out.err.replace(" ", "")


# -- CLI ----------------------------------------------------------------------
def test_ingest_cli_and_search_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": "برقراری آتش‌بس در منطقه", "title": "آتش‌بس"}, "{bad"])
    db, errors = tmp_path / "k.db", tmp_path / "e" / "errors.jsonl"
    assert main(["ingest", str(src), "--db", str(db), "--pipeline", "normalize", "--errors", str(errors)]) == 0
    out = capsys.readouterr()
    assert "1 added" in out.out and "1 records failed" in out.err
    assert len(errors.read_text(encoding="utf-8").splitlines()) == 1
    for q in ("آتش بس", "آتشبس"):
        assert main(["search", q, "--db", str(db), "--json"]) == 0
        hit = json.loads(capsys.readouterr().out.splitlines()[0])
        assert hit["id"] == "a" and "[" in hit["snippet"]
    assert main(["search", "ناموجود", "--db", str(db)]) == 1


def test_ingest_cli_unknown_component_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path), "--db", str(tmp_path / "k.db"), "--pipeline", "nope"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("khabar ingest: error:") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("pipeline", "code", "why"),
    [
        ("normalize,segment", 1, "no ner to make accurate: say so in one line, store nothing"),
        ("normalize,segment,timex,ner", 0, "the network added to the tagger: stored as usual"),
    ],
)
def test_ingest_cli_accurate_ner(tmp_path: Path, capsys: pytest.CaptureFixture[str], pipeline: str,
                                 code: int, why: str) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "سرگئی لاوروف در مسکو گفت."}])
    db = tmp_path / "k.db"
    assert main(["ingest", str(src), "--db", str(db), "--pipeline", pipeline,
                 "--accurate-ner"]) == code, why
    err = capsys.readouterr().err
    if code:
        assert "--accurate-ner needs the ner component" in err and len(err.strip().splitlines()) == 1
    else:
        with open_store(db) as store:
            doc = store.get("a")
        assert doc is not None and [e.label for e in doc.entities] == ["PER", "LOC"], why


def test_ingest_cli_search_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "x", "--db", str(tmp_path / "none.db")]) == 1
    assert "khabar ingest" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["ingest", "search", "serve"])
def test_ingest_cli_help_has_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert f"khabar {command}" in out and "examples:" in out

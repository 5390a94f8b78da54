"""Events out of khabar: the GDELT-style CSV, the readable lines and ``khabar events``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.document import Actor, Document, Entity, Event, Ref, Span
from khabar.events import EventCoder
from khabar.events.export import COLUMNS, events_to_csv, format_events_text

PUTIN = Actor("putin-vladimir", "Vladimir Putin", "ولادیمیر پوتین", "RUS", "GOV", "President of Russia")
ARAGHCHI = Actor("araghchi-abbas", "Abbas Araghchi", "عباس عراقچی", "IRN", "GOV", "Foreign Minister of Iran")
TEXT = "پوتین دوشنبه با عراقچی دیدار کرد. روسیه حملات را محکوم کرد."


def _doc() -> Document:
    meet = Event("V1", "CONSULT", "visit", Span(23, 32), 0, (Ref(0, 5, "E1", PUTIN),), (Ref(16, 22, "E2", ARAGHCHI),),
                 ("diplomatic",), "042", 1.9, 1, "2025-06-23")
    deny = Event("V2", "ACCUSE", "disapprove", Span(51, 60), 1, (Ref(34, 39, "E3", None),), (), (), "111", -2.0, 3,
                 None, None, True, "future")
    doc = Document.from_text(TEXT, id="dev-x", published="2025-06-25T10:00:00+03:30")
    return doc.with_layers(sentences=[Span(0, 33), Span(33, len(TEXT))], events=[meet, deny])


def test_events_export_csv_has_one_row_an_event_with_gdelt_columns():
    buf = io.StringIO()
    assert events_to_csv([_doc(), _doc()], buf) == 4
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 4
    r = rows[0]
    assert (r["article_id"], r["date"], r["source_id"], r["source_name_fa"], r["source_country"]) == (
        "dev-x", "2025-06-23", "putin-vladimir", "ولادیمیر پوتین", "RUS")
    assert (r["event_type"], r["event_mode"], r["cameo"], r["goldstein"], r["quad_class"]) == (
        "CONSULT", "visit", "042", "1.9", "1")
    assert (r["target_name"], r["target_country"], r["trigger"], r["negated"], r["modality"]) == (
        "Abbas Araghchi", "IRN", "دیدار کرد", "false", "asserted")
    assert r["sentence"] == "پوتین دوشنبه با عراقچی دیدار کرد."
    # an unlinked source keeps its words; a missing target is empty, not "None"
    r = rows[1]
    assert (r["source_id"], r["source_text"], r["target_id"], r["negated"], r["modality"]) == (
        "", "روسیه", "", "true", "future")


def test_events_export_csv_to_a_path(tmp_path: Path):
    out = tmp_path / "events.csv"
    assert events_to_csv([_doc()], out) == 2
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("article_id,published,event_id,date")


def test_events_export_text_lines_read_who_what_whom():
    lines = format_events_text(_doc())
    assert lines[0].startswith("V1 2025-06-23  پوتین [Vladimir Putin, RUS] → CONSULT/visit → عراقچی [Abbas Araghchi, IRN]")
    assert "«دیدار کرد»" in lines[0] and "CAMEO 042" in lines[0]
    assert lines[1].startswith("V2 date?") and "→ ACCUSE/disapprove → —" in lines[1]
    assert lines[1].endswith("[negated, future]")


def test_events_export_text_of_a_document_without_events():
    assert format_events_text(Document.from_text("سلام")) == []


class _BarePipeline:
    """Stands in for the full pipeline: the event coder alone, on names found by hand."""

    def analyze(self, raw: str, *, id: str = "", published: str | None = None) -> Document:
        doc = Document.from_text(raw, id=id, published=published)
        ents = []
        for k, (name, actor) in enumerate((("پوتین", PUTIN), ("عراقچی", ARAGHCHI))):
            i = raw.find(name)
            if i >= 0:
                ents.append(Entity(f"E{k}", i, i + len(name), "PER", actor))
        return EventCoder()(doc.with_layers(entities=ents))


@pytest.fixture
def bare_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    import khabar.pipeline

    monkeypatch.setattr(khabar.pipeline, "Pipeline", _BarePipeline)


def test_events_cli_writes_csv(tmp_path: Path, bare_pipeline: None, capsys: pytest.CaptureFixture[str]):
    art = tmp_path / "a.txt"
    art.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "events.csv"
    assert main(["events", str(art), "--csv", str(out), "--id", "a1"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["article_id"], r["event_type"], r["source_name"], r["target_name"]) for r in rows][0] == (
        "a1", "CONSULT", "Vladimir Putin", "Abbas Araghchi")
    assert "events written to" in capsys.readouterr().err


def test_events_cli_jsonl_reports_bad_lines(tmp_path: Path, bare_pipeline: None, capsys: pytest.CaptureFixture[str]):
    src = tmp_path / "a.jsonl"
    good = json.dumps({"id": "g1", "text": TEXT, "published": "2025-06-25T10:00:00+03:30"}, ensure_ascii=False)
    src.write_text(good + "\nnot json\n", encoding="utf-8")
    assert main(["events", str(src), "--jsonl"]) == 1
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert rows and {r["article_id"] for r in rows} == {"g1"}
    assert "line 2" in captured.err


def test_events_cli_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["events", str(tmp_path / "nope.txt")]) == 1
    captured = capsys.readouterr()
    assert "no such file" in captured.err and captured.out == ""

"""Assemble ``benchmarks/RESULTS.md`` from the tables each benchmark writes.

    .venv/bin/python benchmarks/collect.py

Each benchmark (``zwnj.py``, ``ner.py``, ``hengam.py``, ``throughput.py``) writes
its own ``benchmarks/results/<name>.md`` when run; this script only joins them,
in a fixed order, under one header. Re-run a benchmark, then this.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("zwnj", "ner", "hengam", "gold", "throughput")
HEADER = """# khabar benchmark results

Every table below was printed by a script in `benchmarks/` (named in each section) on the
2-core development machine, with the peers run in the same process or the same run. The
quality floors pinned in `tests/` are set just below these figures. Re-run a benchmark to
refresh its section, then `python benchmarks/collect.py`.
"""


def main() -> None:
    parts = [HEADER]
    files = {p.stem: p for p in (HERE / "results").glob("*.md")}
    for name in [*ORDER, *sorted(set(files) - set(ORDER))]:
        if name in files:
            body = files[name].read_text(encoding="utf-8").strip()
            # demote the section's own title so RESULTS.md has one top-level heading
            lines = body.splitlines()
            if lines and lines[0].startswith("# "):
                lines[0] = "#" + lines[0]
            parts.append("\n".join(lines))
    (HERE / "RESULTS.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'} from {len(files)} result files")


if __name__ == "__main__":
    main()

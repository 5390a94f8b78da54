"""ZWNJ restoration benchmark: khabar against hazm, shekar, parsivar, python-negar and rishe.

Run (from the repository root, ``../shared`` beside it)::

    .venv/bin/python benchmarks/zwnj.py --setup-peers   # once: creates .peers-venv/ (gitignored)
    .venv/bin/python benchmarks/zwnj.py                 # all tools, writes benchmarks/results/zwnj.md

Data: every sentence (``# text``) of the UD Persian Seraji and PerDT *test*
splits (2,055 sentences, 2,928 ZWNJs), each normalized as a separate input.
khabar's model never saw them (it is built from the UD *dev* splits and the
NER corpora by ``scripts/train_zwnj.py``).

Conditions: ``deleted`` (every ZWNJ removed), ``space`` (every ZWNJ typed as a
space) and ``gold`` (the sentence untouched).

Metric (``khabar.normalize.score``): ZWNJ decisions only. Gold and output are
each reduced to a skeleton: whitespace, ZWNJ, diacritics and kashida removed,
Arabic/Persian letter variants and all digit scripts folded. A ZWNJ sits at
the skeleton index of the character after it. True positive: a ZWNJ in the
output at a gold ZWNJ position; false positive: an output ZWNJ anywhere else
(for instance a real space turned into a ZWNJ, or a ZWNJ inside a solid word);
false negative: a gold ZWNJ missing from the output. Counts are summed over
all sentences (micro P/R/F1). When a tool changed other characters
(punctuation, digits, spelling), its skeleton is aligned to the gold with
``difflib.SequenceMatcher`` and only ZWNJs strictly inside matching blocks are
carried over, so other normalizations never count against a tool; the table
reports how many sentences needed that alignment.

Speed: characters of input per second of CPU time (``time.process_time``,
so other load on the machine does not count), summed over the three
conditions, one process, one core; model loading and imports are excluded:
each tool first normalizes as many UD *dev* sentences, in the same three
conditions, untimed — as a process that has already read other text would be
(lazy models loaded, per-word caches filled with words of other sentences). Two figures: *per sentence*
(each sentence a separate call, as scored) and *one text* (each condition's
sentences joined by newlines into one text, as when normalizing a file or an
article collection). Peers run in their
own virtual environment through a subprocess, so they never become khabar
dependencies; a peer that cannot be imported or crashes is reported with the
reason instead of being dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared")) / "data"
PEERS_VENV = ROOT / ".peers-venv"
PEERS = ("hazm", "shekar", "parsivar", "python-negar", "rishe")
OUT = ROOT / "benchmarks" / "results" / "zwnj.md"


# -- peer side: runs inside .peers-venv, imports nothing from khabar --------------
def _peer_normalizer(tool: str):  # type: ignore[no-untyped-def]
    if tool == "hazm":
        from hazm import Normalizer

        return Normalizer().normalize
    if tool == "shekar":
        from shekar import Normalizer

        return Normalizer()
    if tool == "parsivar":
        from parsivar import Normalizer

        # its statistical space correction is what restores ZWNJs
        return Normalizer(statistical_space_correction=True).normalize
    if tool == "python-negar":
        from negar.virastar import PersianEditor

        return lambda s: PersianEditor(s).cleanup()
    if tool == "rishe":
        import rishe

        return rishe.Normalizer().normalize
    raise SystemExit(f"unknown tool {tool}")


def peer_main(tool: str) -> int:
    """Read inputs (sentences and whole texts) as JSON on stdin, write outputs and CPU seconds."""
    job = json.loads(sys.stdin.read())
    try:
        fn = _peer_normalizer(tool)
        json.dump(_timed(fn, job["inputs"], job["texts"], job.get("warmup", [])), sys.stdout)
    except Exception as e:  # report any failure of a peer, whatever it is
        json.dump({"error": f"{type(e).__name__}: {e}"[:300]}, sys.stdout)
    return 0


def _timed(fn, inputs: list[str], texts: list[str], warmup: list[str]) -> dict:  # type: ignore[no-untyped-def]
    """Run ``fn`` on every sentence, then on every whole text, timing CPU seconds.

    ``warmup`` (other sentences: UD *dev*) runs first, untimed: lazy models load and
    per-word caches fill as in a process that has already read other text.
    """
    for w in warmup or [inputs[0] if inputs else "سلام"]:
        fn(w)
    t0 = time.process_time()
    outs = [fn(s) for s in inputs]
    dt = time.process_time() - t0
    t0 = time.process_time()
    for t in texts:
        fn(t)
    return {"outputs": outs, "seconds": dt, "text_seconds": time.process_time() - t0}


# -- driver side ----------------------------------------------------------------
def ud_test(split: str = "test") -> list[str]:
    out = []
    for f in sorted((DATA / "ud").glob(f"*/*-ud-{split}.conllu")):
        for line in f.open(encoding="utf-8"):
            if line.startswith("# text = "):
                out.append(line[9:].rstrip("\n"))
    return out


def setup_peers() -> None:
    if not (PEERS_VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
    pip = [str(PEERS_VENV / "bin" / "python"), "-m", "pip", "install", "-q"]
    for p in PEERS:
        r = subprocess.run([*pip, p], capture_output=True, text=True)
        print(
            f"{p}: {'ok' if r.returncode == 0 else 'FAILED ' + r.stderr.strip().splitlines()[-1]}"
        )


def run_peer(tool: str, inputs: list[str], texts: list[str], warmup: list[str]) -> dict:
    py = PEERS_VENV / "bin" / "python"
    if not py.exists():
        return {"error": "not installed (run benchmarks/zwnj.py --setup-peers)"}
    try:
        r = subprocess.run(
            [str(py), str(Path(__file__).resolve()), "--peer", tool],
            input=json.dumps({"inputs": inputs, "texts": texts, "warmup": warmup}),
            capture_output=True,
            text=True,
            timeout=3600,
            env={**os.environ, "PYTHONWARNINGS": "ignore", "OMP_NUM_THREADS": "1"},
        )
    except subprocess.TimeoutExpired:
        return {"error": "timed out after an hour"}
    if r.returncode != 0 or not r.stdout.strip():
        last = (r.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {r.returncode}: {last}"[:300]}
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        return {"error": "unreadable output: " + r.stdout[:200]}


def run_khabar(inputs: list[str], texts: list[str], warmup: list[str]) -> dict:
    from khabar.normalize import normalize_text

    return _timed(normalize_text, inputs, texts, warmup)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--peer", help=argparse.SUPPRESS)
    ap.add_argument(
        "--setup-peers", action="store_true", help="create .peers-venv and install the peers"
    )
    ap.add_argument(
        "--tools", default="khabar," + ",".join(PEERS), help="comma-separated tools to run"
    )
    ap.add_argument(
        "--limit", type=int, default=0, help="use only the first N sentences (quick runs)"
    )
    ap.add_argument(
        "--no-write", action="store_true", help="do not write benchmarks/results/zwnj.md"
    )
    args = ap.parse_args(argv)
    if args.peer:
        return peer_main(args.peer)
    if args.setup_peers:
        setup_peers()
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from khabar.normalize.score import CONDITIONS, corrupt, score_zwnj

    gold = ud_test()
    if not gold:
        print(f"needs the UD test files under {DATA}/ud", file=sys.stderr)
        return 2
    if args.limit:
        gold = gold[: args.limit]
    inputs = [corrupt(g, c) for c in CONDITIONS for g in gold]
    warmup = [corrupt(g, c) for c in CONDITIONS for g in ud_test("dev")[: len(gold)]]
    texts = ["\n".join(corrupt(g, c) for g in gold) for c in CONDITIONS]
    nchars = sum(len(s) for s in inputs)
    n_zwnj = sum(g.count("\u200c") for g in gold)
    rows = []
    for tool in args.tools.split(","):
        print(f"running {tool} …", file=sys.stderr, flush=True)
        res = (
            run_khabar(inputs, texts, warmup)
            if tool == "khabar"
            else run_peer(tool, inputs, texts, warmup)
        )
        row: dict = {"tool": tool, "version": _version(tool)}
        if "error" in res:
            row["error"] = res["error"]
        else:
            outs = res["outputs"]
            for k, cond in enumerate(CONDITIONS):
                c = score_zwnj(gold, outs[k * len(gold) : (k + 1) * len(gold)])
                row[cond] = (c.precision, c.recall, c.f1, c.misaligned)
            row["cps"] = nchars / max(res["seconds"], 1e-9)
            row["cps_text"] = (nchars + 2 * len(gold)) / max(res["text_seconds"], 1e-9)
        rows.append(row)
    table = render(rows, len(gold), n_zwnj)
    print(table)
    if not args.no_write and not args.limit:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(table, encoding="utf-8")
    return 0


def _version(tool: str) -> str:
    if tool == "khabar":
        return "this checkout"
    py = PEERS_VENV / "bin" / "python"
    if not py.exists():
        return "?"
    r = subprocess.run(
        [str(py), "-c", f"import importlib.metadata as m; print(m.version({tool!r}))"],
        capture_output=True,
        text=True,
    )
    return r.stdout.strip() or "?"


def render(rows: list[dict], n_sent: int, n_zwnj: int) -> str:
    lines = [
        "## ZWNJ restoration (UD Persian Seraji + PerDT test)",
        "",
        f"{n_sent} sentences, {n_zwnj} gold ZWNJs; each sentence normalized on its own. "
        "P/R/F1 over ZWNJ positions (metric in `benchmarks/zwnj.py`); "
        "*realigned* = sentences whose other characters the tool changed; "
        "speed in characters per CPU second. "
        "Command: `.venv/bin/python benchmarks/zwnj.py`.",
        "",
        "| tool | version | ZWNJ deleted P / R / F1 | ZWNJ as space P / R / F1 "
        "| untouched gold P / R / F1 | realigned (del/space/gold) "
        "| chars/s per sentence | chars/s one text |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['tool']} | {r['version']} | failed: {r['error']} | | | | | |")
            continue
        cells = [
            f"{p:.3f} / {rc:.3f} / **{f:.3f}**"
            for p, rc, f, _ in (r[c] for c in ("deleted", "space", "gold"))
        ]
        mis = "/".join(str(r[c][3]) for c in ("deleted", "space", "gold"))
        lines.append(
            f"| {r['tool']} | {r['version']} | {' | '.join(cells)} | {mis} "
            f"| {r['cps']:,.0f} | {r['cps_text']:,.0f} |"
        )
    for key, label in (("cps", "per sentence"), ("cps_text", "one text")):
        speeds = {r["tool"]: r.get(key) for r in rows}
        k = speeds.get("khabar")
        ratios = [f"{k / v:.2f}× {t}" for t, v in speeds.items() if t != "khabar" and k and v]
        if ratios:
            lines += [
                "",
                f"khabar's throughput ({label}) relative to each tool in the same run: "
                + ", ".join(ratios)
                + ".",
            ]
    lines += [
        "",
        "Notes: khabar's ZWNJ model is a lexicon plus affix rules that propose candidates, "
        "and a small learned decision model (two logistic regressions over word and "
        "sentence evidence) that weighs each one, all built by "
        "`scripts/train_zwnj.py` from the UD *dev* splits, ArmanPersoNERCorpus, ParsTwiNER, "
        "khabar's annotated dev articles, hazm's MIT-licensed word list (`words.dat`) and "
        "shekar's MIT-licensed compound list (`compound_words.csv`); "
        "the UD test splits are never read in training. parsivar's statistical space correction only merges spaced tokens, "
        "so it restores nothing when ZWNJs are deleted. Peers run with their default "
        "normalizer settings (parsivar with `statistical_space_correction=True`). "
        "Every tool is timed after an untimed pass over as many UD *dev* sentences in the "
        "same conditions (models loaded, caches filled with other text, as in any long run); "
        "*one text* is measured after the per-sentence pass.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())

"""Throughput of khabar on the farsnews articles: per stage, whole pipeline, scaling, memory.

Measures, in one run on the same text:

* documents/s and MB/s (UTF-8 bytes of the input text) on one core for each
  pipeline stage and for the whole pipeline (including ``to_dict`` + JSON);
* hazm's normalizer + word tokenizer on the same texts, as the baseline
  (run in ``.peers-venv`` in a subprocess, timed inside that process);
* ``khabar batch`` wall-clock throughput with 1 … N local worker processes;
* peak memory (RSS of the driver and of its workers);
* with ``--memory N``: RSS over time while N articles (the corpus repeated)
  stream through ``run_batch`` — flat means bounded memory;
* with ``--profile``: the hottest functions of the whole pipeline (cProfile).

Writes ``benchmarks/results/throughput.md`` (``--out``) and prints it::

    .venv/bin/python benchmarks/throughput.py                   # ~3-5 min on 2 cores
    .venv/bin/python benchmarks/throughput.py --profile --memory 100000
    .venv/bin/python benchmarks/throughput.py --pipeline normalize,segment --limit 300

This is a measurement, not a test: it asserts nothing, and the figures vary
with machine load (the load average is recorded beside them).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "news" / "farsnews"
PEERS = ROOT / ".peers-venv" / "bin" / "python"

HAZM_SCRIPT = r"""
import json, sys, time
t0 = time.perf_counter()
from hazm import Normalizer, word_tokenize
normalizer = Normalizer()
load = time.perf_counter() - t0
texts = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
t1 = time.perf_counter()
tokens = 0
for t in texts:
    tokens += len(word_tokenize(normalizer.normalize(t)))
t2 = time.perf_counter()
for t in texts:
    normalizer.normalize(t)
t3 = time.perf_counter()
print(json.dumps({"docs": len(texts), "seconds": t2 - t1, "normalize_seconds": t3 - t2,
                  "tokens": tokens, "load_seconds": load}))
"""


@dataclass
class Article:
    id: str
    text: str
    payload: dict[str, Any]


def load_articles(data: Path, limit: int | None) -> list[Article]:
    from khabar.reader import Record, iter_items, parse_item

    out = []
    for item in iter_items(data, "*.json"):
        rec = parse_item(item)
        if isinstance(rec, Record):
            out.append(Article(rec.id, rec.text, item.payload))
        if limit and len(out) >= limit:
            break
    return out


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


# -- 1 core, per stage -----------------------------------------------------------
@dataclass
class StageTimes:
    build: float = 0.0
    seconds: dict[str, float] = field(default_factory=dict)
    failures: int = 0


def time_stages(names: list[str], arts: list[Article], batch: int = 32) -> StageTimes:
    """CPU time per stage, the documents going through each stage ``batch`` at a time.

    That is how ``khabar batch`` runs a chunk (``Pipeline.run_many``: a component
    with a ``batch`` method, the NER tagger, decodes the chunk's sentences together);
    ``batch=1`` times one document at a time, as ``khabar analyze`` does.
    """
    from khabar.document import Document
    from khabar.pipeline import Pipeline

    st = StageTimes()
    t = time.perf_counter()
    pipe = Pipeline(names)
    st.build = time.perf_counter() - t
    st.seconds = {c.name: 0.0 for c in pipe.components}
    st.seconds["to_dict + JSON"] = 0.0
    for k in range(0, len(arts), batch):
        docs = [Document.from_text(a.text, id=a.id) for a in arts[k : k + batch]]
        try:
            for c in pipe.components:
                run = getattr(c, "batch", None)
                t = time.process_time()
                docs = run(docs) if run is not None else [c(d) for d in docs]
                st.seconds[c.name] += time.process_time() - t
            t = time.process_time()
            for d in docs:
                json.dumps(d.to_dict(), ensure_ascii=False, check_circular=False)  # as batch writes it
            st.seconds["to_dict + JSON"] += time.process_time() - t
        except Exception:  # noqa: BLE001 - a benchmark counts failures, it does not stop
            st.failures += len(docs)
    return st


def run_hazm(arts: list[Article], tmp: Path) -> dict[str, Any] | None:
    if not PEERS.exists():
        return None
    f = tmp / "hazm-input.jsonl"
    f.write_text("".join(json.dumps(a.text, ensure_ascii=False) + "\n" for a in arts), "utf-8")
    # One core, like the khabar stage timings.
    proc = subprocess.run([str(PEERS), "-c", HAZM_SCRIPT, str(f)], capture_output=True,
                          text=True, timeout=1800, env={**os.environ, "OMP_NUM_THREADS": "1"})
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
        return None
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


# -- memory sampling -----------------------------------------------------------
class RssSampler:
    """Sample the RSS of this process plus its children every ``interval`` seconds."""

    def __init__(self, interval: float = 1.0) -> None:
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.samples: list[tuple[float, float, float]] = []  # (t, driver MB, workers MB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.progress = 0

    def _run(self) -> None:
        t0 = time.perf_counter()
        while not self._stop.is_set():
            try:
                me = self.proc.memory_info().rss / 1e6
                kids = sum(c.memory_info().rss for c in self.proc.children(recursive=True)) / 1e6
            except Exception:  # noqa: BLE001 - a child may exit between listing and reading
                continue
            self.samples.append((time.perf_counter() - t0, me, kids))
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def peak(self) -> tuple[float, float]:
        if not self.samples:
            return 0.0, 0.0
        return max(s[1] for s in self.samples), max(s[1] + s[2] for s in self.samples)


def items_of(arts: list[Article], n: int) -> Iterator[Any]:
    """``n`` input items: the corpus repeated, each copy with its own ids."""
    from khabar.reader import Item

    k = 0
    while True:
        for i, a in enumerate(arts):
            if k * len(arts) + i >= n:
                return
            yield Item(f"copy{k}", i + 1, {**a.payload, "id": f"{a.id}#{k}"})
        k += 1


def cpu_seconds() -> float:
    """CPU time of this process and its reaped children (the pool's workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_workers(names: list[str], arts: list[Article], workers: int, tmp: Path,
                n: int | None = None, chunk: int = 32) -> tuple[Any, RssSampler, float]:
    """A ``run_batch`` over the articles; returns its report, RSS samples and CPU seconds."""
    from khabar.batch import run_batch
    from khabar.batch.testing import REGISTRY as LIGHT
    from khabar.pipeline import REGISTRY

    out = tmp / f"out-{workers}-{n}"
    shutil.rmtree(out, ignore_errors=True)
    cpu = cpu_seconds()
    with RssSampler(0.5 if n is None else 2.0) as sampler:
        report = run_batch(items_of(arts, n or len(arts)), out, names=names, workers=workers,
                           fmt="parquet", chunk_size=chunk, registry={**REGISTRY, **LIGHT})
    cpu = cpu_seconds() - cpu  # the pool has been joined, so its workers are counted
    shutil.rmtree(out, ignore_errors=True)
    return report, sampler, cpu


def profile(names: list[str], arts: list[Article], top: int = 25) -> list[tuple[str, float, float]]:
    from khabar.document import Document
    from khabar.pipeline import Pipeline

    pipe = Pipeline(names)
    docs = [Document.from_text(a.text, id=a.id) for a in arts]
    prof = cProfile.Profile()
    prof.enable()
    for k in range(0, len(docs), 32):
        try:
            for d in pipe.run_many(docs[k : k + 32]):
                d.to_dict()
        except Exception:  # noqa: BLE001
            pass
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (_cc, _nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        short = file.replace(str(ROOT / "src") + "/", "")
        rows.append((f"{short}:{line}:{func}", tt / total * 100, ct / total * 100))
    rows.sort(key=lambda r: -r[1])
    return rows[:top]


# -- report --------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--pipeline", default=None, help="comma-separated names (default: full)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="scale up to N")
    ap.add_argument("--memory", type=int, default=0, metavar="N",
                    help="also stream N articles through run_batch, sampling RSS")
    ap.add_argument("--memory-pipeline", default=None,
                    help="pipeline for --memory (default: same); 'wstokens' measures the batch "
                    "machinery alone (a whitespace tokenizer from khabar.batch.testing)")
    ap.add_argument("--profile", action="store_true", help="cProfile the whole pipeline")
    ap.add_argument("--stage-batch", type=int, default=32, metavar="N",
                    help="documents per stage call in the one-core timing (32, as khabar batch "
                    "chunks; 1: one document at a time, as khabar analyze)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "throughput.md")
    args = ap.parse_args(argv)

    from khabar.pipeline import DEFAULT

    names = args.pipeline.split(",") if args.pipeline else list(DEFAULT)
    arts = load_articles(args.data, args.limit)
    texts = [a.text for a in arts]
    size = mb(texts)
    lines: list[str] = []
    say = lines.append
    load0 = os.getloadavg()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                            capture_output=True).stdout.strip()
    say("# khabar throughput\n")
    say(f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} at commit `{commit}` on "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average at start {load0[0]:.2f} (the machine is "
        "shared, so figures are noisy).\n")
    say(f"Command: `.venv/bin/python benchmarks/throughput.py {' '.join(argv or sys.argv[1:])}`\n")
    say(f"Input: {len(arts)} farsnews articles (title, abstract, paragraphs), "
        f"{size:.2f} MB UTF-8, {sum(map(len, texts)) / len(arts):.0f} characters each on average.\n")
    say(f"Pipeline: `{','.join(names)}`.\n")

    # 1 core: each stage
    st = time_stages(names, arts, args.stage_batch)
    total = sum(st.seconds.values())
    say("## One core, per stage\n")
    say(f"CPU time (`time.process_time`) per stage, so other load on the machine does not "
        f"count; one cold pass (the NER word-type cache starts empty), the documents going "
        f"through each stage {args.stage_batch} at a time"
        + (" as `khabar batch` runs a chunk" if args.stage_batch > 1 else "")
        + f". Pipeline build (loading models): {st.build:.2f} s wall. Failed documents: "
        f"{st.failures}.\n")
    say("| stage | ms/doc | docs/s | MB/s | share |")
    say("|---|---:|---:|---:|---:|")
    for name, sec in st.seconds.items():
        say(f"| {name} | {sec / len(arts) * 1000:.2f} | {len(arts) / sec:.0f} | {size / sec:.2f} "
            f"| {sec / total * 100:.0f}% |")
    full_rate = len(arts) / total
    say(f"| **whole pipeline** | {total / len(arts) * 1000:.2f} | **{full_rate:.1f}** | "
        f"{size / total:.2f} | 100% |\n")

    with tempfile.TemporaryDirectory(prefix="khabar-bench-") as tmpd:
        tmp = Path(tmpd)
        hz = run_hazm(arts, tmp)
        say("## Baseline: hazm normalizer + word tokenizer, same texts, one core\n")
        if hz is None:
            say(f"hazm not available ({PEERS} missing or failed): no baseline.\n")
        else:
            hz_rate = hz["docs"] / hz["seconds"]
            ns = sum(st.seconds.get(k, 0.0) for k in ("normalize", "segment"))
            say("| system | docs/s | MB/s |")
            say("|---|---:|---:|")
            say(f"| hazm 0.10 `Normalizer().normalize` + `word_tokenize` | {hz_rate:.1f} | "
                f"{size / hz['seconds']:.2f} |")
            say(f"| hazm normalizer alone | {hz['docs'] / hz['normalize_seconds']:.1f} | "
                f"{size / hz['normalize_seconds']:.2f} |")
            if ns:
                say(f"| khabar normalize + segment | {len(arts) / ns:.1f} | {size / ns:.2f} |")
            say(f"| khabar whole pipeline | {full_rate:.1f} | {size / total:.2f} |\n")
            say(f"Whole khabar pipeline / hazm normalizer+tokenizer = **{full_rate / hz_rate:.2f}×** "
                f"the documents per second" + (f"; khabar normalize+segment / hazm = "
                f"{len(arts) / ns / hz_rate:.2f}×" if ns else "") + ".\n")

        say("## `run_batch` scaling (Parquet output, chunks of 32)\n")
        say("| workers | wall docs/s | speed-up | docs per CPU-second | CPU s | peak RSS driver "
            "| peak RSS total |")
        say("|---:|---:|---:|---:|---:|---:|---:|")
        # Warm up: the worker pipeline and pyarrow load once, outside the timed runs.
        run_workers(names, arts[:32], 1, tmp)
        base = None
        for w in range(1, args.workers + 1):
            rep, samp, cpu = run_workers(names, arts, w, tmp)
            n_items = rep.documents + rep.failures
            rate = n_items / rep.seconds
            base = base or rate
            d_peak, t_peak = samp.peak()
            say(f"| {w} | {rate:.1f} | {rate / base:.2f}× | {n_items / cpu:.1f} | {cpu:.1f} | "
                f"{d_peak:.0f} MB | {t_peak:.0f} MB |")
        say(f"\nLoad average after the scaling runs: {os.getloadavg()[0]:.2f}. Wall-clock "
            "speed-up needs idle cores to mean anything; docs per CPU-second (driver + workers) "
            "shows the machinery's overhead: equal across rows means the work parallelizes "
            "without extra cost. Both include reading, hand-off to workers and Parquet writing.\n")

        if args.memory:
            mnames = args.memory_pipeline.split(",") if args.memory_pipeline else names
            rep, samp, _cpu = run_workers(mnames, arts, args.workers, tmp, n=args.memory, chunk=64)
            say(f"## Memory while streaming {args.memory:,} articles\n")
            say(f"`run_batch` with {args.workers} worker{'s' if args.workers > 1 else ''}, pipeline `{','.join(mnames)}`, the "
                f"{len(arts)} articles repeated; {rep.documents + rep.failures:,} items in "
                f"{rep.seconds:.0f} s ({(rep.documents + rep.failures) / rep.seconds:.1f} docs/s). "
                "RSS sampled every 2 s:\n")
            say("| elapsed | driver RSS | workers RSS | total |")
            say("|---:|---:|---:|---:|")
            s = samp.samples
            picks = sorted({int(i * (len(s) - 1) / 10) for i in range(11)}) if s else []
            for i in picks:
                t, me, kids = s[i]
                say(f"| {t:.0f} s | {me:.0f} MB | {kids:.0f} MB | {me + kids:.0f} MB |")
            if len(s) > 10:
                early = max(x[1] + x[2] for x in s[len(s) // 10 : len(s) // 5 + 1])
                late = max(x[1] + x[2] for x in s[-len(s) // 10 :])
                say(f"\nPeak total RSS in the second tenth of the run: {early:.0f} MB; in the "
                    f"last tenth: {late:.0f} MB ({(late - early) / early * 100:+.1f}%).\n")

    if args.profile:
        rows = profile(names, arts[: min(len(arts), 300)])
        say(f"## Profile: whole pipeline, {min(len(arts), 300)} articles, one core (cProfile)\n")
        say("Own time (tottime) and cumulative time as a share of the profiled run:\n")
        say("| function | own % | cumulative % |")
        say("|---|---:|---:|")
        for fn, own, cum in rows:
            say(f"| `{fn}` | {own:.1f} | {cum:.1f} |")
        say("")

    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say(f"Peak RSS of the benchmark process (ru_maxrss): {peak_self:.0f} MB.\n")
    text = "\n".join(lines)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

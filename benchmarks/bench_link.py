"""Time the ``link`` component on the seed article padded to ~3,000 characters.

Usage: .venv/bin/python benchmarks/bench_link.py [--repeat 300]

Prints the best-of-5 mean CPU time per article (process time, so other
processes on the machine inflate it less than wall time): without NER entities
(the dictionary alone), with the NER's entities (the pipeline's case), and with
the linker's per-surface caches emptied before every article (a worst case: in
a batch common words and names stay cached); and a calibration loop's time so
figures from a loaded machine can be compared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.actors.linker import Linker  # noqa: E402
from khabar.document import Document  # noqa: E402
from khabar.pipeline import Pipeline  # noqa: E402

SEED = ROOT.parent / "shared" / "data" / "seed"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=300)
    args = ap.parse_args()
    raw = next(iter(sorted(SEED.glob("*.txt")))).read_text(encoding="utf-8")
    raw = (raw + "\n" + raw)[:3000]
    src = Document.from_text(raw, published="2025-06-25T10:00:00+03:30")
    doc = Pipeline(["normalize", "segment"])(src)
    with_ner = Pipeline(["normalize", "segment", "ner"])(src)
    linker = Linker()

    def measure(d: Document, *, cold: bool) -> float:
        linker(d)
        best = float("inf")
        for _ in range(5):
            t = time.process_time()
            for _ in range(args.repeat):
                if cold:  # every surface unseen, as for the first article of a batch
                    linker.clear_caches()
                linker(d)
            best = min(best, (time.process_time() - t) / args.repeat * 1000)
        return best

    warm = measure(doc, cold=False)
    ner = measure(with_ner, cold=False)
    cold = measure(with_ner, cold=True)
    t = time.process_time()
    sum(i * i for i in range(2_000_000))
    calib = (time.process_time() - t) * 1000
    print(f"link: {warm:.2f} ms CPU per article ({len(doc.text)} chars, {len(doc.tokens)} tokens); "
          f"calibration loop {calib:.0f} ms")
    print(f"link with {len(with_ner.entities)} NER entities: {ner:.2f} ms; "
          f"with cold caches: {cold:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Kill -9 a running `khabar batch`, run it again: same output as an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from khabar.batch import read_output

N_DOCS = 300
CHUNK = 10


def _command(inp: Path, out: Path, delay: float) -> list[str]:
    script = Path(sys.executable).with_name("khabar")
    prefix = [str(script)] if script.exists() else [
        sys.executable, "-c", "import sys; from khabar.cli import main; sys.exit(main(sys.argv[1:]))"]
    return [*prefix, "batch", str(inp), str(out), "--workers", "2", "--chunk-size", str(CHUNK),
            "--pipeline", "wstokens", "--component", "wstokens=khabar.batch.testing:WhitespaceTokens",
            "--config", json.dumps({"wstokens": {"delay": delay, "fail_on": "انفجار"}}),
            "--no-progress"]


def _input(tmp_path: Path) -> Path:
    lines = []
    for i in range(N_DOCS):
        if i % 50 == 7:
            lines.append("{bad json " + str(i))  # every 50th: a parse failure
        elif i % 50 == 9:
            lines.append(json.dumps({"text": f"انفجار شماره {i}"}, ensure_ascii=False))  # fails
        else:
            lines.append(json.dumps({"id": f"n{i}", "text": f"خبر شماره {i} از تهران"},
                                    ensure_ascii=False))
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_batch_resume_after_sigkill_matches_uninterrupted_run(tmp_path: Path) -> None:
    inp = _input(tmp_path)
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    subprocess.run(_command(inp, clean, 0.0), check=True, capture_output=True, timeout=60)

    # 300 docs × 20 ms over 2 workers ≈ 3 s: kill once a few chunks are on disk.
    proc = subprocess.Popen(_command(inp, killed, 0.02), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    try:
        while len(list((killed / "_state").glob("part-*.json"))) < 4:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no chunk was written in 30 s"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the driver and its worker processes
        proc.wait(timeout=10)
    done = len(list((killed / "_state").glob("part-*.json")))
    assert 4 <= done < N_DOCS // CHUNK, "the kill should land midway"

    rerun = subprocess.run(_command(inp, killed, 0.0), check=True, capture_output=True,
                           text=True, timeout=60)
    assert "items already done" in rerun.stderr

    got, want = list(read_output(killed)), list(read_output(clean))
    ids = [d["id"] for d in got]
    assert len(ids) == len(set(ids)) == N_DOCS - 12  # no duplicate, no missing
    assert got == want
    assert (killed / "errors.jsonl").read_text("utf-8") == (clean / "errors.jsonl").read_text("utf-8")
    assert not list(killed.glob(".*tmp*")), "no temporary file survives the resumed run"

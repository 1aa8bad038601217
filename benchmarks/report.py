"""Wall time of ``growth8 report`` on the default config and of ``growth8 --help`` (subprocess, imports included).

Run by hand: ``python benchmarks/report.py``. Aims: report below 10 s, --help below 0.5 s. The PDF is also timed
with ``--jobs 1`` (every chart drawn in the command's own process), and the ratio to the default (the chart
workers) is printed: measured in the same run, it holds on a busy machine when the seconds do not.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wall(args: list[str], repeat: int = 3) -> float:
    """Best wall time in seconds of ``python -m growth8 *args`` over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "growth8", *args], check=True, cwd=ROOT, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Print the timings."""
    with tempfile.TemporaryDirectory() as tmp:
        times = {}
        for fmt, lang, jobs in (
            ("pdf", "en", None),
            ("pdf", "en", 1),
            ("pdf", "id", None),
            ("xlsx", "en", None),
            ("md", "en", None),
        ):
            out = Path(tmp) / f"default_{lang}.{fmt}"
            options = ["--jobs", str(jobs)] if jobs else []
            t = wall(["report", "--format", fmt, "--lang", lang, "-o", str(out), "--force", *options], repeat=2)
            times[fmt, lang, jobs] = t
            label = " ".join(["--format", fmt, "--lang", lang, *options])
            print(f"growth8 report {label}: {t:.2f} s (aim < 10 s)")
        ratio = times["pdf", "en", 1] / times["pdf", "en", None]
        print(f"PDF, every chart in the command's process / with the chart workers: {ratio:.2f}")
    print(f"growth8 --help: {wall(['--help'], repeat=5):.3f} s (aim < 0.5 s)")


if __name__ == "__main__":
    main()

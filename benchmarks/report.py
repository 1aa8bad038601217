"""Wall time of ``growth8 report`` on the default config and of ``growth8 --help`` (subprocess, imports included).

Run by hand: ``python benchmarks/report.py``. Aims: report below 10 s, --help below 0.5 s.
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
        for fmt, lang in (("pdf", "en"), ("pdf", "id"), ("xlsx", "en"), ("md", "en")):
            out = Path(tmp) / f"default_{lang}.{fmt}"
            t = wall(["report", "--format", fmt, "--lang", lang, "-o", str(out), "--force"], repeat=2)
            print(f"growth8 report --format {fmt} --lang {lang}: {t:.2f} s (aim < 10 s)")
    print(f"growth8 --help: {wall(['--help'], repeat=5):.3f} s (aim < 0.5 s)")


if __name__ == "__main__":
    main()

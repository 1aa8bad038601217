"""Regenerate the golden outputs the tests compare against.

Run from the repository root after an intended change in results::

    python tools/regenerate_golden.py

and commit tests/golden/ with a message that says why the numbers moved.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = {"default": ROOT / "configs" / "default.yaml"}


def main() -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "GROWTH8_PLAIN": "1"}
    for name, config in GOLDEN.items():
        out = ROOT / "tests" / "golden" / name
        subprocess.run(
            [sys.executable, "-m", "growth8", "project", str(config), "--out", str(out), "--force"],
            check=True,
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        # paths and versions differ by machine; only the numbers are golden
        for extra in ("run.json", "parameters.csv"):
            (out / extra).unlink()
        print(f"wrote {out / 'projection.csv'}")


if __name__ == "__main__":
    main()

"""Regenerate the golden outputs the tests compare against: projection.csv, target.csv, max_growth.csv and
financing.csv of every shipped config (configs/*.yaml but defaults.yaml), into tests/golden/<config>/.

Run from the repository root after an intended change in results::

    python tools/regenerate_golden.py

and commit tests/golden/ with a message that says why the numbers moved.
"""

from __future__ import annotations

from pathlib import Path

import growth8
from growth8.outputs import csv_bytes
from growth8.pipeline import target_outputs

ROOT = Path(__file__).resolve().parents[1]


def golden_files(config: Path) -> dict[str, bytes]:
    """The golden files of one config, as the library computes them."""
    result = growth8.solve_target(config)
    files, _ = target_outputs(result)
    return {"projection.csv": csv_bytes(result.projection.table()), **files}


def main() -> None:
    for config in sorted((ROOT / "configs").glob("*.yaml")):
        if config.name == "defaults.yaml":
            continue
        out = ROOT / "tests" / "golden" / config.stem
        out.mkdir(parents=True, exist_ok=True)
        for name, payload in golden_files(config).items():
            (out / name).write_bytes(payload)
            print(f"wrote {out / name}")


if __name__ == "__main__":
    main()

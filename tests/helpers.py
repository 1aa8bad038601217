"""What the tests share: repository paths, the CLI runner, and small writers of SYNTHETIC inputs.

Test modules import from here (and from reference_engine.py, the independent plain-loop reference),
never from each other; benchmarks import nothing from tests/.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = ROOT / "configs"
DATA = ROOT / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHIPPED = tuple(sorted(p.name for p in CONFIGS.glob("*.yaml") if p.name != "defaults.yaml"))


def _base_year() -> int:
    """The last year of real GRDP for Banten in data/provincial.csv, read without growth8: the base year a config
    without base_year takes on the bundled data."""
    import csv

    with open(DATA / "provincial.csv", newline="") as handle:
        return max(
            int(r["year"])
            for r in csv.DictReader(handle)
            if r["series_id"] == "grdp_real" and r["province_code"] == "36"
        )


#: The bundled data's base year (2025 since the 2026-02-19 BPS release).
BASE_YEAR = _base_year()


def write_config(folder: Path, text: str, name: str = "test.yaml") -> Path:
    """Write a (SYNTHETIC) scenario config, dedented, and return its path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def scramble_after(panel, year: int, seed: int = 0):
    """The panel with everything not known at the end of ``year`` multiplied by random factors (SYNTHETIC):
    observations of later years, releases published after the as-of cut-off (``year + 1``-03-31), and national
    forecasts published after it. What an analysis as of ``year`` uses is left exactly as it was."""
    import dataclasses

    import numpy as np

    rng = np.random.default_rng(seed)
    cutoff = panel.release_cutoff(year)

    def scramble(frame, unknown):
        frame = frame.copy()
        frame.loc[unknown, "value"] = frame.loc[unknown, "value"] * rng.uniform(0.5, 1.5, int(unknown.sum()))
        return frame

    from growth8.data import PROJECTION_SERIES

    def later(frame):
        projected = frame["series_id"].isin(PROJECTION_SERIES) & (frame["vintage"] != "")
        return ((frame["year"] > year) & ~projected) | (frame["vintage"] > cutoff)

    forecasts = panel.forecasts
    return dataclasses.replace(
        panel,
        provincial=scramble(panel.provincial, later(panel.provincial)),
        national=scramble(panel.national, later(panel.national)),
        provincial_releases=scramble(panel.provincial_releases, later(panel.provincial_releases)),
        national_releases=scramble(panel.national_releases, later(panel.national_releases)),
        forecasts=scramble(forecasts, forecasts["publication_date"] > cutoff),
    )

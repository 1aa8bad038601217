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


def write_config(folder: Path, text: str, name: str = "test.yaml") -> Path:
    """Write a (SYNTHETIC) scenario config, dedented, and return its path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path

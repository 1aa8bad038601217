"""Shared fixtures. Paths are relative to the repository, so tests run from a checkout."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same property-test examples every time (a failure there is reproducible);
# locally hypothesis explores new examples on each run.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers, reference_engine

from helpers import CONFIGS, ROOT  # noqa: E402


@pytest.fixture(scope="session")
def panel():
    from growth8.data import load_panel

    return load_panel(ROOT / "data")


@pytest.fixture(scope="session")
def default_result(panel):
    import growth8

    return growth8.project(CONFIGS / "default.yaml", panel=panel)

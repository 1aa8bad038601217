"""Write calibration_2024_vintage.csv: every province's base-year values as growth8 computed them before the
data carried vintages (commit 125e8b2, data ending in 2024).

Run it against a checkout of that commit, for example::

    git worktree add /tmp/g8-2024 125e8b2
    cd /tmp/g8-2024 && PYTHONPATH=src python /path/to/tests/reference/make_calibration_2024_vintage.py > out.csv

(checked: the output is byte-identical to the bundled file).

tests/test_forecast.py checks that ``--as-of 2024`` on today's data reproduces these numbers exactly.
"""

from __future__ import annotations

import sys

from growth8.calibrate import calibrate
from growth8.config.schema import CalibrationSpec
from growth8.data import load_panel

panel = load_panel()
spec = CalibrationSpec(window=(2022, 2024), labour_growth="population", labour_window=(2015, 2020))
calibrate(panel, panel.province_codes, spec, 2024).to_frame().to_csv(sys.stdout, index=False)

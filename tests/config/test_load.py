"""Scenario configs: value forms, layering, extends, and bad input through the CLI.

Every bad-input case runs the real command (`growth8 project`) on a small config
written to a temporary folder and checks: exit code 2, the specific message
(file:line, key, value, range or suggestion), no traceback, no output written.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from growth8.cli import app
from growth8.errors import ConfigError
from growth8.pipeline import load_scenario
from helpers import CONFIGS, ROOT

runner = CliRunner()


def _data_base_year() -> int:
    """The base year a config without base_year takes on the bundled data (its last year of real GRDP)."""
    from growth8.data import load_panel

    return int(load_panel().last_complete_year("grdp_real", (36,)) or 0)


#: The bundled data's base year, and the number of projected years to the test configs' horizon (2035).
BASE = _data_base_year()

HEAD = """\
format: 1
title: test
provinces: [banten]
horizon: 2035
"""


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run_project(tmp_path: Path, config: Path, *extra: str):
    out = tmp_path / "out"
    result = runner.invoke(app, ["project", str(config), "--out", str(out), *extra])
    return result, out


# ----------------------------------------------------------------- bad input
BAD_CASES: list[tuple[str, str, str]] = [
    (
        "unknown_top_key",
        HEAD + "horizn: 2040\nscenarios: {baseline: {}}\n",
        r"case\.yaml:5:1: horizn: unknown key 'horizn' \(did you mean 'horizon'\?\)",
    ),
    (
        "unknown_parameter",
        HEAD + "parameters:\n  depreciaton: 0.04\nscenarios: {baseline: {}}\n",
        r"case\.yaml:6:3: parameters\.depreciaton: unknown parameter 'depreciaton' \(did you mean 'depreciation'\?\)",
    ),
    (
        "renamed_parameter",
        HEAD + "parameters:\n  kappa: 0.1\nscenarios: {baseline: {}}\n",
        r"unknown parameter 'kappa': kappa is not set directly: it is productive_share x investment_share",
    ),
    (
        "renamed_ldr_max",
        HEAD + "parameters:\n  ldr_max: 0.94\nscenarios: {baseline: {}}\n",
        r"case\.yaml:6:3: parameters\.ldr_max: unknown parameter 'ldr_max': ldr_max is now rim_upper: "
        r"Bank Indonesia's RIM upper bound is an incentive band, not a hard limit",
    ),
    (
        "percent_not_fraction",
        HEAD + "parameters:\n  depreciation: 4\nscenarios: {baseline: {}}\n",
        r"case\.yaml:6:3: parameters\.depreciation: depreciation = 4 fraction .* "
        r"outside the allowed range \[0, 0\.3\]; "
        r"rates are fractions: did you mean 0\.04\?",
    ),
    (
        "hard_bound",
        HEAD + "parameters:\n  capital_share: 0.99\nscenarios: {baseline: {}}\n",
        rf"capital_share = 0\.99 fraction for Banten in {BASE + 1} \(and {2035 - BASE - 1} more cells\) "
        r"is outside the allowed range \[0\.05, 0\.95\]",
    ),
    (
        "duplicate_key",
        HEAD + "horizon: 2040\nscenarios: {baseline: {}}\n",
        r"case\.yaml:5:1: horizon: duplicate key 'horizon' \(first given on line 4\)",
    ),
    (
        "yaml11_no",
        HEAD + "scenarios:\n  baseline:\n    title: no\n",
        r"case\.yaml:7:12: scenarios\.baseline\.title: 'no' is read as false by YAML 1\.1",
    ),
    (
        "yaml11_octal",
        HEAD.replace("2035", "02035") + "scenarios: {baseline: {}}\n",
        r"case\.yaml:4:10: horizon: '02035' has a leading zero, which YAML 1\.1 reads as the octal number",
    ),
    (
        "yaml11_exponent",
        HEAD + "scenarios:\n  baseline:\n    parameters:\n      capital_injection: {2026: 1e3}\n",
        r"'1e3' looks like a number but YAML 1\.1 reads it as text \(exponents need a dot and a sign: write 1000\.0",
    ),
    (
        "unknown_province",
        HEAD.replace("[banten]", "[banteen]") + "scenarios: {baseline: {}}\n",
        r"case\.yaml:3:13: provinces\[0\]: unknown province 'banteen'.*banten",
    ),
    (
        "unknown_province_in_parameter",
        HEAD + "parameters:\n  capital_injection: {bantn: {2026: 100}}\nscenarios: {baseline: {}}\n",
        r"parameters\.capital_injection\.bantn: 'bantn' is not a province, a province or a value form.*banten",
    ),
    ("no_baseline", HEAD + "scenarios:\n  push: {}\n", r"no scenario named 'baseline'; every config needs one"),
    (
        "ramp_without_by",
        HEAD + "parameters:\n  productive_share: {to: 0.5}\nscenarios: {baseline: {}}\n",
        r"a ramp needs both 'to' \(the value\) and 'by' \(the year it is reached\)",
    ),
    (
        "ramp_from_after_by",
        HEAD + "parameters:\n  productive_share: {to: 0.5, by: 2028, from: 2030}\nscenarios: {baseline: {}}\n",
        r"parameters\.productive_share\.from: 'from' \(2030\) must be before 'by' \(2028\)",
    ),
    (
        "year_before_base",
        HEAD + "parameters:\n  deposit_growth: {2019: 0.05}\nscenarios: {baseline: {}}\n",
        rf"parameters\.deposit_growth\.2019: year 2019 is before the base year {BASE}",
    ),
    (
        "initial_by_year",
        HEAD + "parameters:\n  bpd_credit_initial: {2026: 100}\nscenarios: {baseline: {}}\n",
        r"bpd_credit_initial is a base-year value and cannot change by year",
    ),
    (
        "extends_typo",
        "format: 1\nextends: defualt.yaml\nprovinces: [banten]\n",
        r"extends 'defualt\.yaml': no such file \(did you mean 'default\.yaml'\?\)",
    ),
    ("syntax_error", HEAD + "scenarios: {baseline: {}\n", r"case\.yaml:\d+:\d+: YAML syntax error"),
    (
        "target_percent",
        HEAD + "target: {growth: 8}\nscenarios: {baseline: {}}\n",
        r"target growth 8 is outside \[-0\.2, 0\.5\]; rates are fractions: did you mean 0\.08\?",
    ),
    (
        "wrong_type",
        HEAD.replace("horizon: 2035", 'horizon: "2035"') + "scenarios: {baseline: {}}\n",
        r"case\.yaml:4:1: horizon: Input should be a valid integer, got '2035'",
    ),
    (
        "unknown_ky_source",
        HEAD + "calibration: {capital_output_ratio: ky_pwt11}\nscenarios: {baseline: {}}\n",
        r"ky_pwt11.*did you mean 'ky_pwt110'",
    ),
    (
        "unknown_reference",
        HEAD + "scenarios:\n  baseline:\n    parameters:\n      bpd_credit_growth: baseline_credit_growth\n",
        r"'baseline_credit_growth' is not a number or a parameter name \(did you mean 'baseline_bpd_credit_growth'",
    ),
    ("empty_file", "", r"case\.yaml:1: the file is empty"),
    (
        "horizon_before_base",
        HEAD.replace("2035", "2020") + "scenarios: {baseline: {}}\n",
        rf"horizon 2020 must be after the base year {BASE}",
    ),
    (
        "unknown_calibration_key",
        HEAD + "calibration: {windw: [2022, 2024]}\nscenarios: {baseline: {}}\n",
        r"calibration\.windw: unknown key 'windw' \(did you mean 'window'\?\)",
    ),
    (
        "window_reversed",
        HEAD + "calibration: {window: [2024, 2022]}\nscenarios: {baseline: {}}\n",
        r"calibration\.window: window \[2024, 2022\]: the first year must not be after the last",
    ),
    (
        "unit_mismatch_reference",
        HEAD + "parameters:\n  capital_injection: bpd_credit_growth\nscenarios: {baseline: {}}\n",
        r"'bpd_credit_growth' is in fraction, but capital_injection is in Rp bn",
    ),
]


@pytest.mark.parametrize(("name", "text", "pattern"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_config(tmp_path: Path, name: str, text: str, pattern: str) -> None:
    shutil.copy(CONFIGS / "default.yaml", tmp_path / "default.yaml")
    config = write(tmp_path, text)
    result, out = run_project(tmp_path, config)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    import re

    assert re.search(pattern, result.output), result.output
    assert not out.exists()


def test_missing_config_file(tmp_path: Path) -> None:
    result, out = run_project(tmp_path, tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml: file not found" in result.output
    assert not out.exists()


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    config = write(tmp_path, HEAD + "parameters:\n  depreciaton: 0.04\n  alpha: 0.4\nscenarios:\n  push: {}\n")
    with pytest.raises(ConfigError) as info:
        load_scenario(config)
    text = str(info.value)
    assert "3 problems" in text
    assert "depreciaton" in text and "write capital_share" in text and "baseline" in text


def test_bad_data_file_through_cli(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    lines = (data / "provincial.csv").read_text().splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("grdp_real,36,2024,"))
    parts = lines[i].split(",")
    parts[3] = "5,3l"
    lines[i] = ",".join(parts)
    (data / "provincial.csv").write_text("\n".join(lines) + "\n")
    result, out = run_project(tmp_path, CONFIGS / "banten.yaml", "--data", str(data))
    assert result.exit_code == 2, result.output
    assert f"provincial.csv:{i + 1}" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


# ------------------------------------------------------------ value forms
def resolved(tmp_path: Path, panel, body: str, scenario: str = "baseline") -> dict[str, np.ndarray]:
    from growth8.pipeline import prepare

    config = write(tmp_path, HEAD.replace("[banten]", "[banten, bengkulu]") + textwrap.dedent(body))
    setup = prepare(config, panel=panel).setup
    i = setup.scenarios.index(scenario)
    return {k: v[i] for k, v in setup.values.items()}


def test_value_forms(tmp_path: Path, panel) -> None:
    v = resolved(
        tmp_path,
        panel,
        """
        parameters:
          depreciation: {2030: 0.05}
          productive_share: {to: 0.6, from: 2026, by: 2030}
          capital_injection: {bengkulu: {2027: 300}}
          additionality: {banten: 0.7}
        scenarios:
          baseline: {}
        """,
    )
    years = np.arange(2036 - v["depreciation"].shape[1], 2036)  # base year (the data's last) to the horizon
    # year map: steps carry forward
    assert np.all(v["depreciation"][:, years < 2030] == 0.0383031)
    assert np.all(v["depreciation"][:, years >= 2030] == 0.05)
    # ramp: flat before 'from', linear to 'to' by 'by', held after
    ps = v["productive_share"][0]
    start = ps[0]
    assert np.all(ps[years <= 2026] == start)
    np.testing.assert_allclose(ps[years == 2028], start + (0.6 - start) * 0.5)
    assert np.all(ps[years >= 2030] == 0.6)
    # flows do not carry forward
    inj = v["capital_injection"]
    assert inj[1, years == 2027] == 300 and inj[1].sum() == 300 and inj[0].sum() == 0
    # per province
    assert np.all(v["additionality"][0] == 0.7) and np.all(v["additionality"][1] == 0.5)


def test_layers_and_references(tmp_path: Path, panel) -> None:
    v = resolved(
        tmp_path,
        panel,
        """
        parameters:
          baseline_bpd_credit_growth: 0.05
        scenarios:
          baseline: {}
          push:
            parameters:
              baseline_bpd_credit_growth: 0.04
              bpd_credit_growth: {2026: 0.2}
        """,
        scenario="push",
    )
    # bpd_credit_growth defaults to baseline_bpd_credit_growth of the same scenario, then is overridden from 2026
    years = np.arange(2036 - v["bpd_credit_growth"].shape[1], 2036)  # base year (the data's last) to the horizon
    assert np.all(v["bpd_credit_growth"][:, years < 2026] == 0.04)
    assert np.all(v["bpd_credit_growth"][:, years >= 2026] == 0.2)


def test_extends_overrides_only_what_it_changes(panel) -> None:
    parent = load_scenario(CONFIGS / "default.yaml")
    child = load_scenario(CONFIGS / "banten.yaml")
    assert child.provinces == (36,) and parent.provinces == (36, 17)
    assert child.scenarios == parent.scenarios == ("baseline", "bpd_push")
    assert child.horizon == parent.horizon and child.target == parent.target
    assert [o.parameter for o in child.overrides["bpd_push"]] == [o.parameter for o in parent.overrides["bpd_push"]]
    assert child.files == (CONFIGS / "default.yaml", CONFIGS / "banten.yaml")


def test_soft_bound_warns(tmp_path: Path) -> None:
    config = write(tmp_path, HEAD + "parameters:\n  depreciation: 0.1\nscenarios: {baseline: {}}\n")
    result, _out = run_project(tmp_path, config)
    assert result.exit_code == 0, result.output
    assert "warning: " in result.output and "outside its usual range [0.02, 0.08]" in result.output


def test_config_hash_tracks_content(tmp_path: Path, panel) -> None:
    a = write(tmp_path, HEAD + "scenarios: {baseline: {}}\n", "a.yaml")
    b = write(tmp_path, "# a comment\n" + HEAD + "scenarios: {baseline: {}}\n", "b.yaml")
    c = write(tmp_path, HEAD + "parameters: {depreciation: 0.04}\nscenarios: {baseline: {}}\n", "c.yaml")
    ha, hb, hc = (load_scenario(p).config_hash for p in (a, b, c))
    assert ha == hb  # comments do not change the resolved configuration
    assert ha != hc

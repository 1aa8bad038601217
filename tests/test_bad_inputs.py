"""Bad inputs through the command line: one specific message, exit code 2, nothing written.

One row per case: the config text (or raw bytes), the command line, an optional change to a copy of the data
folder, and the regular expression the message must match. Every case runs the real command with typer's
CliRunner and checks: exit code 2, the message, no "internal error" and no traceback, and that no output was
written. The classes: user mistakes that used to end in an internal error, the ceilings checked before any
work starts (growth8.config.limits), values that used to pass silently, and messages that used to mislead.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from growth8.cli import app
from helpers import BASE_YEAR, DATA

runner = CliRunner()

HEAD = """\
format: 1
title: test
provinces: [banten]
horizon: 2035
"""
BASE = HEAD + "scenarios: {baseline: {}}\n"
MC = BASE + "uncertainty:\n  parameters:\n    tfp_growth: {dist: normal, sd: 0.005}\n"


@dataclass(frozen=True)
class Case:
    """One bad input: what is given, and the message it must give."""

    name: str
    pattern: str
    config: str | bytes | None = BASE
    args: tuple[str, ...] = ("project", "{config}", "--out", "{out}")
    data: Callable[[Path], None] | None = None


# ------------------------------------------------------------------ changes to a copy of the data folder
def replace_line(name: str, start: str, new: str) -> Callable[[Path], None]:
    """Replace the line of ``name`` that starts with ``start`` by ``new``."""

    def edit(folder: Path) -> None:
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        hits = [i for i, line in enumerate(lines) if line.startswith(start)]
        assert hits, start
        lines[hits[0]] = new + "\n"
        path.write_text("".join(lines), encoding="utf-8")

    return edit


def drop_lines(name: str, start: str) -> Callable[[Path], None]:
    """Drop every line of ``name`` that starts with ``start``."""

    def edit(folder: Path) -> None:
        path = folder / name
        kept = [
            line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith(start)
        ]
        path.write_text("".join(kept), encoding="utf-8")

    return edit


def recode(name: str, encoding: str) -> Callable[[Path], None]:
    """Save ``name`` in another encoding, with a character that encoding writes differently from UTF-8."""

    def edit(folder: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8").replace("Aceh,Aceh,Sumatera", "Acéh,Aceh,Sumatera")
        path.write_bytes(text.encode(encoding))

    return edit


def put_bytes(name: str, raw: bytes) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / name
        path.write_bytes(path.read_bytes() + raw)

    return edit


def grow(name: str, size: int) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        with (folder / name).open("ab") as handle:
            handle.write(b"\n" * size)

    return edit


def billion_laughs() -> str:
    text = BASE + 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    previous = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return text


EIGHT_MISTAKES = HEAD.replace("horizon: 2035\n", "horizn: 2040\n") + textwrap.dedent(
    """\
    seed: -5
    parameters: {depreciation: 4, capital_shar: 0.3}
    scenarios: {baseline: {titel: x}, p2: {parameters: {capital_share: 2, bpd_credit_growth: {2010: 0.1}}}}
    uncertainty: {draws: -1, histogram_bins: 3}
    target: {by: 2010, growth: 8}
    """
)

SWEEP = ("sweep", "{config}", "--out", "{out}")
ALL = MC.replace("provinces: [banten]", "provinces: all").replace("horizon: 2035", "horizon: 2045")

CASES = [
    # ---- 1. user mistakes that used to end in an internal error
    Case(
        "seed_option_negative",
        r"--seed must be a whole number from 0 to 2\*\*63 - 1, got -1",
        MC,
        ("project", "{config}", "--out", "{out}", "--draws", "10", "--seed", "-1"),
    ),
    Case(
        "seed_config_negative",
        r"case\.yaml:5:1: seed: seed must be a whole number from 0 to 2\*\*63 - 1, got -1",
        HEAD + "seed: -1\nscenarios: {baseline: {}}\n",
    ),
    Case(
        "seed_config_too_large",
        r"case\.yaml:5:1: seed: seed must be a whole number .*got 9223372036854775808",
        HEAD + "seed: 9223372036854775808\nscenarios: {baseline: {}}\n",
    ),
    Case(
        "seed_config_negative_report",
        r"seed: seed must be a whole number",
        MC + "seed: -3\n",
        ("report", "{config}", "--out", "{out}/r.md", "--no-estimation"),
    ),
    Case(
        "data_zero_grdp",
        r"provincial\.csv:\d+:4: value: value 0\.0 of 'grdp_real' must be above zero",
        data=replace_line("provincial.csv", "grdp_real,36,2024,", "grdp_real,36,2024,0,bps_mutiarasaf,,,"),
    ),
    Case(
        "data_zero_population",
        r"provincial\.csv:\d+:4: value: value 0\.0 of 'population' must be above zero",
        data=replace_line("provincial.csv", "population,36,2015,", "population,36,2015,0,bps_indodapoer,,,"),
    ),
    Case(
        "data_zero_nominal_grdp",
        r"provincial\.csv:\d+:4: value: value 0\.0 of 'grdp_nominal' must be above zero",
        data=replace_line("provincial.csv", "grdp_nominal,36,2023,", "grdp_nominal,36,2023,0,x,,,"),
    ),
    Case(
        "grid_zero_step",
        r"--grid 'bpd_credit_growth=0:1:0': the step must be above zero",
        BASE,
        (*SWEEP, "--grid", "bpd_credit_growth=0:1:0"),
    ),
    Case("grid_negative_step", r"the step must be above zero", BASE, (*SWEEP, "--grid", "bpd_credit_growth=0:1:-0.1")),
    Case(
        "grid_reversed",
        r"--grid 'bpd_credit_growth=1:0:0\.1': the stop is below the start",
        BASE,
        (*SWEEP, "--grid", "bpd_credit_growth=1:0:0.1"),
    ),
    Case(
        "grid_infinite",
        r"the values must be finite numbers, not inf or nan",
        BASE,
        (*SWEEP, "--grid", "bpd_credit_growth=0:inf:0.1"),
    ),
    Case(
        "grid_nan_value",
        r"--grid 'productive_share=0\.3,nan': the values must be finite",
        BASE,
        (*SWEEP, "--grid", "productive_share=0.3,nan"),
    ),
    Case(
        "grid_two_numbers",
        r"a range is start:stop:step, three numbers",
        BASE,
        (*SWEEP, "--grid", "productive_share=0:1"),
    ),
    Case(
        "grid_unknown_lever",
        r"--grid: unknown parameter 'productive_shar' \(did you mean 'productive_share'",
        BASE,
        (*SWEEP, "--grid", "productive_shar=0.3,0.5"),
    ),
    Case(
        "grid_twice",
        r"the lever productive_share is given twice",
        BASE,
        (*SWEEP, "--grid", "productive_share=0.3", "--grid", "productive_share=0.5"),
    ),
    Case(
        "yaml_deep_lists",
        r"case\.yaml:6:\d+: mappings and lists are nested more than 32 levels deep",
        BASE + "description: " + "[" * 3000 + "]" * 3000 + "\n",
        ("validate", "{config}"),
    ),
    Case(
        "yaml_deep_mappings",
        r"case\.yaml:6:\d+: mappings and lists are nested more than 32 levels deep",
        BASE + "description: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n",
        ("validate", "{config}"),
    ),
    Case("province_unknown_digits", r"provinces\[0\]: unknown province '٩٩'", BASE.replace("[banten]", "['٩٩']")),
    Case("province_superscript_unknown", r"provinces\[0\]: unknown province '⁹⁹'", BASE.replace("[banten]", "['⁹⁹']")),
    # ---- 2. ceilings checked before any work starts
    Case(
        "draws_option_huge",
        r"--draws must be from 0 to 1,000,000, got 1,000,000,000,000",
        MC,
        ("project", "{config}", "--out", "{out}", "--draws", "1000000000000"),
    ),
    Case(
        "draws_report_huge",
        r"--draws must be from 0 to 1,000,000",
        MC,
        ("report", "{config}", "--out", "{out}/r.md", "--draws", "1000000000000"),
    ),
    Case(
        "draws_config_huge",
        r"case\.yaml:9:\d+: uncertainty\.draws: draws must be from 0 to 1,000,000 .*got 1,000,000,000,000",
        MC + "  draws: 1000000000000\n",
        ("report", "{config}", "--out", "{out}/r.md"),
    ),
    Case("draws_config_negative", r"uncertainty\.draws: draws must be from 0 to 1,000,000", MC + "  draws: -1\n"),
    Case(
        "draws_times_provinces",
        r"500,000 draws of 1 scenario\(s\) and 38 province\(s\) is 19,000,000 projections, above "
        r"the ceiling of 16,000,000 .*at most 421,052 draws",
        ALL,
        ("project", "{config}", "--out", "{out}", "--draws", "500000"),
    ),
    Case(
        "exact_quantiles_memory",
        r"uncertainty\.quantiles: this Monte Carlo needs about [\d.]+ GiB of memory \(exact "
        r"quantiles\), above the ceiling of 4\.0 GiB",
        ALL + "  quantiles: exact\n",
        ("project", "{config}", "--out", "{out}", "--draws", "400000"),
    ),
    Case("chunk_zero", r"uncertainty\.chunk: chunk must be from 1 to 10,000 draws .*got 0", MC + "  chunk: 0\n"),
    Case("chunk_huge", r"chunk must be from 1 to 10,000 draws .*got 100,000,000", MC + "  chunk: 100000000\n"),
    Case(
        "grid_tiny_step",
        r"this range holds more than 1,000,000 values; the most is 100,000 grid points",
        BASE,
        (*SWEEP, "--grid", "bpd_credit_growth=0:1:1e-9"),
    ),
    Case(
        "grid_product",
        r"the sweep grid has 1,002,001 points .* the most is 100,000",
        BASE,
        (*SWEEP, "--grid", "bpd_credit_growth=0:1:0.001", "--grid", "productive_share=0:1:0.001"),
    ),
    Case(
        "grid_config_product",
        r"case\.yaml:\d+:\d+: sweep\.grid: the sweep grid has 1,000,000 points",
        BASE
        + "sweep:\n  grid:\n"
        + "".join(
            f"    {n}: [{', '.join(['0.1'] * 100)}]\n"
            for n in ("bpd_credit_growth", "productive_share", "deposit_growth")
        ),
        ("validate", "{config}"),
    ),
    Case(
        "config_too_large",
        r"case\.yaml: the file is [\d,]+ bytes, above the limit of 1,048,576 bytes",
        BASE + "description: >-\n" + ("  " + "x" * 70 + "\n") * 16000,
        ("validate", "{config}"),
    ),
    Case(
        "billion_laughs",
        r"case\.yaml:\d+:\d+: the file holds more than 200,000 values once its YAML aliases",
        billion_laughs(),
        ("validate", "{config}"),
    ),
    Case(
        "recursive_alias",
        r"alias \*a refers to the value it is inside",
        BASE + "a: &a [1, *a]\n",
        ("validate", "{config}"),
    ),
    Case(
        "data_file_too_large",
        r"provincial\.csv: the data file is [\d,]+ bytes, above the limit of 16,777,216 bytes",
        data=grow("provincial.csv", 17 * 2**20),
    ),
    Case(
        "jobs_too_many",
        r"Invalid value for '--jobs'",
        BASE,
        (*SWEEP, "--grid", "productive_share=0.3", "--jobs", "100000"),
    ),
    # ---- 3. values that used to pass silently
    Case(
        "target_before_base",
        r"case\.yaml:5:\d+: target\.by: target by year 2010 is outside the projected years: "
        rf"choose a year from {BASE_YEAR + 1} .* to the horizon 2035",
        HEAD + "target: {by: 2010}\nscenarios: {baseline: {}}\n",
    ),
    Case(
        "target_in_base_year",
        rf"target by year {BASE_YEAR} is outside the projected years",
        HEAD + f"target: {{by: {BASE_YEAR}}}\nscenarios: {{baseline: {{}}}}\n",
    ),
    Case(
        "target_after_horizon",
        r"target by year 2040 is outside the projected years",
        HEAD + "target: {by: 2040}\nscenarios: {baseline: {}}\n",
    ),
    Case(
        "target_start_before_base",
        r"target\.start: target start year 2020",
        HEAD + "target: {path: constant, start: 2020}\nscenarios: {baseline: {}}\n",
    ),
    Case(
        "target_window_before_base",
        r"target\.window: target window \[2020, 2030\] must be ordered and within",
        HEAD + "target: {path: average, window: [2020, 2030]}\nscenarios: {baseline: {}}\n",
    ),
    Case(
        "province_target_before_base",
        r"target\.provinces\.banten\.by: target by year 2015",
        HEAD + "target: {provinces: {banten: {by: 2015}}}\nscenarios: {baseline: {}}\n",
    ),
    Case(
        "histogram_bins_zero",
        r"uncertainty\.histogram_bins: histogram_bins must be from 16 to 65,536, got 0",
        MC + "  histogram_bins: 0\n  quantiles: histogram\n",
    ),
    Case(
        "histogram_bins_huge",
        r"histogram_bins must be from 16 to 65,536, got 1,000,000,000",
        MC + "  histogram_bins: 1000000000\n",
    ),
    Case(
        "uncertainty_window_outside",
        r"uncertainty\.window: uncertainty window \[2050, 2060\] must be ordered and within "
        rf"the projected years, {BASE_YEAR + 1} to the horizon 2035",
        MC + "  window: [2050, 2060]\n",
    ),
    Case(
        "uncertainty_window_reversed",
        r"uncertainty window \[2030, 2026\] must be ordered",
        MC + "  window: [2030, 2026]\n",
    ),
    Case("uncertainty_window_before_base", r"uncertainty window \[2010, 2030\]", MC + "  window: [2010, 2030]\n"),
    Case(
        "grid_config_empty",
        r"sweep\.grid\.productive_share",
        BASE + "sweep: {grid: {productive_share: []}}\n",
        ("validate", "{config}"),
    ),
    # ---- 4. messages that used to mislead
    Case(
        "dist_unknown_key",
        r"uncertainty\.parameters\.tfp_growth\.sdd: unknown key 'sdd' \(did you mean 'sd'\?\); "
        r"allowed keys here: dist, sd, low, high, mode, shared",
        MC.replace("sd: 0.005", "sdd: 0.005"),
    ),
    Case(
        "dist_kind_typo",
        r"'normall' is not allowed \(did you mean 'normal'",
        MC.replace("dist: normal", "dist: normall"),
    ),
    Case(
        "correlation_unknown_key",
        r"uncertainty\.correlation\.0\.rh: unknown key 'rh' \(did you mean 'rho'\?\)",
        MC + "  correlation: [{between: [tfp_growth, tfp_growth], rh: 0.5}]\n",
    ),
    Case(
        "province_target_unknown_key",
        r"target\.provinces\.banten\.byy: unknown key 'byy' \(did you mean 'by'\?\); "
        r"allowed keys here: growth, by, path, start, window",
        HEAD + "target: {provinces: {banten: {byy: 2030}}}\nscenarios: {baseline: {}}\n",
    ),
    Case(
        "scenario_unknown_key",
        r"scenarios\.baseline\.titel: unknown key 'titel' \(did you mean 'title'",
        HEAD + "scenarios: {baseline: {titel: x}}\n",
    ),
    Case(
        "province_not_text",
        r"provinces\[0\]: a province is a name, slug or BPS code .*got 36\.0",
        BASE.replace("[banten]", "[36.0]"),
    ),
    Case(
        "provinces_not_a_list",
        r"provinces: provinces must be all or a list of provinces .*got 'banten'",
        BASE.replace("[banten]", "banten"),
    ),
    Case(
        "province_abbreviation_typo",
        r"unknown province 'jabr' \(did you mean 'jawa_barat'",
        BASE.replace("[banten]", "[jabr]"),
    ),
    Case(
        "data_series_missing",
        r"series\.csv: grdp_nominal: the data folder .*data_copy has no series 'grdp_nominal'",
        data=lambda f: (drop_lines("series.csv", "grdp_nominal,")(f), drop_lines("provincial.csv", "grdp_nominal,")(f)),
    ),
    Case(
        "data_rows_missing_real_path",
        rf"data_copy/provincial\.csv: grdp_nominal: no grdp_nominal for Banten \(36\) in {BASE_YEAR}",
        data=drop_lines("provincial.csv", "grdp_nominal,36,"),
    ),
    Case(
        "data_published_missing",
        r"data_copy/published\.csv: bpd_car_2023_11: this file has no key 'bpd_car_2023_11'",
        data=drop_lines("published.csv", "bpd_car_2023_11,"),
    ),
    Case(
        "data_latin1",
        r"1 problem in data:\n  .*provinces\.csv:2:\d+: not UTF-8 text: byte \d+ \(0xE9\)",
        data=recode("provinces.csv", "latin-1"),
    ),
    Case(
        "data_utf16",
        r"1 problem in data:\n  .*provinces\.csv:1: the file is saved as UTF-16",
        data=recode("provinces.csv", "utf-16"),
    ),
    Case(
        "data_nul_byte",
        r"1 problem in data:\n  .*national\.csv:\d+: the file holds a NUL byte",
        data=put_bytes("national.csv", b"x\0y\n"),
    ),
    Case(
        "config_latin1",
        r"case\.yaml:2:\d+: not UTF-8 text: byte \d+ \(0xE9\)",
        BASE.replace("test", "tést").encode("latin-1"),
    ),
    Case("config_utf16", r"case\.yaml:1: the file is saved as UTF-16", BASE.encode("utf-16")),
    Case("config_nul", r"case\.yaml:2:\d+: character U\+0000 is not allowed in YAML", BASE.replace("test", "te\0st")),
    Case("config_is_a_folder", r"not a regular file", None, ("validate", "{tmp}")),
    Case(
        "eight_mistakes_one_pass",
        r"11 problems in configuration:\n(  .*\n){11}",
        EIGHT_MISTAKES,
        ("validate", "{config}"),
    ),
]


def _run(tmp_path: Path, case: Case):
    if case.data is not None:
        folder = tmp_path / "data_copy"
        shutil.copytree(DATA, folder)
        case.data(folder)
    config = tmp_path / "case.yaml"
    if isinstance(case.config, bytes):
        config.write_bytes(case.config)
    elif case.config is not None:
        config.write_text(case.config, encoding="utf-8")
    out = tmp_path / "out"
    args = [a.format(config=config, out=out, tmp=tmp_path) for a in case.args]
    if case.data is not None:
        args += ["--data", str(tmp_path / "data_copy")]
    before = {p for p in tmp_path.rglob("*")}
    result = runner.invoke(app, args)
    return result, out, before


def test_the_table_has_a_row_per_case() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Case) -> None:
    monkeypatch.chdir(tmp_path)  # a default output folder (reports/) would land here
    result, out, before = _run(tmp_path, case)
    output = result.output
    assert result.exit_code == 2, output
    assert "internal error" not in output
    assert "Traceback" not in output
    assert re.search(case.pattern, output), output
    assert not out.exists(), "nothing may be written"
    assert {p for p in tmp_path.rglob("*")} == before, "nothing may be written"


# ------------------------------------------------------------------ warnings: the run goes on, the user is told
@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        (
            HEAD + "parameters:\n  bpd_credit_growth: {2030: 0.1, 2040: 0.3}\nscenarios: {baseline: {}}\n",
            r"warning: .*case\.yaml:6:\d+: parameters\.bpd_credit_growth\.2040: the value for 2040 is after the "
            r"horizon 2035, so it is never used",
        ),
        (
            HEAD + "parameters:\n  productive_share: {to: 0.5, from: 2036, by: 2040}\nscenarios: {baseline: {}}\n",
            r"parameters\.productive_share\.from: the ramp starts in 2036, after the horizon 2035",
        ),
        (
            HEAD + "target: {provinces: {banten: {by: 2040}}}\nscenarios: {baseline: {}}\n",
            r"case\.yaml:5:\d+: target\.provinces\.banten\.by: year 2040 is after the horizon 2035",
        ),
        (
            HEAD + "parameters:\n  capital_injection: {banten: {2026: 100, 2050: 200}}\nscenarios: {baseline: {}}\n",
            r"parameters\.capital_injection\.banten\.2050: the value for 2050 is after the horizon 2035",
        ),
    ],
)
def test_a_value_beyond_the_horizon_is_warned_with_its_line(tmp_path: Path, text: str, pattern: str) -> None:
    config = tmp_path / "case.yaml"
    config.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(config)])
    assert result.exit_code == 0, result.output
    assert re.search(pattern, result.output), result.output


def test_a_utf8_byte_order_mark_is_dropped_silently(tmp_path: Path) -> None:
    config = tmp_path / "case.yaml"
    config.write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    folder = tmp_path / "data_copy"
    shutil.copytree(DATA, folder)
    (folder / "provinces.csv").write_bytes(b"\xef\xbb\xbf" + (folder / "provinces.csv").read_bytes())
    result = runner.invoke(app, ["validate", str(config), "--data", str(folder)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_every_mistake_of_a_file_in_one_pass(tmp_path: Path) -> None:
    config = tmp_path / "case.yaml"
    config.write_text(EIGHT_MISTAKES, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(config)])
    assert result.exit_code == 2
    for piece in (
        r"case\.yaml:4:1: horizn: unknown key 'horizn'",
        r"case\.yaml:5:1: seed: seed must be",
        r"case\.yaml:6:\d+: parameters\.depreciation: depreciation = 4 fraction is outside the allowed range",
        r"case\.yaml:6:\d+: parameters\.capital_shar: unknown parameter 'capital_shar'",
        r"case\.yaml:7:\d+: scenarios\.baseline\.titel: unknown key 'titel'",
        r"case\.yaml:7:\d+: scenarios\.p2\.parameters\.capital_share: capital_share = 2 fraction",
        r"case\.yaml:7:\d+: scenarios\.p2\.parameters\.bpd_credit_growth\.2010: year 2010 is before the base year "
        rf"{BASE_YEAR}",
        r"case\.yaml:8:\d+: uncertainty\.draws: draws must be",
        r"case\.yaml:8:\d+: uncertainty\.histogram_bins: histogram_bins must be",
        r"case\.yaml:9:\d+: target\.by: target by year 2010",
        r"case\.yaml:9:\d+: target\.growth: target growth 8 is outside",
    ):
        assert re.search(piece, result.output), (piece, result.output)
    lines = [int(m) for m in re.findall(r"case\.yaml:(\d+):", result.output)]
    assert lines == sorted(lines), "in file order"


def test_thousands_of_mistakes_are_cut_short(tmp_path: Path) -> None:
    config = tmp_path / "case.yaml"
    config.write_text(BASE + "parameters:\n" + "".join(f"  p{i}: 1\n" for i in range(5000)), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(config)])
    assert result.exit_code == 2
    assert "more problems are not listed (growth8 lists the first 100)" in result.output
    assert result.output.count("unknown parameter") <= 101


def test_a_broken_data_file_gives_one_message_not_thousands(tmp_path: Path) -> None:
    folder = tmp_path / "data_copy"
    shutil.copytree(DATA, folder)
    path = folder / "provincial.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "none.yaml"), "--data", str(folder)])
    assert result.exit_code == 2
    assert len(result.output.splitlines()) < 60, result.output

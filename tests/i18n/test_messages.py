"""Every error and warning a user sees comes from the word catalogue, in Indonesian and English.

The catalogue is complete and consistent; a problem is written when it is shown, in the language then
current (``growth8.i18n.using``), whatever the language it was raised in; the CLI's ``--lang id`` prints
Indonesian only.
"""

from __future__ import annotations

import pickle
import re
import shutil
import string
import textwrap
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from growth8.i18n import catalogue, current_lang, using
from helpers import BASE_YEAR, ROOT

SRC = ROOT / "src" / "growth8"

HEAD = """\
format: 1
title: test
provinces: [banten]
horizon: 2035
"""


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def write(folder: Path, text: str, name: str = "case.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def panel():
    from growth8.data import load_panel

    return load_panel(ROOT / "data")


def config_error(path: Path, panel) -> Exception:
    from growth8.config import load_scenario
    from growth8.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        load_scenario(path, provinces=panel)
    return info.value


# ----------------------------------------------------------------- the catalogue
def test_every_message_key_has_both_languages_and_the_same_placeholders() -> None:
    table = catalogue()  # raises CatalogueError on a missing language or mismatched placeholders
    keys = [k for k in table if k.startswith(("error.", "warning."))]
    assert len(keys) > 150
    for key in keys:
        entry = table[key]
        assert entry["id"].strip() and entry["en"].strip(), key
        assert _fields(entry["id"]) == _fields(entry["en"]), key


def test_every_message_renders_in_both_languages() -> None:
    """Format specs ({value:g}, {draws:,}) and conversions are valid in both texts."""
    from growth8.errors import render

    for key, entry in catalogue().items():
        if not key.startswith(("error.", "warning.")):
            continue
        params = {name: 1.5 for name in _fields(entry["en"])}
        for lang in ("id", "en"):
            text = render(key, params, lang)
            assert text.strip() and "{" not in text, (key, lang)  # literal braces come in as values


def test_every_code_written_in_the_source_is_in_the_catalogue() -> None:
    table = catalogue()
    pattern = re.compile(r"""["']((?:error|warning)\.[a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")
    used = {m for path in SRC.rglob("*.py") for m in pattern.findall(path.read_text(encoding="utf-8"))}
    assert used, "no catalogue codes found in the source"
    missing = sorted(code for code in used if code not in table)
    assert not missing, missing


# ----------------------------------------------------------------- problems written when shown
def test_problem_is_written_in_the_language_current_when_shown() -> None:
    from growth8.errors import ConfigError, Problem, suggestion

    problem = Problem.of(
        "error.config.unknown_parameter",
        file="x.yaml",
        line=3,
        column=1,
        key="parameters.depreciaton",
        name="depreciaton",
        hint=suggestion("depreciaton", ["depreciation", "capital_share"]),
    )
    assert current_lang() == "en"
    english = "x.yaml:3:1: parameters.depreciaton: unknown parameter 'depreciaton' (did you mean 'depreciation'?)"
    assert str(problem) == english
    assert problem.message == "unknown parameter 'depreciaton' (did you mean 'depreciation'?)"  # kept for old code
    error = ConfigError([problem])  # raised in an English context...
    with using("id"):  # ...and printed in Indonesian
        text = str(error)
    assert text.startswith("1 masalah pada konfigurasi:\n")
    assert "parameter 'depreciaton' tidak dikenal (maksud Anda 'depreciation'?)" in text
    assert "unknown" not in text and "did you mean" not in text
    assert str(error) == "1 problem in configuration:\n  " + english
    again = pickle.loads(pickle.dumps(error))  # errors cross process boundaries (joblib, dask)
    with using("id"):
        assert str(again) == text


def test_did_you_mean_and_several_names() -> None:
    from growth8.errors import did_you_mean, suggest_names

    assert did_you_mean("depreciaton", ["depreciation"]) == " (did you mean 'depreciation'?)"
    with using("id"):
        assert did_you_mean("depreciaton", ["depreciation"]) == " (maksud Anda 'depreciation'?)"
        assert str(suggest_names(["a", "b"])) == " (maksud Anda 'a' atau 'b'?)"
    assert str(suggest_names(["a", "b"])) == " (did you mean 'a' or 'b'?)"
    assert did_you_mean("zzz", ["depreciation"]) == ""


def test_unknown_parameter_and_yaml_traps_in_both_languages(tmp_path: Path, panel) -> None:
    config = write(
        tmp_path,
        HEAD + "horizon: 2040\nparameters:\n  depreciaton: 0.04\n  alpha: 0.3\n  inflation: {2026: 1e3}\n"
        "scenarios:\n  baseline:\n    title: no\n",
    )
    error = config_error(config, panel)
    english = str(error)
    assert re.match(r"\d+ problems in configuration:\n", english)
    assert "case.yaml:5:1: horizon: duplicate key 'horizon' (first given on line 4); keep one of them" in english
    assert "'no' is read as false by YAML 1.1" in english
    assert "'1e3' looks like a number but YAML 1.1 reads it as text" in english
    with using("id"):
        text = str(error)
    assert re.match(r"\d+ masalah pada konfigurasi:\n", text)
    assert "case.yaml:5:1: horizon: kunci 'horizon' ganda (pertama kali ditulis pada baris 4); pertahankan" in text
    assert "'no' dibaca sebagai false oleh YAML 1.1" in text
    assert "'1e3' tampak seperti bilangan, tetapi YAML 1.1 membacanya sebagai teks" in text
    assert "duplicate key" not in text and "is read as" not in text and "looks like" not in text


def test_parameter_values_in_both_languages(tmp_path: Path, panel) -> None:
    config = write(
        tmp_path,
        HEAD + "parameters:\n  depreciaton: 0.04\n  alpha: 0.3\n  productive_share: {to: 0.5}\n"
        "  capital_injection: bpd_credit_growth\nscenarios: {baseline: {}}\n",
    )
    error = config_error(config, panel)
    english = str(error)
    assert "unknown parameter 'depreciaton' (did you mean 'depreciation'?)" in english
    assert "unknown parameter 'alpha': write capital_share (alpha)" in english
    assert "a ramp needs both 'to' (the value) and 'by' (the year it is reached)" in english
    assert "'bpd_credit_growth' is in fraction, but capital_injection is in Rp bn" in english
    with using("id"):
        text = str(error)
    assert "parameter 'depreciaton' tidak dikenal (maksud Anda 'depreciation'?)" in text
    assert "parameter 'alpha' tidak dikenal: tulis capital_share (alpha)" in text
    assert "perubahan bertahap memerlukan 'to' (nilai yang dituju) dan 'by'" in text
    assert "'bpd_credit_growth' bersatuan pecahan, sedangkan capital_injection bersatuan Rp miliar" in text
    for word in ("unknown", "did you mean", "write capital_share", "a ramp needs", "is in fraction"):
        assert word not in text, word


def test_schema_errors_targets_and_analysis_blocks_in_both_languages(tmp_path: Path, panel) -> None:
    config = write(tmp_path, HEAD.replace("horizon: 2035", 'horizon: "2035"') + "scenarios: {baseline: {}}\n")
    error = config_error(config, panel)
    assert "case.yaml:4:1: horizon: Input should be a valid integer, got '2035'" in str(error)
    with using("id"):
        assert "case.yaml:4:1: horizon: harus berupa bilangan bulat, bukan '2035'" in str(error)

    config = write(tmp_path, HEAD + "target: {path: straight}\nscenarios: {baseline: {}}\n")
    error = config_error(config, panel)
    assert "target.path: Input should be 'ramp', 'constant' or 'average', got 'straight'" in str(error)
    with using("id"):
        text = str(error)
    assert "target.path: harus salah satu dari 'ramp', 'constant' atau 'average', bukan 'straight'" in text
    assert "Input should be" not in text

    config = write(
        tmp_path,
        HEAD + "target: {growth: 8}\n"
        "uncertainty:\n  parameters:\n    depreciation: {dist: uniform, low: 0.5, high: 0.1}\n"
        "scenarios: {baseline: {}}\n",
    )
    error = config_error(config, panel)
    english = str(error)
    assert "target growth 8 is outside [-0.2, 0.5]; rates are fractions: did you mean 0.08?" in english
    assert "low 0.5 for depreciation is outside the allowed range [0, 0.3]" in english
    assert "a uniform distribution needs low < high, got low=0.5, high=0.1" in english
    with using("id"):
        text = str(error)
    assert "target pertumbuhan 8 berada di luar rentang [-0.2, 0.5]" in text
    assert "maksud Anda 0.08?" in text
    assert "nilai low 0.5 untuk depreciation berada di luar rentang yang diizinkan [0, 0.3]" in text
    assert "distribusi uniform memerlukan low < high" in text
    assert "outside" not in text and "did you mean" not in text


# ----------------------------------------------------------------- data files
@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


def _corrupt(path: Path, startswith: str, column: int, value: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith(startswith))
    parts = lines[i].split(",")
    parts[column] = value
    lines[i] = ",".join(parts)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return i + 1


def test_bad_data_file_in_both_languages(data_copy: Path) -> None:
    from growth8.data import load_panel
    from growth8.errors import DataError

    n = _corrupt(data_copy / "provincial.csv", "grdp_real,36,2024,", 3, "5.3l")
    m = _corrupt(data_copy / "provincial.csv", "grdp_real,36,2023,", 5, "roundd")
    with pytest.raises(DataError) as info:
        load_panel(data_copy)
    english = str(info.value)
    assert "2 problems in data:" in english
    assert f"provincial.csv:{n}:4: value: '5.3l' is not a number (use '.' as decimal point" in english
    assert f"provincial.csv:{m}:6: flag: unknown flag 'roundd' (did you mean 'rounded'?); allowed:" in english
    with using("id"):
        text = str(info.value)
    assert "2 masalah pada data:" in text
    assert f"provincial.csv:{n}:4: value: '5.3l' bukan bilangan (gunakan '.' sebagai tanda desimal" in text
    assert f"provincial.csv:{m}:6: flag: penanda (flag) 'roundd' tidak dikenal (maksud Anda 'rounded'?)" in text
    assert "is not a number" not in text and "unknown flag" not in text


def test_missing_column_in_both_languages(data_copy: Path) -> None:
    from growth8.data import load_panel
    from growth8.errors import DataError

    path = data_copy / "provincial.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("flag", "flg")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_panel(data_copy)
    assert "provincial.csv:1: flag: missing column 'flag' (did you mean 'flg'?); expected columns:" in str(info.value)
    with using("id"):
        text = str(info.value)
    assert "provincial.csv:1: flag: kolom 'flag' tidak ada (maksud Anda 'flg'?); kolom yang diharapkan:" in text
    assert "provincial.csv:1:6: flg: kolom 'flg' tidak dikenal (maksud Anda 'flag'?)" in text


def test_unknown_province_and_series_in_both_languages(panel) -> None:
    from growth8.data import UnknownProvinceError, UnknownSeriesError

    with pytest.raises(UnknownProvinceError) as info:
        panel.province("bantn")
    assert str(info.value) == (
        "unknown province 'bantn' (did you mean 'banten'?); use a BPS code, slug, Indonesian or English name"
    )
    with using("id"):
        assert str(info.value).startswith("provinsi 'bantn' tidak dikenal (maksud Anda 'banten'?); gunakan kode BPS")
    with using("id"), pytest.raises(UnknownSeriesError) as series:
        panel.get("grdp_rel", 36, 2020)
    with using("id"):
        assert str(series.value).startswith("seri 'grdp_rel' tidak dikenal (maksud Anda 'grdp_real'")
    assert str(series.value).startswith("unknown series 'grdp_rel' (did you mean 'grdp_real'")


# ----------------------------------------------------------------- warnings and other errors
def test_warnings_and_model_errors_are_written_when_shown() -> None:
    from growth8.errors import Growth8Warning, ModelError, Problem, SoftBoundWarning

    w = Growth8Warning.of("warning.histogram_edge", n=3)
    assert str(w).startswith("3 quantile(s) fell outside the histogram range")
    with using("id"):
        assert str(w).startswith("3 kuantil berada di luar rentang histogram")
    soft = SoftBoundWarning(Problem.of("error.config.spec.no_value", file="x.yaml", line=2, key="parameters.a"))
    assert str(soft) == "x.yaml:2: parameters.a: has no value; give a number"
    with using("id"):
        assert str(soft) == "x.yaml:2: parameters.a: belum diberi nilai; isikan sebuah bilangan"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn(w, stacklevel=1)
    with using("id"):
        assert "kuantil" in str(caught[0].message)
    error = ModelError.of("error.estimate.no_pmtb", province=36, first=2010, last=2024)
    assert str(error) == "no PMTB for province 36 in 2010-2024: cannot run the perpetual inventory"
    with using("id"):
        assert str(error).startswith("tidak ada data PMTB untuk provinsi 36 pada 2010-2024")
    assert str(ModelError("plain")) == "plain"  # a message without a code still works


# ----------------------------------------------------------------- the command line
def test_cli_validate_prints_indonesian_with_lang_id(tmp_path: Path) -> None:
    from growth8.cli import app

    config = write(
        tmp_path,
        HEAD.replace("[banten]", "[banteen]") + "parameters:\n  depreciaton: 0.04\nscenarios: {baseline: {}}\n",
        name="bad.yaml",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["validate", str(config), "--lang", "id"])
    assert result.exit_code == 2, result.output
    out = result.output
    assert "Traceback" not in out
    assert "2 masalah pada konfigurasi" in out
    assert (
        "bad.yaml:6:3: parameters.depreciaton: parameter 'depreciaton' tidak dikenal (maksud Anda 'depreciation'?)"
        in out
    )
    assert "provinsi 'banteen' tidak dikenal" in out and "maksud Anda 'banten'?" in out
    for english in ("problems in configuration", "unknown parameter", "unknown province", "did you mean", "use a BPS"):
        assert english not in out, english

    result = runner.invoke(app, ["validate", str(config)])
    assert result.exit_code == 2
    assert "2 problems in configuration" in result.output
    assert "unknown parameter 'depreciaton' (did you mean 'depreciation'?)" in result.output
    assert "tidak dikenal" not in result.output


def test_cli_warning_in_indonesian(tmp_path: Path) -> None:
    from growth8.cli import app

    config = write(tmp_path, HEAD + "parameters:\n  depreciation: 0.1\nscenarios: {baseline: {}}\n")
    result = CliRunner().invoke(app, ["validate", str(config), "--lang", "id"])
    assert result.exit_code == 0, result.output
    assert f"depreciation = 0.1 pecahan untuk Banten pada {BASE_YEAR + 1}" in result.output
    assert "berada di luar rentang lazimnya [0.02, 0.08]" in result.output
    assert "usual range" not in result.output

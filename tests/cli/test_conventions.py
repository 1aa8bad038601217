"""The command line's conventions hold for every command and subcommand, also ones added later.

``-h`` and ``--help`` show help; every command that prints words takes ``--lang id|en``; no help text shows a
``<bool>`` placeholder; the ``--out`` default a help text states is the folder (or file) the command writes,
and the files its help lists are the files it writes; ``growth8 report -o x.docx`` is refused, not a PDF
named .docx.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from growth8.cli import app
from growth8.i18n import t
from helpers import CONFIGS

runner = CliRunner()
WIDE = {"COLUMNS": "250", "TERMINAL_WIDTH": "250", "GROWTH8_PLAIN": "1"}


def _commands(command: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(typer.main.get_command(app)))
PATHS = [path for path, _ in COMMANDS]


def _help(path: tuple[str, ...], flag: str = "--help") -> str:
    result = runner.invoke(app, [*path, flag], env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output


def _flat(text: str) -> str:
    """Help text with rich's box drawing and line wrapping removed: one line of words."""
    return re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", text))


def _option(command: object, name: str) -> object | None:
    return next((p for p in getattr(command, "params", []) if name in getattr(p, "opts", [])), None)


def test_the_tree_is_walked() -> None:
    assert {"project", "target", "backtest", "report", "compare"} <= {p[0] for p in PATHS if p}
    assert ("data", "show") in PATHS and ("data", "list") in PATHS


# ----------------------------------------------------------------------------- help
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "growth8")
def test_dash_h_is_help_everywhere(path: tuple[str, ...]) -> None:
    short, long = _help(path, "-h"), _help(path, "--help")
    assert "Usage:" in short and short == long
    assert "<bool>" not in short, "a flag shows a <bool> placeholder"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=lambda p: " ".join(p) if isinstance(p, tuple) else "")
def test_no_option_takes_dash_h(path: tuple[str, ...], command: object) -> None:
    for param in getattr(command, "params", []):
        assert "-h" not in getattr(param, "opts", []) + getattr(param, "secondary_opts", []), (path, param)


def test_backtest_horizon_is_long_only() -> None:
    result = runner.invoke(app, ["backtest", "-h"], env=WIDE)
    assert result.exit_code == 0 and "--horizon" in result.output and "Usage:" in result.output


# ----------------------------------------------------------------------------- --lang
LEAVES = [(path, command) for path, command in COMMANDS if path and not getattr(command, "commands", None)]


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=lambda p: " ".join(p) if isinstance(p, tuple) else "")
def test_every_command_takes_lang(path: tuple[str, ...], command: object) -> None:
    assert _option(command, "--lang") is not None, f"growth8 {' '.join(path)} has no --lang"
    # accepted by the parser (an unknown option would fail before --help is handled)
    result = runner.invoke(app, [*path, "--lang", "id", "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "<id|en>" in result.output


def test_data_subcommands_speak_the_lang_given_after_them() -> None:
    after = runner.invoke(app, ["data", "show", "banten", "--lang", "id"])
    before = runner.invoke(app, ["data", "--lang", "id", "show", "banten"])
    assert after.exit_code == 0 and before.exit_code == 0, after.output + before.output
    assert "kode BPS 36" in after.output and "kode BPS 36" in before.output
    listing = runner.invoke(app, ["data", "list", "--lang", "id"])
    assert listing.exit_code == 0 and "folder data:" in listing.output


def test_unknown_lang_is_a_clear_error() -> None:
    result = runner.invoke(app, ["data", "show", "banten", "--lang", "xx"])
    assert result.exit_code == 2
    assert "--lang must be one of id, en, got 'xx'" in result.output


# ----------------------------------------------------------------------------- --out defaults
FOLDER_RUNS = {
    "project": ["project", str(CONFIGS / "bengkulu.yaml")],
    "target": ["target", str(CONFIGS / "bengkulu.yaml")],
    "sensitivity": ["sensitivity", str(CONFIGS / "bengkulu.yaml")],
    "sweep": ["sweep", str(CONFIGS / "bengkulu.yaml"), "--grid", "bpd_credit_growth=0.1,0.3"],
    "estimate": ["estimate", str(CONFIGS / "bengkulu.yaml")],
    "backtest": ["backtest", str(CONFIGS / "bengkulu.yaml"), "--horizon", "1"],
}


def _stated_default(help_text: str) -> str:
    """The default the --out option's help states (the first ``Default: ...`` after ``--out``)."""
    flat = _flat(help_text)
    found = re.search(r"--out -o .*?Default: (\S+?)\.?(?= )", flat)
    assert found, flat
    return found.group(1)


def test_every_command_with_out_is_checked() -> None:
    with_out = {path[0] for path, command in LEAVES if _option(command, "--out") is not None}
    # report, compare and data template write one file, not a folder
    assert with_out == {*FOLDER_RUNS, "report", "compare", "data"}, "add the new command to FOLDER_RUNS"


@pytest.mark.parametrize("command", sorted(FOLDER_RUNS))
def test_stated_out_folder_is_the_folder_written(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    help_text = _help((command,))
    stated = _stated_default(help_text).replace("<config>", "bengkulu")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, FOLDER_RUNS[command])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    folders = {p.parent.as_posix() + "/" for p in written}
    assert folders == {stated}, (stated, written)
    # ... and the command's help names every file it writes, in that folder
    flat = _flat(help_text)
    assert stated.replace("bengkulu", "<config>") in flat.split("Arguments")[0]
    for path in written:
        assert path.name in flat, f"growth8 {command} --help does not mention {path.name}"


REPORT_RUNS = {
    "report": (["report", str(CONFIGS / "bengkulu.yaml"), "--no-estimation", "--draws", "0"], "bengkulu"),
    "compare": (["compare", str(CONFIGS / "bengkulu.yaml"), str(CONFIGS / "banten.yaml")], "bengkulu_banten"),
}


@pytest.mark.parametrize("command", sorted(REPORT_RUNS))
def test_stated_report_file_is_the_file_written(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args, names = REPORT_RUNS[command]
    stated = _stated_default(_help((command,)))
    expected = re.sub(r"<configs?>", names, stated).replace("<format>", "md")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*args, "--format", "md"])
    assert result.exit_code == 0, result.output
    written = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()]
    charts = [w for w in written if w.endswith(".svg")]  # a Markdown report's charts sit beside it
    assert [w for w in written if w not in charts] == [expected]
    assert charts and all(w.startswith(expected[: -len(".md")] + "_fig") for w in charts)


# ----------------------------------------------------------------------------- report file names
@pytest.mark.parametrize("command", ["report", "compare"])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_unknown_out_extension_is_refused(command: str, lang: str, tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    result = runner.invoke(app, [command, str(CONFIGS / "bengkulu.yaml"), "-o", str(target), "--lang", lang])
    assert result.exit_code == 2, result.output
    expected = t("option.out_suffix", lang, path=target, choices=".pdf, .xlsx, .md", suffix=".docx")
    assert expected in re.sub(r"\s+", " ", result.output)
    assert not target.exists() and list(tmp_path.iterdir()) == []


CHOICES = ".pdf, .xlsx, .md"


@pytest.mark.parametrize(
    ("name", "fmt", "key", "params"),
    [
        ("x.md", "pdf", "option.out_format_mismatch", {"suffix": ".md", "fmt": "pdf"}),
        ("x", None, "option.out_no_suffix", {"choices": CHOICES}),
        ("x.pdf.bak", None, "option.out_suffix", {"choices": CHOICES, "suffix": ".bak"}),
    ],
    ids=["mismatch", "no-extension", "unknown-extension"],
)
def test_out_and_format_must_agree(
    name: str, fmt: str | None, key: str, params: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / name
    extra = ["--format", fmt] if fmt else []
    result = runner.invoke(app, ["report", str(CONFIGS / "bengkulu.yaml"), "-o", str(target), *extra])
    assert result.exit_code == 2, result.output
    assert t(key, "en", path=target, **params) in re.sub(r"\s+", " ", result.output)
    assert list(tmp_path.iterdir()) == []


def test_out_extension_decides_the_format_and_a_folder_gets_the_default_name(tmp_path: Path) -> None:
    args = ["report", str(CONFIGS / "bengkulu.yaml"), "--no-estimation", "--draws", "0"]
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "Summary.MD")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "Summary.MD").read_bytes().startswith(b"---\npackage: ")  # Markdown, not a PDF
    folder = tmp_path / "into"
    folder.mkdir()
    result = runner.invoke(app, [*args, "-o", str(folder), "--format", "md"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in folder.iterdir())
    assert names[0] == "bengkulu.md" and all(n.startswith("bengkulu_fig") and n.endswith(".svg") for n in names[1:])
    assert all(p.name.startswith("Summary_fig") for p in tmp_path.glob("*.svg"))  # stem without .MD

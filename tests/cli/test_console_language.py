"""With --lang id, the console speaks Indonesian: no English catalogue text in any command's output."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from growth8.cli import app
from growth8.i18n import catalogue
from helpers import CONFIGS

runner = CliRunner()


def english_fragments(min_len: int = 12) -> set[str]:
    """Literal pieces of the catalogue's English texts that the Indonesian texts do not share.

    A piece is the text between placeholders; only pieces with at least ``min_len`` characters and two
    words count, so codes and proper names (LDR, PMA/PMDN, Monte Carlo) never trip the check.
    """
    pieces: set[str] = set()
    for entry in catalogue().values():
        if entry["en"] == entry["id"]:
            continue
        for literal, *_ in string.Formatter().parse(entry["en"]):
            for line in literal.splitlines():
                piece = line.strip(" .,;:()[]-")
                if len(piece) >= min_len and len(piece.split()) >= 2 and piece not in entry["id"]:
                    pieces.add(piece)
    return pieces


def english_in(text: str) -> list[str]:
    flat = re.sub(r"\s+", " ", text)
    return sorted(p for p in english_fragments() if p in flat)


COMMANDS = [
    ["validate", str(CONFIGS / "default.yaml")],
    ["project", str(CONFIGS / "default.yaml")],
    ["project", str(CONFIGS / "bengkulu.yaml"), "--draws", "20"],
    ["target", str(CONFIGS / "default.yaml")],
    ["sensitivity", str(CONFIGS / "bengkulu.yaml")],
    ["sweep", str(CONFIGS / "bengkulu.yaml"), "--grid", "bpd_credit_growth=0.1,0.3"],
    ["estimate", str(CONFIGS / "default.yaml")],
    ["backtest", str(CONFIGS / "default.yaml"), "--horizon", "1"],
    ["params"],
    ["params", "depreciation"],
]


def test_the_fragments_are_found_in_english_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["target", str(CONFIGS / "default.yaml"), "--out", str(tmp_path / "en")])
    assert result.exit_code == 0, result.output
    assert english_in(result.output), "the check must see English in an English run"


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_indonesian_console_has_no_english_catalogue_text(args: list[str], tmp_path: Path) -> None:
    extra = ["--out", str(tmp_path / "out")] if args[0] not in ("validate", "params") else []
    result = runner.invoke(app, [*args, *extra, "--lang", "id"])
    assert result.exit_code == 0, result.output
    assert english_in(result.output) == []


def test_indonesian_error_message_and_exit_code(tmp_path: Path) -> None:
    result = runner.invoke(app, ["project", str(CONFIGS / "default.yaml"), "--draws", "-5", "--lang", "id"])
    assert result.exit_code == 2
    assert "galat" in result.output and english_in(result.output) == []

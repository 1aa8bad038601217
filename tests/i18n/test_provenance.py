"""Sources in both languages: every parameter value of every shipped config says where it comes from in
Indonesian as well as English, with its figures written in the language's locale."""

from __future__ import annotations

import re
import string
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

import growth8
from growth8.cli import app
from growth8.config.parameters import load_defaults
from growth8.i18n import Num, catalogue
from growth8.i18n.provenance import Nums, Signed, Source, When
from helpers import CONFIGS, SHIPPED, write_config

runner = CliRunner()


def test_figures_are_written_in_each_languages_locale() -> None:
    src = Source.of(
        "provenance.steady_state",
        s="s",
        delta="delta",
        s_value=Num(0.34221, 4),
        g=Num(0.0494, 4),
        why=Source.of("provenance.growth.mean", first=2022, last=2024),
        delta_value=Num(0.0383, 4),
    )
    assert (
        src.text("en")
        == "steady state s / (g + delta) with s = 0.3422, g = 0.0494 (mean 2022-2024, BPS), delta = 0.0383"
    )
    assert src.text("id").startswith("kondisi mapan (steady state) s / (g + delta) dengan s = 0,3422, g = 0,0494")
    assert str(src) == src.text("en")  # parameters.csv's `source` column
    # a path of numbers: Indonesian separates them with semicolons, its decimal mark being the comma
    assert Nums((0.0517, 0.0522)).render("en") == "0.0517, 0.0522"
    assert Nums((0.0517, 0.0522)).render("id") == "0,0517; 0,0522"
    assert Signed(0.0981, 3).render("id") == "+0,098" and Signed(-0.0981, 3).render("en") == "-0.098"
    assert When("2023-06").render("id") == "Juni 2023" and When("2023-06").render("en") == "June 2023"
    assert Num(5800.4, 0).render("id") == "5.800" and Num(5800.4, 0).render("en") == "5,800"


def test_a_nested_source_is_shown_in_the_same_language() -> None:
    inner = Source.literal("a guess", "tebakan")
    outer = Source.of("provenance.estimated", source=Source.of("provenance.reference", parameter="x", source=inner))
    assert outer.text("en") == "estimated: = x: a guess"
    assert outer.text("id") == "diestimasi: = x: tebakan"
    assert outer.has_text("id")


def test_a_label_given_only_in_english_shows_in_english_and_says_so() -> None:
    label = Source.literal("my own note")
    assert label.text("id") == "my own note" and not label.has_text("id") and label.has_text("en")
    assert not Source.of("provenance.estimated", source=label).has_text("id")


def _templates_only(src: Source) -> bool:
    """Whether every part of the source is a catalogue template (its figures formatted by growth8)."""
    if not src.key:
        return False
    return all(_templates_only(v) for _, v in src.args if isinstance(v, Source))


def _english_template_pieces() -> set[str]:
    """Literal pieces (between placeholders) of the provenance templates' English that the Indonesian lacks."""
    pieces = set()
    for key, entry in catalogue().items():
        if not key.startswith("provenance.") or entry["en"] == entry["id"]:
            continue
        for literal, *_ in string.Formatter().parse(entry["en"]):
            piece = literal.strip(" .,;:()[]-+")
            if len(piece) >= 8 and len(piece.split()) >= 2 and piece not in entry["id"]:
                pieces.add(piece)
    return pieces


def _to_indonesian(token: str) -> str:
    """An English number token in Indonesian notation: 5,800.25 -> 5.800,25 (an independent swap of the marks)."""
    return token.translate(str.maketrans({",": ".", ".": ","}))


@pytest.fixture(scope="module", params=SHIPPED)
def shipped_sources(request: pytest.FixtureRequest, panel) -> tuple[str, list[Source]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        result = growth8.project(CONFIGS / request.param, panel=panel)
    sources = {s for per in result.setup.sources.values() for row in per for s in row}
    return request.param, sorted(sources, key=lambda s: s.text("en"))


def test_every_shipped_source_is_written_in_indonesian(shipped_sources) -> None:
    config, sources = shipped_sources
    assert len(sources) > 40
    not_written = [s.text("en")[:80] for s in sources if not s.has_text("id") or s.text("id") == s.text("en")]
    assert not_written == [], f"{config}: sources without their Indonesian text"
    pieces = _english_template_pieces()
    assert len(pieces) > 40
    english = sorted({p for s in sources for p in pieces if p in s.text("id")})
    assert english == [], f"{config}: English template words in Indonesian sources"


def test_the_figures_of_a_source_are_the_same_in_both_languages(shipped_sources) -> None:
    """Every number of a generated source, in Indonesian notation, is in its Indonesian text, in the same order."""
    config, sources = shipped_sources
    generated = [s for s in sources if _templates_only(s)]
    assert len(generated) > 10
    number = re.compile(r"(?<![\w.,])-?\d[\d,]*(?:\.\d+)?")
    for src in generated:
        en, id_ = src.text("en"), src.text("id")
        tokens = [t.rstrip(",") for t in number.findall(en)]
        assert tokens, en
        at = 0
        for token in tokens:
            found = id_.find(_to_indonesian(token), at)
            assert found >= 0, f"{config}: {token!r} of {en!r} is not in {id_!r} after position {at}"
            at = found


def test_parameters_csv_has_both_languages(panel) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        table = growth8.project(CONFIGS / "default.yaml", panel=panel).assumptions()
    assert {"source", "source_id"} <= set(table.columns)
    defaults = load_defaults()
    row = table[(table["parameter"] == "loss_given_default")].iloc[0]
    assert (row["source"], row["source_id"]) == (
        defaults["loss_given_default"].source,
        defaults["loss_given_default"].source_id,
    )


def test_a_scenarios_source_id_is_its_indonesian_source(tmp_path: Path, panel) -> None:
    cfg = write_config(
        tmp_path,
        f"""\
        format: 1
        extends: {CONFIGS / "default.yaml"}
        title: Labels (SYNTHETIC)
        scenarios:
          labelled:
            parameters:
              additionality:
                value: 0.3
                source: Our own reading of the literature
                source_id: Bacaan kami atas literatur
              risk_weight:
                value: 0.9
                source: Only in English
        """,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        table = growth8.project(cfg, panel=panel).assumptions()
    mine = table[table["scenario"] == "labelled"].set_index(["province_code", "parameter"])
    assert set(mine.xs("additionality", level="parameter")["source_id"]) == {"Bacaan kami atas literatur"}
    assert set(mine.xs("additionality", level="parameter")["source"]) == {"Our own reading of the literature"}
    assert set(mine.xs("risk_weight", level="parameter")["source_id"]) == {"Only in English"}  # as written


def test_a_misspelt_source_id_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    cfg = write_config(
        tmp_path,
        f"""\
        format: 1
        extends: {CONFIGS / "default.yaml"}
        title: Typo (SYNTHETIC)
        scenarios:
          labelled:
            parameters:
              additionality:
                value: 0.3
                sorce_id: Bacaan kami
        """,
    )
    result = runner.invoke(app, ["validate", str(cfg)])
    assert result.exit_code != 0
    assert re.search(r"test\.yaml:\d+:\d+: .*'sorce_id'.*did you mean 'source_id'", result.output), result.output


def test_params_speaks_indonesian() -> None:
    p = load_defaults()["depreciation"]
    result = runner.invoke(app, ["params", "depreciation", "--lang", "id"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert p.source_id in flat and p.description_id in flat
    assert p.source not in flat and p.description not in flat


def test_every_code_a_source_names_has_its_words() -> None:
    """Keys built from codes: a bank figure's method (own_bpd.csv) and the labour series of the fallback."""
    from growth8.data import OWN_BPD_METHODS

    table = catalogue()
    assert all(f"provenance.method.{m}" in table for m in OWN_BPD_METHODS)
    assert all(f"provenance.labour.series.{s}" in table for s in ("population", "employed_persons"))

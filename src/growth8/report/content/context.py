"""What every section reads: the report inputs, their tables and facts sliced once, and the words for codes.

:class:`Context` holds one config's :class:`growth8.pipeline.ReportInputs` and the document's language.
It never runs the model and never reads a file: tables come from the result objects
(``table()``, ``max_growth_table()``), summary facts from ``result.facts()``, history and provenance from
the panel the projection ran on (``result.projection.panel``). The small helpers below turn codes
(reasons, limits, parameters, scenarios) into catalogue words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from growth8.i18n import has, number, percent, period, t

if TYPE_CHECKING:
    from growth8.assemble import ModelSetup
    from growth8.calibrate import Calibration, ProvinceCalibration
    from growth8.config import ScenarioConfig
    from growth8.data import Panel
    from growth8.pipeline import ReportInputs, RunInfo
    from growth8.results.facts import TargetFacts
    from growth8.results.target import TargetResult

#: Provinces up to this count all get charts and per-year tables; above it, the largest few.
ALL_CHARTS_UP_TO = 6

#: The field holding a parameter's title in each language (configs/defaults: ``title``, ``title_id``).
TITLE_FIELD = {"id": "title_id", "en": "title"}


def pct(value: float, lang: str, decimals: int = 1) -> str:
    """A fraction as a percentage in ``lang``."""
    return percent(float(value), decimals, lang)


def join(items: Sequence[str], lang: str) -> str:
    """``A, B and C`` (en) / ``A, B dan C`` (id)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return t("report.list.and", lang, rest=", ".join(items[:-1]), last=items[-1])


def reason(code: str, lang: str) -> str:
    """A reason code of :data:`growth8.model.inverse.REASONS` (or ``none``) as a noun phrase."""
    key = f"reason.{code}"
    return t(key, lang) if has(key) else str(code)


def limit(code: str, lang: str, cell: bool = False) -> str:
    """A limit code (``funding``, ``car``, ``rim``, a source's ceiling, ``none``) in words.

    ``cell``: as short as a table cell wants.
    """
    key = f"limit.{code}" if cell else f"report.limit.{code}"
    return t(key, lang) if has(key) else str(code)


@dataclass(frozen=True)
class Context:
    """One config's report inputs in one language, with the tables sliced once.

    Parameters
    ----------
    inputs : ReportInputs
    lang : {'id', 'en'}
    label : str
        Prefix of scenario labels when several configs are compared (``banten:``); empty otherwise.
    """

    inputs: ReportInputs
    lang: str
    label: str = ""

    # ------------------------------------------------------------------ objects
    @property
    def result(self) -> TargetResult:
        return self.inputs.target

    @property
    def setup(self) -> ModelSetup:
        return self.result.setup

    @property
    def cfg(self) -> ScenarioConfig:
        return self.setup.config

    @property
    def run(self) -> RunInfo:
        return self.inputs.run

    @property
    def calibration(self) -> Calibration:
        return self.setup.calibration

    @property
    def panel(self) -> Panel | None:
        return self.result.projection.panel

    @property
    def scenarios(self) -> tuple[str, ...]:
        return tuple(self.setup.scenarios)

    @property
    def provinces(self) -> tuple[int, ...]:
        return tuple(self.setup.provinces)

    @property
    def base_scenario(self) -> str:
        return self.scenarios[0]

    @property
    def base_year(self) -> int:
        return int(self.setup.years[0])

    @property
    def first_year(self) -> int:
        """The first projected year."""
        return int(self.setup.years[1])

    @property
    def horizon(self) -> int:
        return int(self.setup.years[-1])

    # ------------------------------------------------------------------ tables and facts (computed once)
    @cached_property
    def proj(self) -> pd.DataFrame:
        """projection.csv of the result."""
        return self.result.projection.table()

    @cached_property
    def req(self) -> pd.DataFrame:
        """target.csv of the result."""
        return self.result.table()

    @cached_property
    def max_growth(self) -> pd.DataFrame:
        """max_growth.csv of the result."""
        return self.result.max_growth_table()

    @cached_property
    def facts(self) -> dict[tuple[str, int], TargetFacts]:
        """The result's summary facts per (scenario, province code)."""
        return self.result.facts()

    @cached_property
    def names(self) -> dict[int, str]:
        """Province code -> name."""
        return dict(zip(self.provinces, self.result.projection.province_names, strict=True))

    def fact(self, scenario: str, code: int) -> TargetFacts:
        return self.facts[(scenario, code)]

    def p(self, scenario: str, code: int) -> pd.DataFrame:
        """projection.csv rows of one scenario and province."""
        tab = self.proj
        return tab[(tab["scenario"] == scenario) & (tab["province_code"] == code)]

    def r(self, scenario: str, code: int) -> pd.DataFrame:
        """target.csv rows of one scenario and province."""
        tab = self.req
        return tab[(tab["scenario"] == scenario) & (tab["province_code"] == code)]

    def sweep_table(self) -> pd.DataFrame | None:
        """sweep.csv of the lever sweep, or None without one."""
        sweep = self.inputs.sweep
        if sweep is None:
            return None
        table = sweep.table
        return table() if callable(table) else table

    def province_calibration(self, code: int) -> ProvinceCalibration:
        return self.calibration.provinces[self.provinces.index(code)]

    # ------------------------------------------------------------------ words
    def t(self, key: str, /, **kwargs: object) -> str:
        """The catalogue text ``key`` in the document's language."""
        return t(key, self.lang, **kwargs)

    def title(self) -> str:
        """The config's title in the document's language."""
        return self.cfg.title_in(self.lang)

    def scenario_title(self, scenario: str) -> str:
        """A scenario's full title, with the comparison prefix."""
        return f"{self.label}{self.cfg.scenario_title(scenario, self.lang)}"

    def scenario_label(self, scenario: str) -> str:
        """A scenario's short title (legends, table cells), with the comparison prefix."""
        return f"{self.label}{self.cfg.scenario_label(scenario, self.lang)}"

    def scenario_in_text(self, scenario: str) -> str:
        """A scenario's short title inside a sentence: in Indonesian a title that opens with the common noun
        "Skenario" takes it in lower case ("Pada skenario dasar, ..."); English titles are unchanged."""
        label = self.scenario_label(scenario)
        if self.lang == "id" and label.startswith("Skenario "):
            return "s" + label[1:]
        return label

    def param_title(self, name: str) -> str:
        """A parameter's title from the defaults (``title_id`` in Indonesian); the name if unknown."""
        pdef = self.setup.defaults.get(name)
        if pdef is None:
            return name
        return str(getattr(pdef, TITLE_FIELD[self.lang]) or pdef.title)

    def pct(self, value: float, decimals: int = 1) -> str:
        """A fraction as a percentage in the document's language."""
        return pct(value, self.lang, decimals)

    def num(self, value: float, decimals: int = 1) -> str:
        """A number with the document's language's separators."""
        return number(value, decimals, self.lang)

    def window_of(self, years: Sequence[int]) -> str:
        """The span of the years a calibrated mean was taken over."""
        years = [int(y) for y in years]
        return period(min(years), max(years)) if years else period(*self.calibration.window)


def chart_provinces(result: TargetResult, limit: int = 4) -> tuple[int, ...]:
    """The provinces that get charts and per-year tables.

    Every province when there are at most :data:`ALL_CHARTS_UP_TO`; otherwise the ``limit`` largest by
    base-year real GRDP (every province stays in the summary table and the workbook).
    """
    provinces = tuple(result.setup.provinces)
    if len(provinces) <= ALL_CHARTS_UP_TO:
        return provinces
    proj = result.projection.table()
    base = proj[(proj["scenario"] == result.setup.scenarios[0]) & proj["observed"]]
    ranked = base.sort_values("grdp_real", ascending=False)["province_code"].tolist()
    keep = set(ranked[:limit])
    return tuple(c for c in provinces if c in keep)

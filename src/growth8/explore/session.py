"""What the explorer page asks for, answered by the library: no model logic here or in the page.

A *setting* is what the page sends: a province, a language and the values of the levers the analyst
moved. Every evaluation writes those settings as a scenario file that extends the config the explorer
started from (:func:`scenario_yaml`), loads it through the same loader as ``growth8 project`` (so a bad
value gets the same message as in a YAML file) and runs :func:`growth8.pipeline.solve_target`. The
answer is plain JSON for the page's charts and table.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from growth8 import pipeline
from growth8.config.parameters import load_defaults
from growth8.data import Panel
from growth8.errors import Growth8Error, InputError, Problem
from growth8.i18n import catalogue, t, using

#: The explorer's own scenario, added to the config.
SCENARIO = "explore"
#: Monte Carlo draws behind the page's probability (the saved file keeps the config's own number).
EXPLORE_DRAWS = 200
#: Tolerance of the maximum growth rates the page shows (to 0.01 percentage points).
GROWTH_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Lever:
    """One slider: the parameter it sets (for the chosen province, every projected year), its range and step.

    ``kind`` is ``parameter`` (a defaults.yaml parameter), ``target`` (the target level) or ``target_year``.
    """

    name: str
    kind: str
    low: float
    high: float
    step: float
    unit: str


#: The levers, in the order the page shows them. Ranges sit inside each parameter's hard bounds.
LEVERS: tuple[Lever, ...] = (
    Lever("bpd_credit_growth", "parameter", 0.0, 0.6, 0.005, "fraction"),
    Lever("capital_injection", "parameter", 0.0, 5000.0, 50.0, "Rp bn"),
    Lever("other_bank_credit_growth", "parameter", 0.0, 0.4, 0.005, "fraction"),
    Lever("direct_investment_share", "parameter", 0.0, 1.0, 0.005, "fraction"),
    Lever("public_investment_extra_share", "parameter", 0.0, 0.2, 0.0025, "fraction"),
    Lever("public_investment_efficiency", "parameter", 0.3, 1.0, 0.01, "fraction"),
    Lever("tfp_growth", "parameter", -0.02, 0.06, 0.0005, "fraction"),
    Lever("target_growth", "target", 0.02, 0.12, 0.0025, "fraction"),
    Lever("target_year", "target_year", 0.0, 0.0, 1.0, "year"),
)
LEVER_NAMES = tuple(lever.name for lever in LEVERS)


@dataclass
class Explorer:
    """One config opened in the explorer: its path, its data (loaded once) and its baseline values."""

    config_path: Path
    panel: Panel
    data_source: str = "bundled"
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, config: str | Path | None = None, data_dir: str | Path | None = None) -> Explorer:
        """Load and validate the config and its data once (errors as for ``growth8 project``)."""
        inputs = pipeline.load(config, data_dir=data_dir)
        return cls(Path(inputs.config.path).resolve(), inputs.panel, inputs.data_source)

    # -- what the page needs to draw itself -------------------------------------------------------
    def state(self, lang: str = "en") -> dict[str, Any]:
        """Provinces, levers with their baseline values per province, and the page's words (computed once)."""
        key = f"state:{lang}"
        if key not in self._cache:
            self._cache[key] = self._state(lang)
        return dict(self._cache[key])

    def _state(self, lang: str) -> dict[str, Any]:
        inputs = pipeline.load(self.config_path, panel=self.panel)
        cfg = inputs.config
        base = self._baseline(inputs)
        years = base.setup.years
        provinces = []
        for j, code in enumerate(cfg.provinces):
            values: dict[str, float] = {}
            for lever in LEVERS:
                if lever.kind == "parameter":
                    values[lever.name] = float(base.setup.values[lever.name][0, j, 1])
                elif lever.kind == "target":
                    values[lever.name] = float(cfg.province_targets[code].growth)
                else:
                    values[lever.name] = float(cfg.province_targets[code].by)
            provinces.append(
                {
                    "code": int(code),
                    "name": self.panel.province_name(code, lang),
                    "slug": self._slug(code),
                    "values": values,
                }
            )
        defaults = load_defaults()
        levers = [
            {
                "name": lever.name,
                "title": _lever_title(lever, defaults, lang),
                "kind": lever.kind,
                "low": float(years[1] + 1) if lever.kind == "target_year" else lever.low,
                "high": float(years[-1]) if lever.kind == "target_year" else lever.high,
                "step": lever.step,
                "unit": lever.unit,
            }
            for lever in LEVERS
        ]
        return {
            "config": str(self.config_path),
            "title": cfg.title_in(lang),
            "lang": lang,
            "provinces": provinces,
            "levers": levers,
            "has_uncertainty": bool(cfg.uncertainty.parameters),
            "words": words(lang),
        }

    def _codes(self) -> tuple[int, ...]:
        if "codes" not in self._cache:
            self._cache["codes"] = tuple(pipeline.load(self.config_path, panel=self.panel).config.provinces)
        return tuple(self._cache["codes"])

    def _baseline(self, inputs: pipeline.Inputs) -> Any:
        if "baseline" not in self._cache:
            self._cache["baseline"] = pipeline.project(inputs)
        return self._cache["baseline"]

    def _slug(self, code: int) -> str:
        table = self.panel.provinces.set_index("province_code")
        return str(table.at[code, "slug"])

    # -- the scenario file ---------------------------------------------------------------------------
    def scenario_yaml(self, settings: Mapping[str, Any], *, only_province: bool = False, lang: str = "en") -> str:
        """The settings as a scenario file extending the explorer's config: only the changed keys.

        Parameters
        ----------
        settings : mapping
            ``province`` (code or slug) and ``values`` (lever name -> value); values equal to the
            province's baseline are left out.
        only_province : bool
            Restrict the file to that province (what the explorer evaluates; the saved file keeps the
            config's provinces).
        """
        code, values = self._read(settings)
        state = {p["code"]: p for p in self.state(lang)["provinces"]}
        baseline = state[code]["values"]
        slug = self._slug(code)
        parameters: dict[str, Any] = {}
        target: dict[str, Any] = {}
        for lever in LEVERS:
            if lever.name not in values or _same(values[lever.name], baseline[lever.name]):
                continue
            value = values[lever.name]
            if lever.kind == "parameter":
                parameters[lever.name] = {slug: value}
            elif lever.kind == "target":
                target["provinces"] = {slug: value}
            else:
                target["by"] = int(value)
        doc: dict[str, Any] = {"format": 1, "extends": str(self.config_path)}
        doc["title"] = t("explore.scenario.file_title", lang, province=state[code]["name"])
        if only_province:
            doc["provinces"] = [slug]
            doc["uncertainty"] = {"draws": EXPLORE_DRAWS}
        if target:
            cfg_target = pipeline.load(self.config_path, panel=self.panel).config.target
            doc["target"] = {"growth": float(cfg_target.growth), "by": int(target.get("by", cfg_target.by)), **target}
            if "provinces" in target:
                doc["target"]["provinces"] = target["provinces"]
        doc["scenarios"] = {
            SCENARIO: {
                "title": t("explore.scenario.title", "en"),
                "title_id": t("explore.scenario.title", "id"),
                "parameters": parameters,
            }
        }
        header = t("explore.scenario.header", lang, config=self.config_path.name)
        return "".join(f"# {line}\n" for line in header.splitlines()) + yaml.safe_dump(doc, sort_keys=False)

    def _read(self, settings: Mapping[str, Any]) -> tuple[int, dict[str, float]]:
        """The province code and the lever values, checked: an unknown lever or a non-number is refused."""
        problems: list[Problem] = []
        raw = settings.get("province")
        code: int | None = None
        try:
            code = int(self.panel.province(raw)) if raw is not None else None
        except (LookupError, ValueError, TypeError, Growth8Error):
            code = None
        if code is None or code not in self._codes():
            problems.append(Problem.of("explore.error.no_province", key="province", value=repr(raw)))
        values: dict[str, float] = {}
        given = settings.get("values") or {}
        if not isinstance(given, Mapping):
            given = {}
        for name, value in given.items():
            if name not in LEVER_NAMES:
                problems.append(Problem.of("explore.error.unknown_lever", key=str(name), name=str(name)))
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
                problems.append(
                    Problem.of("explore.error.not_a_number", key=str(name), name=str(name), value=repr(value))
                )
                continue
            values[str(name)] = float(value)
        if problems:
            raise InputError(problems)
        assert code is not None
        return code, values

    # -- evaluation -----------------------------------------------------------------------------------
    def evaluate(self, settings: Mapping[str, Any], lang: str = "en", *, full: bool = False) -> dict[str, Any]:
        """Project and solve the target for the settings, for one province; JSON for the page.

        The first answer (``full=False``) leaves out the two maximum growth rates and the probability,
        the slow parts; the page asks for them next (``full=True``, :meth:`maxima`).

        Raises
        ------
        ConfigError, InputError
            The settings as a YAML file would be refused (with the same messages).
        """
        code, _ = self._read(settings)
        text = self.scenario_yaml(settings, only_province=True, lang=lang)
        with tempfile.TemporaryDirectory(prefix="growth8-explore-") as tmp:
            path = Path(tmp) / "explore.yaml"
            path.write_text(text, encoding="utf-8")
            with using(lang):
                inputs = _only_baseline_and_explore(pipeline.load(path, panel=self.panel))
                result = pipeline.solve_target(inputs, growth_tolerance=GROWTH_TOLERANCE, maxima=full)
                wanted = full and bool(inputs.config.uncertainty.parameters)
                probability = self._probability(result) if wanted else None
        return _answer(result, code, lang, probability)

    def maxima(self, settings: Mapping[str, Any], lang: str = "en") -> dict[str, Any]:
        """The slow part of the answer: both maximum growth rates, the probability, the full sentences."""
        answer = self.evaluate(settings, lang, full=True)
        keys = ("max_growth_bpd", "max_growth_all", "probability", "sentences", "target_year")
        return {k: answer[k] for k in keys}

    def _probability(self, result: Any) -> float | None:
        simulated = pipeline.simulate(result.projection)  # the projection just made: no second calibration
        prob = simulated.probabilities()
        row = prob[prob["scenario"] == SCENARIO]
        return float(row["prob_reach_target"].iloc[0]) if len(row) else None

    def report_pdf(self, settings: Mapping[str, Any], lang: str = "en") -> bytes:
        """The PDF report of the settings' scenario (all the config's provinces)."""
        from growth8.report import build, render_document

        text = self.scenario_yaml(settings, lang=lang)
        with tempfile.TemporaryDirectory(prefix="growth8-explore-") as tmp:
            path = Path(tmp) / "explore.yaml"
            path.write_text(text, encoding="utf-8")
            inputs = pipeline.report_inputs(
                path, lang=lang, draws=0, estimation=False, uncertainty=False, panel=self.panel
            )
            return render_document(build(inputs), "pdf")


def _only_baseline_and_explore(inputs: pipeline.Inputs) -> pipeline.Inputs:
    """The evaluated config without the other scenarios it inherits (the page shows the explorer's against
    the baseline); each scenario is computed on its own, so this changes no number, only the work."""
    from dataclasses import replace

    from growth8.config.load import rehash

    cfg = inputs.config
    keep = ("baseline", SCENARIO)
    overrides = {k: v for k, v in cfg.overrides.items() if k in keep}
    return pipeline.Inputs(rehash(replace(cfg, scenarios=keep, overrides=overrides)), inputs.panel, inputs.data_source)


def _lever_title(lever: Lever, defaults: Mapping[str, Any], lang: str) -> str:
    """A lever's label: its parameter's title (defaults.yaml) or the page's words for the target."""
    if lever.kind == "parameter":
        p = defaults[lever.name]
        return str(p.title_id if lang == "id" and p.title_id else p.title)
    return t(f"explore.page.lever.{lever.name}", lang)


def _same(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 1e-12 * max(1.0, abs(float(b)))


def words(lang: str) -> dict[str, str]:
    """Every catalogue text the page shows, in ``lang``: the page's own (explore.*), sources and limits."""
    keys = [k for k in catalogue() if k.startswith(("explore.page.", "source.", "limit."))]
    return {k: t(k, lang) for k in keys}


def _series(a: np.ndarray) -> list[float | None]:
    return [None if not np.isfinite(v) else float(v) for v in np.asarray(a, dtype=float)]


def _answer(result: Any, code: int, lang: str, probability: float | None) -> dict[str, Any]:
    """The page's JSON: growth against the target, investment needed against available, the financing table."""
    setup = result.setup
    i = setup.scenarios.index(SCENARIO)
    base = setup.scenarios.index("baseline")
    j = setup.provinces.index(code)
    out = result.projection.output
    req = result.requirements
    years = [int(y) for y in setup.years]
    facts = result.facts()[(SCENARIO, code)]
    fin = result.financing_table()
    goal = facts.projection.target_year
    rows = fin[(fin["scenario"] == SCENARIO) & (fin["province_code"] == code) & (fin["year"] == goal)]
    table = [
        {
            "source": str(r.source),
            "label": t(f"source.{r.source}", lang),
            "max_extra_tn": None if not np.isfinite(r.max_extra_rp_bn) else float(r.max_extra_rp_bn) / 1000.0,
            "financed_tn": float(r.financed_rp_bn) / 1000.0,
            "share_of_gap": None if not np.isfinite(r.share_of_gap) else float(r.share_of_gap),
            "limit": t(f"limit.{r.binding_limit}", lang) if r.binding_limit else "",
            "tfp_growth_required": None if not np.isfinite(r.tfp_growth_required) else float(r.tfp_growth_required),
        }
        for r in rows.itertuples(index=False)
    ]
    return {
        "province": code,
        "years": years,
        "growth": _series(out.growth[i, j, 0]),
        "growth_baseline": _series(out.growth[base, j, 0]),
        "target": _series(req.target_growth[i, j, 0]),
        "required_investment_rate": _series(req.required_investment_rate[i, j, 0]),
        "investment_rate": _series(out.investment_rate[i, j, 0]),
        "target_year": goal,
        "gap_tn": float(rows["gap_rp_bn"].iloc[0]) / 1000.0 if len(rows) else None,
        "financing": table,
        "max_growth_bpd": None if math.isnan(facts.max_growth) else float(facts.max_growth),
        "max_growth_all": None if math.isnan(facts.max_growth_all) else float(facts.max_growth_all),
        "meets_target": bool(facts.meets_target),
        "probability": probability,
        "sentences": result.financing_sentences(SCENARIO, code, lang),
    }

"""Scenario configurations: YAML files -> a validated, immutable :class:`ScenarioConfig`.

A config names provinces, a horizon, calibration choices, a growth target and
one or more scenarios (``baseline`` is required). Parameter values override the
documented defaults (configs/defaults.yaml) in layers: defaults, then the
config's top-level ``parameters``, then the scenario's ``parameters``. A config
may ``extends:`` another file and then overrides only what it changes.

Value forms for a parameter (see configs/README.md)::

    depreciation: 0.04                          # every province, every year
    depreciation: {2030: 0.045}                 # from 2030 on (steps carry forward)
    productive_share: {to: 0.5, by: 2029}       # linear ramp from the base year
    productive_share: {to: 0.5, from: 2026, by: 2029}
    capital_injection: {banten: {2025: 1700}}   # per province (name or BPS code)
    bpd_credit_initial: {banten: {value: 3270, source: "Bank Banten, Jun-2023"}}
    bpd_credit_growth: baseline_bpd_credit_growth   # another parameter's value

Every problem in a file is reported at once, with file:line:column, the key,
the value, the allowed range and a "did you mean" for typos.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, field_validator

from .errors import ConfigError, Problem, did_you_mean
from .parameters import CALIBRATED, RENAMED, ParameterDef, load_defaults
from .yamlio import YamlDocument, read_yaml

FORMAT_VERSION = 1
YEAR_MIN, YEAR_MAX = 2000, 2100
MAX_EXTENDS_DEPTH = 8
SPEC_WORDS = ("to", "by", "from", "value", "source", "note")

ProvinceResolver = Callable[[Any], int]


# --------------------------------------------------------------------------- schema
def _as_tuple(value: Any) -> Any:
    """YAML gives lists; the schema's pairs are tuples."""
    return tuple(value) if isinstance(value, list) else value


YearPair = Annotated[tuple[int, int], BeforeValidator(_as_tuple)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class CalibrationSpec(_Strict):
    """Calibration choices (see growth8.calibrate).

    ``estimated`` lists parameters to take from growth8.estimate (the
    perpetual-inventory K/Y and the growth-accounting TFP residual) instead of
    the default calibration.
    """

    window: YearPair = (2022, 2024)
    capital_output_ratio: str | float = "steady_state"
    labour_growth: Literal["population", "employment", "national"] = "population"
    labour_window: YearPair = (2015, 2020)
    estimated: list[str] = []

    @field_validator("estimated")
    @classmethod
    def _known_estimates(cls, value: list[str]) -> list[str]:
        from .estimate import ESTIMATED_PARAMETERS

        unknown = [v for v in value if v not in ESTIMATED_PARAMETERS]
        if unknown:
            raise ValueError(
                f"cannot estimate {', '.join(unknown)}{did_you_mean(unknown[0], ESTIMATED_PARAMETERS)}; "
                f"estimable: {', '.join(ESTIMATED_PARAMETERS)}"
            )
        return value


TargetPathKind = Literal["ramp", "constant", "average"]


class ProvinceTarget(_Strict):
    """A province's own target: any field left out takes the config's value."""

    growth: float | None = None
    by: int | None = None
    path: TargetPathKind | None = None
    start: int | None = None
    window: YearPair | None = None


class TargetSpec(_Strict):
    """The growth target path.

    ``ramp`` (default): linear from the first projected year's growth (set by
    the base year's investment, already made) to ``growth`` in ``by``, then
    held. ``constant``: ``growth`` from ``start`` (default: the second
    projected year, the first whose growth investment can still change) on.
    ``average``: a constant growth from the second projected year such that the
    geometric mean growth over ``window`` equals ``growth``. ``provinces``
    gives per-province targets (a number is a growth level).
    """

    growth: float = 0.08
    by: int = 2029
    path: TargetPathKind = "ramp"
    start: int | None = None
    window: YearPair | None = None
    provinces: dict[str | int, float | ProvinceTarget] = {}

    def for_province(self, own: float | ProvinceTarget | None) -> TargetSpec:
        """This target with a province's own overrides applied (``provinces`` dropped)."""
        update: dict[str, Any] = {"provinces": {}}
        if isinstance(own, (int, float)):
            update["growth"] = float(own)
        elif own is not None:
            update.update({k: v for k, v in own.model_dump().items() if v is not None})
        return self.model_copy(update=update)


class ScenarioSpec(_Strict):
    """One scenario: a title and the parameters it changes."""

    title: str = ""
    title_id: str = ""
    description: str = ""
    parameters: dict[Any, Any] = {}


DistKind = Literal["normal", "truncnormal", "uniform", "triangular", "lognormal"]


class DistSpec(_Strict):
    """A parameter's distribution for Monte Carlo (see growth8.uncertainty).

    normal / truncnormal: the resolved value plus a shock with standard
    deviation ``sd`` (``estimated``: the standard error from growth8.estimate),
    truncated so the value stays within [low, high] (default: the parameter's
    hard bounds). lognormal: the resolved value times exp(sd z), so the median
    is the resolved value. uniform (low, high) and triangular (low, mode, high):
    absolute values that replace the parameter's path. ``shared``: one draw for
    every province (true, the default) or an independent draw per province.
    """

    dist: DistKind
    sd: float | Literal["estimated"] | None = None
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    shared: bool = True


class CorrelationSpec(_Strict):
    """Correlation of two drawn parameters (a Gaussian copula)."""

    between: Annotated[tuple[str, str], BeforeValidator(_as_tuple)]
    rho: float


class UncertaintySpec(_Strict):
    """Monte Carlo settings: draws, chunk size, distributions, correlations, window.

    ``quantiles``: ``exact`` keeps growth and GRDP of every draw; ``histogram``
    streams them into fixed bins per (scenario, province, year), so memory does
    not grow with the draws; ``auto`` (default) is exact while that fits in
    256 MB, else histogram.
    """

    draws: int = 1000
    chunk: int = 1000
    parameters: dict[str, DistSpec] = {}
    correlation: list[CorrelationSpec] = []
    window: YearPair | None = None
    quantiles: Literal["auto", "exact", "histogram"] = "auto"
    histogram_bins: int = 4096


class SensitivitySpec(_Strict):
    """One-at-a-time ranges: parameter -> [low, high] (absolute values)."""

    parameters: dict[str, Annotated[tuple[float, float], BeforeValidator(_as_tuple)]] = {}
    scenario: str | None = None


class SweepSpec(_Strict):
    """A grid over scenario levers: parameter -> list of values."""

    grid: dict[str, list[float]] = {}
    scenario: str | None = None


class _FileModel(_Strict):
    format: int = FORMAT_VERSION
    title: str = ""
    title_id: str = ""
    description: str = ""
    author: str = ""
    reference: str = ""
    extends: str | None = None
    provinces: list[str | int] | Literal["all"] | None = None
    base_year: int | None = None
    horizon: int | None = None
    seed: int | None = None
    data: str | None = None
    calibration: dict[str, Any] = {}
    target: dict[str, Any] = {}
    uncertainty: dict[str, Any] = {}
    sensitivity: dict[str, Any] = {}
    sweep: dict[str, Any] = {}
    parameters: dict[Any, Any] = {}
    scenarios: dict[str, ScenarioSpec | None] = {}


# ------------------------------------------------------------------ value objects
@dataclass(frozen=True)
class Override:
    """One parameter override as written in a file, with where it was written.

    ``spec`` is the raw YAML value (number, string, mapping); ``path`` its key
    path in ``doc``; ``layer`` is ``"config"`` or ``"scenario:<name>"``.
    """

    parameter: str
    spec: Any
    doc: YamlDocument = field(repr=False, compare=False)
    path: tuple[Any, ...]
    layer: str

    def problem(self, message: str, sub: tuple[Any, ...] = ()) -> Problem:
        """A Problem located at ``path + sub`` in the file the override came from."""
        line, col = self.doc.where(self.path + sub)
        return Problem(message, file=self.doc.file, line=line, column=col, key=".".join(map(str, self.path + sub)))


@dataclass(frozen=True)
class ScenarioConfig:
    """A validated scenario configuration (all files of an ``extends`` chain).

    Attributes
    ----------
    path : Path
        The file given by the user.
    files : tuple of Path
        The chain, root first.
    title, description : str
    provinces : tuple of int
        BPS codes, in config order.
    base_year : int or None
        None means the last observed year in the data.
    horizon : int
    seed : int
    data_dir : str or None
        A data folder named by the config (relative to the config file).
    calibration : CalibrationSpec
    target : TargetSpec
    scenarios : tuple of str
        Scenario names, ``baseline`` first.
    province_targets : dict
        BPS code -> the target for that province (the config's target with the
        province's own overrides), for every province.
    scenario_titles : dict
    overrides : dict
        Scenario name -> tuple of :class:`Override` in application order.
    config_hash : str
        sha256 of the canonical JSON of the resolved configuration.
    file_hash : str
        sha256 over the bytes of every file in the chain.
    """

    path: Path
    files: tuple[Path, ...]
    title: str
    description: str
    author: str
    reference: str
    provinces: tuple[int, ...]
    base_year: int | None
    horizon: int
    seed: int
    data_dir: str | None
    calibration: CalibrationSpec
    target: TargetSpec
    scenarios: tuple[str, ...]
    scenario_titles: Mapping[str, str]
    overrides: Mapping[str, tuple[Override, ...]] = field(repr=False)
    province_targets: Mapping[int, TargetSpec] = field(default_factory=dict)
    uncertainty: UncertaintySpec = field(default_factory=UncertaintySpec)
    sensitivity: SensitivitySpec = field(default_factory=SensitivitySpec)
    sweep: SweepSpec = field(default_factory=SweepSpec)
    config_hash: str = ""
    file_hash: str = ""

    @property
    def name(self) -> str:
        """The config's name: its file name without extension."""
        return self.path.stem

    def resolved(self) -> dict[str, Any]:
        """The configuration as plain data (what ``config_hash`` is computed from)."""
        return {
            "title": self.title,
            "provinces": list(self.provinces),
            "base_year": self.base_year,
            "horizon": self.horizon,
            "seed": self.seed,
            "calibration": self.calibration.model_dump(mode="json"),
            "target": self.target.model_dump(mode="json"),
            "uncertainty": self.uncertainty.model_dump(mode="json"),
            "sensitivity": self.sensitivity.model_dump(mode="json"),
            "sweep": self.sweep.model_dump(mode="json"),
            "scenarios": {
                s: [{"parameter": o.parameter, "layer": o.layer, "spec": _jsonable(o.spec)} for o in self.overrides[s]]
                for s in self.scenarios
            },
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


# ------------------------------------------------------------------ loading
def _pydantic_problems(exc: ValidationError, doc: YamlDocument, prefix: tuple[Any, ...], fields: Any) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and x in {"str", "int", "float", "list[...]"}))
        path = prefix + loc
        line, col = doc.where(path)
        key = ".".join(str(k) for k in path)
        value = err.get("input")
        if err["type"] == "extra_forbidden":
            name = str(loc[-1]) if loc else ""
            allowed = fields(loc[:-1]) if callable(fields) else fields
            hint = RENAMED.get(name, "")
            msg = f"unknown key '{name}'" + (f": {hint}" if hint else did_you_mean(name, allowed))
            if allowed and not hint and not did_you_mean(name, allowed):
                msg += f"; allowed keys: {', '.join(allowed)}"
        else:
            shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
            msg = f"{err['msg'].rstrip('.')}, got {shown}"
        problems.append(Problem(msg, file=doc.file, line=line, column=col, key=key or None))
    # One message per location is enough: unions report every branch.
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for p in problems:
        k = (p.line, p.column, p.key)
        if k not in seen:
            seen.add(k)
            unique.append(p)
    return unique


def _allowed_fields(loc: tuple[Any, ...]) -> list[str]:
    if not loc:
        return list(_FileModel.model_fields)
    if loc[0] == "scenarios":
        return list(ScenarioSpec.model_fields)
    return []


def _read_chain(path: Path) -> tuple[list[tuple[YamlDocument, _FileModel]], list[Problem]]:
    """Read ``path`` and every file it extends, root first."""
    chain: list[tuple[YamlDocument, _FileModel]] = []
    problems: list[Problem] = []
    seen: list[Path] = []
    current: Path | None = path
    while current is not None:
        resolved = current.resolve()
        if resolved in seen:
            problems.append(
                Problem(f"'extends' makes a cycle: {' -> '.join(p.name for p in [*seen, resolved])}", file=str(current))
            )
            break
        if len(seen) >= MAX_EXTENDS_DEPTH:
            problems.append(Problem(f"'extends' chain deeper than {MAX_EXTENDS_DEPTH} files", file=str(current)))
            break
        seen.append(resolved)
        doc = read_yaml(current)
        problems.extend(doc.problems)
        if doc.data is None and not doc.problems:
            problems.append(Problem("the file is empty", file=doc.file, line=1))
        if doc.data is None:
            break
        if not isinstance(doc.data, Mapping):
            problems.append(
                Problem(
                    "the top level must be a mapping of keys (title:, provinces:, scenarios:, ...)",
                    file=doc.file,
                    line=1,
                )
            )
            break
        try:
            model = _FileModel.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc, doc, (), _allowed_fields))
            model = None
        if model is None:
            break
        if model.format != FORMAT_VERSION:
            line, col = doc.where(("format",))
            problems.append(
                Problem(
                    f"format {model.format} is not supported; this growth8 reads format {FORMAT_VERSION}",
                    file=doc.file,
                    line=line,
                    column=col,
                    key="format",
                )
            )
        chain.append((doc, model))
        if model.extends:
            nxt = current.parent / model.extends
            if not nxt.is_file():
                line, col = doc.where(("extends",))
                siblings = [p.name for p in current.parent.glob("*.yaml")]
                problems.append(
                    Problem(
                        f"extends '{model.extends}': no such file{did_you_mean(model.extends, siblings)}",
                        file=doc.file,
                        line=line,
                        column=col,
                        key="extends",
                    )
                )
                current = None
            else:
                current = nxt
        else:
            current = None
    chain.reverse()
    return chain, problems


def _check_sub_block(
    doc: YamlDocument, key: str, block: Mapping[str, Any], model: type[_Strict], problems: list[Problem]
) -> None:
    try:
        model.model_validate(dict(block))
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, doc, (key,), list(model.model_fields)))


def _year_ok(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and YEAR_MIN <= value <= YEAR_MAX


def check_spec(
    ov: Override,
    pdef: ParameterDef,
    defaults: Mapping[str, ParameterDef],
    resolve_province: ProvinceResolver,
    problems: list[Problem],
    *,
    sub: tuple[Any, ...] = (),
    spec: Any = None,
    depth: int = 0,
    in_province: bool = False,
) -> None:
    """Check the syntax of one parameter value (numbers, years, ramps, provinces)."""
    spec = ov.spec if depth == 0 else spec

    def bad(msg: str, at: tuple[Any, ...] = ()) -> None:
        problems.append(ov.problem(msg, sub + at))

    if isinstance(spec, bool):
        bad(f"must be a number, got {str(spec).lower()}")
        return
    if isinstance(spec, (int, float)):
        return
    if isinstance(spec, str):
        if spec == CALIBRATED:
            return
        if spec not in defaults:
            bad(f"'{spec}' is not a number or a parameter name{did_you_mean(spec, defaults)}")
        elif defaults[spec].unit != pdef.unit:
            bad(f"'{spec}' is in {defaults[spec].unit}, but {pdef.name} is in {pdef.unit}")
        return
    if spec is None:
        bad("has no value; give a number")
        return
    if not isinstance(spec, Mapping):
        bad(f"must be a number or a mapping, got a {type(spec).__name__}")
        return
    if not spec:
        bad("is an empty mapping; give a number, years, a ramp {to:, by:} or provinces")
        return
    keys = list(spec)
    if "to" in keys or "by" in keys:
        extra = [k for k in keys if k not in ("to", "by", "from", "source", "note")]
        for k in extra:
            bad(
                f"unknown key '{k}' in a ramp (allowed: to, by, from, source, note){did_you_mean(str(k), SPEC_WORDS)}",
                (k,),
            )
        if not pdef.by_year:
            bad(f"{pdef.name} is a base-year value and cannot ramp over years")
            return
        if "to" not in spec or "by" not in spec:
            bad("a ramp needs both 'to' (the value) and 'by' (the year it is reached)")
            return
        if isinstance(spec["to"], bool) or not isinstance(spec["to"], (int, float)):
            bad(f"'to' must be a number, got {spec['to']!r}", ("to",))
        for k in ("by", "from"):
            if k in spec and not _year_ok(spec[k]):
                bad(f"'{k}' must be a year between {YEAR_MIN} and {YEAR_MAX}, got {spec[k]!r}", (k,))
        if _year_ok(spec.get("by")) and _year_ok(spec.get("from")) and spec["from"] >= spec["by"]:
            bad(f"'from' ({spec['from']}) must be before 'by' ({spec['by']})", ("from",))
        return
    if "value" in keys:
        for k in keys:
            if k not in ("value", "source", "note"):
                bad(
                    f"unknown key '{k}' beside 'value' (allowed: value, source, note)"
                    + did_you_mean(str(k), SPEC_WORDS),
                    (k,),
                )
        check_spec(
            ov,
            pdef,
            defaults,
            resolve_province,
            problems,
            sub=(*sub, "value"),
            spec=spec["value"],
            depth=depth + 1,
            in_province=in_province,
        )
        return
    int_keys = [k for k in keys if isinstance(k, int) and not isinstance(k, bool)]
    labels = [k for k in keys if k in ("source", "note")]
    if int_keys and len(int_keys) + len(labels) == len(keys) and all(not (0 < k < 100) for k in int_keys):
        if not pdef.by_year:
            bad(f"{pdef.name} is a base-year value and cannot change by year")
            return
        for k in int_keys:
            if not _year_ok(k):
                bad(f"year {k} is outside {YEAR_MIN}-{YEAR_MAX}", (k,))
            v = spec[k]
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                bad(f"the value for {k} must be a number, got {v!r}", (k,))
        return
    # Otherwise: provinces.
    if in_province:
        bad("provinces cannot be nested inside a province")
        return
    for k in keys:
        if k in ("source", "note"):
            continue
        try:
            resolve_province(k)
        except LookupError as exc:
            word = "year" if isinstance(k, int) else "province"
            bad(f"'{k}' is not a {word}, a province or a value form: {exc}", (k,))
            continue
        check_spec(
            ov,
            pdef,
            defaults,
            resolve_province,
            problems,
            sub=(*sub, k),
            spec=spec[k],
            depth=depth + 1,
            in_province=True,
        )


def _check_analysis_blocks(
    blocks: Mapping[str, Mapping[str, Any]],
    where: Mapping[str, YamlDocument],
    defaults: Mapping[str, ParameterDef],
    problems: list[Problem],
) -> None:
    """Parameter names and values of the uncertainty, sensitivity and sweep blocks."""

    def add(block: str, sub: tuple[Any, ...], message: str) -> None:
        doc = where[f"{block}.{sub[0]}"]
        line, col = doc.where((block, *sub))
        problems.append(Problem(message, file=doc.file, line=line, column=col, key=".".join(map(str, (block, *sub)))))

    def known(block: str, sub: tuple[Any, ...], name: Any) -> ParameterDef | None:
        if name in defaults:
            return defaults[name]
        hint = RENAMED.get(str(name).lower())
        add(block, sub, f"unknown parameter '{name}'" + (f": {hint}" if hint else did_you_mean(str(name), defaults)))
        return None

    def in_bounds(block: str, sub: tuple[Any, ...], pdef: ParameterDef, value: Any, what: str) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        lo, hi = pdef.bounds
        if not lo <= value <= hi:
            hint = (
                f"; rates are fractions: did you mean {value / 100:g}?"
                if pdef.unit == "fraction" and 1 < value <= 100
                else ""
            )
            add(block, sub, f"{what} {value:g} for {pdef.name} is outside the allowed range [{lo:g}, {hi:g}]{hint}")

    dists = blocks["uncertainty"].get("parameters")
    drawn: set[str] = set()
    if isinstance(dists, Mapping):
        for name, spec in dists.items():
            pdef = known("uncertainty", ("parameters", name), name)
            if pdef is None or not isinstance(spec, Mapping):
                continue
            drawn.add(str(name))
            sub = ("parameters", name)
            kind = spec.get("dist")
            sd = spec.get("sd")
            for bound in ("low", "high", "mode"):
                if kind in ("uniform", "triangular", "truncnormal"):
                    in_bounds("uncertainty", (*sub, bound), pdef, spec.get(bound), bound)
            if kind in ("normal", "truncnormal", "lognormal"):
                if sd is None:
                    add("uncertainty", sub, f"a {kind} distribution needs 'sd' (a number, or 'estimated')")
                elif isinstance(sd, (int, float)) and not isinstance(sd, bool) and sd <= 0:
                    add("uncertainty", (*sub, "sd"), f"sd must be positive, got {sd:g}")
                elif sd == "estimated" and name != "tfp_growth":
                    add("uncertainty", (*sub, "sd"), f"only tfp_growth has an estimated standard error, not {name}")
            if kind in ("uniform", "triangular"):
                lo, hi = spec.get("low"), spec.get("high")
                if not isinstance(lo, (int, float)) or not isinstance(hi, (int, float)) or not lo < hi:
                    add("uncertainty", sub, f"a {kind} distribution needs low < high, got low={lo!r}, high={hi!r}")
                elif kind == "triangular":
                    mode = spec.get("mode")
                    if not isinstance(mode, (int, float)) or not lo <= mode <= hi:
                        add(
                            "uncertainty",
                            sub,
                            f"a triangular distribution needs low <= mode <= high, got mode={mode!r}",
                        )
            if kind == "lognormal" and pdef.bounds[0] < 0:
                add("uncertainty", sub, f"{name} can be negative, so a lognormal (multiplicative) draw does not fit it")
    correlations = blocks["uncertainty"].get("correlation")
    if isinstance(correlations, list):
        for i, item in enumerate(correlations):
            if not isinstance(item, Mapping):
                continue
            pair = item.get("between")
            rho = item.get("rho")
            if isinstance(pair, (list, tuple)):
                for name in pair:
                    if name not in drawn:
                        add("uncertainty", ("correlation", i), f"'{name}' is correlated but has no distribution")
            if isinstance(rho, (int, float)) and not -1 < rho < 1:
                add("uncertainty", ("correlation", i), f"rho must be strictly between -1 and 1, got {rho:g}")
    ranges = blocks["sensitivity"].get("parameters")
    if isinstance(ranges, Mapping):
        for name, pair in ranges.items():
            pdef = known("sensitivity", ("parameters", name), name)
            if pdef is None or not isinstance(pair, (list, tuple)) or len(pair) != 2:
                continue
            lo, hi = pair
            in_bounds("sensitivity", ("parameters", name), pdef, lo, "low")
            in_bounds("sensitivity", ("parameters", name), pdef, hi, "high")
            if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and not lo < hi:
                add(
                    "sensitivity",
                    ("parameters", name),
                    f"the range must be [low, high] with low < high, got {list(pair)}",
                )
    grid = blocks["sweep"].get("grid")
    if isinstance(grid, Mapping):
        for name, values in grid.items():
            pdef = known("sweep", ("grid", name), name)
            if pdef is None or not isinstance(values, list):
                continue
            if not values:
                add("sweep", ("grid", name), "give at least one value")
            for j, value in enumerate(values):
                in_bounds("sweep", ("grid", name, j), pdef, value, "value")


def _default_resolver(data_dir: str | Path | None) -> ProvinceResolver:
    from .data import load_panel

    return load_panel(data_dir).province


def _year_pair(value: Any) -> bool:
    """Whether ``value`` is a [first, last] pair of integer years."""
    return isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(w, int) for w in value)


def target_growth_problem(growth: Any) -> str | None:
    """The problem with a target growth level, or None (a percentage instead of a fraction, say).

    Examples
    --------
    >>> target_growth_problem(8)
    'growth 8 is outside [-0.2, 0.5]; rates are fractions: did you mean 0.08?'
    >>> target_growth_problem(0.08) is None
    True
    """
    if isinstance(growth, bool) or not isinstance(growth, (int, float)):
        return None
    g = float(growth)
    if -0.2 <= g <= 0.5:
        return None
    hint = f"; rates are fractions: did you mean {g / 100:g}?" if 1 < g <= 50 else ""
    return f"growth {g:g} is outside [-0.2, 0.5]{hint}"


def load_scenario(
    path: str | Path,
    *,
    resolve_province: ProvinceResolver | None = None,
    defaults_file: str | Path | None = None,
) -> ScenarioConfig:
    """Read and validate a scenario configuration.

    Parameters
    ----------
    path : str or Path
        The YAML file.
    resolve_province : callable, optional
        Maps a province name or code to its BPS code, raising LookupError with
        suggestions; by default the bundled data's province table.
    defaults_file : str or Path, optional
        Another parameter catalogue (tests).

    Returns
    -------
    ScenarioConfig

    Raises
    ------
    ConfigError
        With every problem found in the file chain.

    Examples
    --------
    >>> cfg = load_scenario("configs/default.yaml")  # doctest: +SKIP
    >>> cfg.scenarios  # doctest: +SKIP
    ('baseline', 'bpd_push')
    """
    path = Path(path)
    defaults = load_defaults(defaults_file)
    chain, problems = _read_chain(path)
    if not chain:
        raise ConfigError(problems or [Problem("nothing to read", file=str(path))])
    if problems:
        raise ConfigError(problems)

    # Merge top-level scalars (the leaf wins) and blocks (key by key).
    merged: dict[str, Any] = {}
    where: dict[str, YamlDocument] = {}
    calibration: dict[str, Any] = {}
    target: dict[str, Any] = {}
    blocks: dict[str, dict[str, Any]] = {"uncertainty": {}, "sensitivity": {}, "sweep": {}}
    for doc, model in chain:
        for key in (
            "title",
            "title_id",
            "description",
            "author",
            "reference",
            "provinces",
            "base_year",
            "horizon",
            "seed",
            "data",
        ):
            value = getattr(model, key)
            if value not in (None, ""):
                merged[key] = value
                where[key] = doc
        for k, v in model.calibration.items():
            calibration[k] = v
            where[f"calibration.{k}"] = doc
        for k, v in model.target.items():
            target[k] = v
            where[f"target.{k}"] = doc
        for name, block in blocks.items():
            for k, v in getattr(model, name).items():
                block[k] = v
                where[f"{name}.{k}"] = doc
    leaf_doc = chain[-1][0]
    for key, block, model_cls in (
        ("calibration", calibration, CalibrationSpec),
        ("target", target, TargetSpec),
        ("uncertainty", blocks["uncertainty"], UncertaintySpec),
        ("sensitivity", blocks["sensitivity"], SensitivitySpec),
        ("sweep", blocks["sweep"], SweepSpec),
    ):
        docs = {where[f"{key}.{k}"] for k in block} or {leaf_doc}
        for doc in docs:
            own = {k: v for k, v in block.items() if where[f"{key}.{k}"] is doc}
            _check_sub_block(doc, key, own, model_cls, problems)

    if "provinces" not in merged:
        problems.append(
            Problem(
                "no 'provinces:' list; name the provinces to project (or 'all')",
                file=leaf_doc.file,
                line=1,
                key="provinces",
            )
        )

    def report(where_key: str, path: tuple[Any, ...], message: str, key: str | None = None) -> None:
        """Record a problem at ``path`` in the file that set ``where_key``."""
        doc = where.get(where_key, leaf_doc)
        line, col = doc.where(path)
        problems.append(Problem(message, file=doc.file, line=line, column=col, key=key or ".".join(map(str, path))))

    resolver = resolve_province or _default_resolver(merged.get("data") and (path.parent / merged["data"]))
    codes: list[int] = []
    prov_value = merged.get("provinces", [])
    if prov_value == "all":
        from .data import load_panel

        data_arg = merged.get("data")
        codes = [int(c) for c in load_panel(path.parent / data_arg if data_arg else None).provinces["province_code"]]
    else:
        for i, item in enumerate(prov_value or []):
            try:
                code = resolver(item)
            except LookupError as exc:
                report("provinces", ("provinces", i), f"unknown province '{item}': {exc}", key=f"provinces[{i}]")
                continue
            if code in codes:
                report("provinces", ("provinces", i), f"province '{item}' is listed twice", key=f"provinces[{i}]")
            codes.append(code)
        if prov_value == [] and "provinces" in merged:
            report("provinces", ("provinces",), "'provinces' is empty")

    horizon = merged.get("horizon", 2045)
    base_year = merged.get("base_year")
    if base_year is not None and not (YEAR_MIN <= base_year <= YEAR_MAX):
        report("base_year", ("base_year",), f"base_year {base_year} is outside {YEAR_MIN}-{YEAR_MAX}")
    if not (YEAR_MIN < horizon <= YEAR_MAX) or (base_year is not None and horizon <= base_year):
        report("horizon", ("horizon",), f"horizon {horizon} must be after the base year and at most {YEAR_MAX}")
    growth_msg = target_growth_problem(target.get("growth"))
    if growth_msg:
        report("target.growth", ("target", "growth"), f"target {growth_msg}")
    for pkey, own in (target.get("provinces") or {}).items() if isinstance(target.get("provinces"), dict) else []:
        where_path = ("target", "provinces", pkey)
        try:
            code = resolver(pkey)
        except LookupError as exc:
            report("target.provinces", where_path, f"unknown province '{pkey}': {exc}")
            continue
        growth_msg = target_growth_problem(own.get("growth") if isinstance(own, dict) else own)
        if growth_msg:
            report("target.provinces", where_path, f"target {growth_msg} (province {code})")
    if target.get("path") == "average" and not target.get("window"):
        report(
            "target.path",
            ("target", "path"),
            "an 'average' target needs a window: [first year, last year]",
            key="target.window",
        )
    win = target.get("window")
    if _year_pair(win) and not (win[0] <= win[1] <= horizon):
        report(
            "target.window",
            ("target", "window"),
            f"target window {list(win)} must be ordered and end by the horizon {horizon}",
        )
    if "by" in target and isinstance(target["by"], int) and not (YEAR_MIN <= target["by"] <= horizon):
        report(
            "target.by",
            ("target", "by"),
            f"target year {target['by']} must be between {YEAR_MIN} and the horizon {horizon}",
        )
    for key in ("window", "labour_window"):
        win = calibration.get(key)
        if _year_pair(win) and win[0] > win[1]:
            report(
                f"calibration.{key}",
                ("calibration", key),
                f"{key} {list(win)}: the first year must not be after the last",
            )

    _check_analysis_blocks(blocks, where, defaults, problems)

    # Scenarios and their overrides, in layers.
    names: list[str] = []
    titles: dict[str, str] = {}
    for _doc, model in chain:
        for name, spec in model.scenarios.items():
            if name not in names:
                names.append(name)
            if spec is not None and spec.title:
                titles[name] = spec.title
    if "baseline" not in names:
        report(
            "scenarios",
            ("scenarios",),
            "no scenario named 'baseline'; every config needs one (it may be empty: 'baseline: {}')",
        )
    names.sort(key=lambda n: n != "baseline")
    overrides: dict[str, list[Override]] = {n: [] for n in names}
    for doc, model in chain:
        for pname, spec in model.parameters.items():
            for n in names:
                overrides[n].append(Override(str(pname), spec, doc, ("parameters", pname), "config"))
    for doc, model in chain:
        for n, sspec in model.scenarios.items():
            if sspec is None:
                continue
            for pname, spec in sspec.parameters.items():
                overrides[n].append(
                    Override(str(pname), spec, doc, ("scenarios", n, "parameters", pname), f"scenario:{n}")
                )

    checked: set[tuple[int, tuple[Any, ...]]] = set()
    for n in names:
        for ov in overrides[n]:
            ident = (id(ov.doc), ov.path)
            if ident in checked:
                continue
            checked.add(ident)
            if ov.parameter not in defaults:
                hint = RENAMED.get(ov.parameter.lower())
                msg = f"unknown parameter '{ov.parameter}'" + (
                    f": {hint}" if hint else did_you_mean(ov.parameter, defaults)
                )
                problems.append(ov.problem(msg))
                continue
            check_spec(ov, defaults[ov.parameter], defaults, resolver, problems)

    for block_name in ("sensitivity", "sweep"):
        scen = blocks[block_name].get("scenario")
        if isinstance(scen, str) and scen not in names:
            report(
                f"{block_name}.scenario",
                (block_name, "scenario"),
                f"unknown scenario '{scen}'{did_you_mean(scen, names)}",
            )
    if problems:
        raise ConfigError(problems)

    calib = CalibrationSpec.model_validate(calibration)
    tgt = TargetSpec.model_validate(target)
    own_targets = {resolver(k): v for k, v in tgt.provinces.items()}
    province_targets = {code: tgt.for_province(own_targets.get(code)) for code in codes}
    file_hash = hashlib.sha256()
    for doc, _ in chain:
        file_hash.update(Path(doc.file).read_bytes())
    analysis = {
        "uncertainty": UncertaintySpec.model_validate(blocks["uncertainty"]),
        "sensitivity": SensitivitySpec.model_validate(blocks["sensitivity"]),
        "sweep": SweepSpec.model_validate(blocks["sweep"]),
    }
    cfg = ScenarioConfig(
        path=path,
        files=tuple(Path(doc.file) for doc, _ in chain),
        title=merged.get("title", path.stem),
        description=merged.get("description", ""),
        author=merged.get("author", ""),
        reference=merged.get("reference", ""),
        provinces=tuple(codes),
        base_year=base_year,
        horizon=horizon,
        seed=int(merged.get("seed", 0)),
        data_dir=str(path.parent / merged["data"]) if merged.get("data") else None,
        calibration=calib,
        target=tgt,
        province_targets=province_targets,
        **analysis,
        scenarios=tuple(names),
        scenario_titles=titles,
        overrides={n: tuple(v) for n, v in overrides.items()},
        file_hash=file_hash.hexdigest(),
    )
    canonical = json.dumps(cfg.resolved(), sort_keys=True, separators=(",", ":"), default=str)
    object.__setattr__(cfg, "config_hash", hashlib.sha256(canonical.encode()).hexdigest())
    return cfg

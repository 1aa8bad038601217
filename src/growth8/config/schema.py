"""The config schema: pydantic models of each block and the validated, immutable ScenarioConfig."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from growth8.config.yamlio import YamlDocument
from growth8.errors import Problem, did_you_mean

FORMAT_VERSION = 1


YEAR_MIN, YEAR_MAX = 2000, 2100

#: Earliest year a calibration window may start (the data's first years, growth8.data.YEAR_MIN).
DATA_YEAR_MIN = 1990


MAX_EXTENDS_DEPTH = 8


#: Keys of a value spec that label it rather than set it: its source (``source_id``: the same in Indonesian,
#: shown in Indonesian outputs) and a free note.
LABEL_WORDS = ("source", "source_id", "note")
SPEC_WORDS = ("to", "by", "from", "value", *LABEL_WORDS)


ProvinceResolver = Callable[[Any], int]


class ProvinceIndex(Protocol):
    """What the config stage needs of the data: the province table (a :class:`growth8.data.Panel` is one)."""

    def province(self, code_or_name: Any) -> int:
        """The BPS code of a province name, slug or code; LookupError with suggestions otherwise."""
        ...

    @property
    def province_codes(self) -> tuple[int, ...]:
        """Every province's BPS code, in table order."""
        ...


# --------------------------------------------------------------------------- schema
def _as_tuple(value: Any) -> Any:
    """YAML gives lists; the schema's pairs are tuples."""
    return tuple(value) if isinstance(value, list) else value


YearPair = Annotated[tuple[int, int], BeforeValidator(_as_tuple)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class CalibrationSpec(_Strict):
    """Calibration choices (see growth8.calibrate).

    ``estimated`` lists parameters to take from growth8.estimation (the
    perpetual-inventory K/Y and the growth-accounting TFP residual) instead of
    the default calibration. ``baseline`` chooses the baseline's TFP path:
    ``near_term`` (default) reproduces the near-term forecast of growth8.forecast for
    ``near_term_years`` years, after which TFP growth converges to the national
    balanced-path rate with half-life ``convergence_half_life`` years (an assumption);
    ``window_mean`` is the earlier constant residual that reproduces the window's
    mean growth.
    """

    window: YearPair = (2022, 2024)
    capital_output_ratio: str | float = "steady_state"
    labour_growth: Literal["working_age", "population", "employment", "national"] = "working_age"
    labour_window: YearPair = (2015, 2020)
    estimated: list[str] = []
    baseline: Literal["near_term", "window_mean"] = "near_term"
    human_capital: Literal["schooling", "none"] = "schooling"
    near_term_years: int = Field(default=3, ge=1, le=10)
    convergence_half_life: float = Field(default=10.0, gt=0.0, le=1000.0)

    @field_validator("estimated")
    @classmethod
    def _known_estimates(cls, value: list[str]) -> list[str]:
        from growth8.config.parameters import ESTIMATED_PARAMETERS

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
    deviation ``sd`` (``estimated``: the standard error from growth8.estimation),
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
    as_of: int | None = None
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
        None means the last observed year in the data (the as-of year when one is set).
    as_of : int or None
        Use only the data known at the end of this year's release round (``as_of:``, ``--as-of``; see
        :meth:`growth8.data.Panel.as_of`); None: all the data.
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
    title_id: str = ""
    scenario_titles_id: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    as_of: int | None = None
    config_hash: str = ""
    file_hash: str = ""
    province_index: ProvinceIndex | None = field(default=None, repr=False, compare=False)

    @property
    def name(self) -> str:
        """The config's name: its file name without extension."""
        return self.path.stem

    def title_in(self, lang: str) -> str:
        """The config's title in ``lang`` (``title_id`` in Indonesian, when the file gives one)."""
        return (self.title_id or self.title) if lang == "id" else self.title

    def scenario_title(self, scenario: str, lang: str = "en") -> str:
        """A scenario's title in ``lang``: its ``title_id`` or ``title``, else its name."""
        if lang == "id" and scenario in self.scenario_titles_id:
            return str(self.scenario_titles_id[scenario])
        return str(self.scenario_titles.get(scenario, scenario))

    def scenario_label(self, scenario: str, lang: str = "en") -> str:
        """A scenario's short title for legends and table cells: its title without the explanation
        (``Skenario dasar (kredit ...)`` -> ``Skenario dasar``)."""
        title = self.scenario_title(scenario, lang)
        for sep in (" (", ": ", " - "):
            if sep in title:
                return title.split(sep, 1)[0].strip()
        return title

    def with_options(
        self, *, seed: int | None = None, draws: int | None = None, target_growth: float | None = None
    ) -> ScenarioConfig:
        """The config with run options set from outside its files (the CLI's ``--seed``, ``--draws``...).

        Every option given is recorded in :attr:`options`, enters :attr:`config_hash`, and so reaches
        the run record, a report's cover and its front matter from this one object.

        Parameters
        ----------
        seed : int, optional
            Replaces ``seed``.
        draws : int, optional
            Replaces ``uncertainty.draws``.
        target_growth : float, optional
            Replaces every target level (the config's and each province's).

        Raises
        ------
        ConfigError
            A value outside its allowed range, with the range in the message.
        """
        from dataclasses import replace

        from growth8.config.load import options_problems, rehash
        from growth8.errors import ConfigError

        problems = options_problems(seed=seed, draws=draws, target_growth=target_growth)
        if problems:
            raise ConfigError(problems)
        changes: dict[str, Any] = {}
        options = dict(self.options)
        if seed is not None:
            changes["seed"] = int(seed)
            options["seed"] = int(seed)
        if draws is not None:
            changes["uncertainty"] = self.uncertainty.model_copy(update={"draws": int(draws)})
            options["draws"] = int(draws)
        if target_growth is not None:
            g = float(target_growth)
            changes["target"] = self.target.model_copy(update={"growth": g, "provinces": {}})
            changes["province_targets"] = {
                c: t.model_copy(update={"growth": g}) for c, t in self.province_targets.items()
            }
            options["target_growth"] = g
        return rehash(replace(self, options=options, **changes))

    def with_parameters(self, scenario: str | None = None, **values: Any) -> ScenarioConfig:
        """The config with parameter values set from Python, as a scenario file would set them.

        Values take every form a YAML file allows (a number, ``{2030: 0.045}``, ``{to: 0.5, by: 2029}``,
        per province...) and are checked the same way. They apply after every file's layers, to every
        scenario or to ``scenario`` alone.

        Examples
        --------
        >>> cfg = growth8.load_scenario("configs/default.yaml")  # doctest: +SKIP
        >>> growth8.project(cfg.with_parameters(bpd_credit_growth=0.2))  # doctest: +SKIP

        Raises
        ------
        ConfigError
            An unknown parameter (with a "did you mean"), an unknown scenario, or a value out of bounds.
        """
        from growth8.config.load import add_parameters

        return add_parameters(self, scenario, values)

    def resolved(self) -> dict[str, Any]:
        """The configuration as plain data (what ``config_hash`` is computed from)."""
        return {
            "title": self.title,
            "provinces": list(self.provinces),
            "base_year": self.base_year,
            "as_of": self.as_of,
            "horizon": self.horizon,
            "seed": self.seed,
            "calibration": self.calibration.model_dump(mode="json"),
            "target": self.target.model_dump(mode="json"),
            "uncertainty": self.uncertainty.model_dump(mode="json"),
            "sensitivity": self.sensitivity.model_dump(mode="json"),
            "sweep": self.sweep.model_dump(mode="json"),
            "options": _jsonable(dict(self.options)),
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

"""Reading a config: the ``extends:`` chain, merging layers, and validation into a ScenarioConfig."""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from pydantic import ValidationError

from growth8.config.checks import (
    _allowed_fields,
    _check_analysis_blocks,
    _check_sub_block,
    _pydantic_problems,
    _year_pair,
    before_base,
    beyond_horizon,
    check_spec,
    clean_loc,
    literal_bound_problems,
    override_problem,
    target_growth_issue,
    unknown_parameter_hint,
)
from growth8.config.limits import (
    MAX_CHUNK,
    MAX_DRAWS,
    MAX_GRID_POINTS,
    MAX_HISTOGRAM_BINS,
    MAX_REPORTED_PROBLEMS,
    MIN_HISTOGRAM_BINS,
    SEED_LIMIT,
)
from growth8.config.parameters import ParameterDef, load_defaults
from growth8.config.schema import (
    DATA_YEAR_MIN,
    FORMAT_VERSION,
    MAX_EXTENDS_DEPTH,
    YEAR_MAX,
    YEAR_MIN,
    CalibrationSpec,
    Override,
    ProvinceIndex,
    ScenarioConfig,
    SensitivitySpec,
    SweepSpec,
    TargetSpec,
    UncertaintySpec,
    _FileModel,
)
from growth8.config.yamlio import YamlDocument, read_yaml
from growth8.errors import ConfigError, Growth8Warning, Problem, suggestion
from growth8.i18n import Num


@dataclass
class _Chain:
    """The files of an ``extends`` chain, root first, with the problems found reading them.

    ``complete`` is False when a file could not be read at all (missing, not YAML, a cycle): the checks of
    the values then stop, since the missing file may set what they would report missing. Otherwise every
    problem of every file is collected in one pass; ``dropped`` holds the top-level keys whose values the
    schema refused (left out of ``model`` so that the rest is still checked).
    """

    files: list[tuple[YamlDocument, _FileModel]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True
    dropped: set[str] = field(default_factory=set)


def _partial_model(data: Mapping[Any, Any], exc: ValidationError) -> tuple[_FileModel, set[str]]:
    """The file's model without the values the schema refused (their problems are already recorded)."""
    cleaned: dict[Any, Any] = dict(data)
    dropped: set[str] = set()
    for _ in range(8):
        for err in exc.errors():
            loc = clean_loc(tuple(err["loc"]))
            if "[key]" in loc:  # a key of the wrong type: drop its entry
                loc = loc[: loc.index("[key]")]
            if not loc:
                return _FileModel(), {str(k) for k in data}
            top = loc[0]
            scenarios = cleaned.get("scenarios")
            if top == "scenarios" and len(loc) >= 2 and isinstance(scenarios, dict) and loc[1] in scenarios:
                scenarios = dict(scenarios)
                own = scenarios[loc[1]]
                if len(loc) >= 3 and isinstance(own, dict) and loc[2] in own:
                    scenarios[loc[1]] = {k: v for k, v in own.items() if k != loc[2]}
                elif isinstance(loc[1], str):
                    scenarios[loc[1]] = None  # keep the name (baseline stays known), drop its content
                else:
                    del scenarios[loc[1]]
                cleaned["scenarios"] = scenarios
                dropped.add(f"scenarios.{loc[1]}")
            else:
                cleaned.pop(top, None)
                dropped.add(str(top))
        try:
            return _FileModel.model_validate(cleaned), dropped
        except ValidationError as again:
            exc = again
    return _FileModel(), {str(k) for k in data}


def _read_chain(path: Path) -> _Chain:
    """Read ``path`` and every file it extends, root first."""
    out = _Chain()
    chain = out.files
    problems = out.problems
    seen: list[Path] = []
    current: Path | None = path
    while current is not None:
        resolved = current.resolve()
        if resolved in seen:
            chain_text = " -> ".join(p.name for p in [*seen, resolved])
            problems.append(Problem.of("error.config.extends_cycle", file=str(current), chain=chain_text))
            out.complete = False
            break
        if len(seen) >= MAX_EXTENDS_DEPTH:
            problems.append(Problem.of("error.config.extends_depth", file=str(current), depth=MAX_EXTENDS_DEPTH))
            out.complete = False
            break
        seen.append(resolved)
        doc = read_yaml(current)
        problems.extend(doc.problems)
        if doc.data is None and not doc.problems:
            problems.append(Problem.of("error.config.empty_file", file=doc.file, line=1))
        if doc.data is None:
            out.complete = False
            break
        if not isinstance(doc.data, Mapping):
            problems.append(Problem.of("error.config.top_not_mapping", file=doc.file, line=1))
            out.complete = False
            break
        try:
            model = _FileModel.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc, doc, (), _allowed_fields))
            model, dropped = _partial_model(doc.data, exc)
            out.dropped |= dropped
            if "extends" in dropped:  # the files it extends are unknown: their values cannot be checked
                out.complete = False
        if model.format != FORMAT_VERSION:
            line, col = doc.where(("format",))
            problems.append(
                Problem.of(
                    "error.config.format",
                    file=doc.file,
                    line=line,
                    column=col,
                    key="format",
                    format=model.format,
                    supported=FORMAT_VERSION,
                )
            )
        chain.append((doc, model))
        if model.extends:
            nxt = current.parent / model.extends
            if not nxt.is_file():
                line, col = doc.where(("extends",))
                siblings = [p.name for p in current.parent.glob("*.yaml")]
                problems.append(
                    Problem.of(
                        "error.config.extends_missing",
                        file=doc.file,
                        line=line,
                        column=col,
                        key="extends",
                        name=model.extends,
                        hint=suggestion(model.extends, siblings),
                    )
                )
                out.complete = False
                current = None
            else:
                current = nxt
        else:
            current = None
    chain.reverse()
    return out


def _data_base_year(provinces: ProvinceIndex, codes: list[int]) -> int | None:
    """The base year a run on this data would take (its last year with real GRDP for ``codes``), if it says."""
    last = getattr(provinces, "last_complete_year", None)
    if not callable(last) or not codes:
        return None
    try:
        year = last("grdp_real", tuple(codes))
    except LookupError:
        return None
    return int(year) if isinstance(year, (int, float)) and math.isfinite(year) else None


def _warn(doc: YamlDocument, path: tuple[Any, ...], code: str, **params: Any) -> None:
    """Warn with the catalogue text ``warning.config.<code>``, located at ``path`` in ``doc``."""
    line, col = doc.where(path)
    key = ".".join(map(str, path))
    problem = Problem.of(f"warning.config.{code}", file=doc.file, line=line, column=col, key=key, **params)
    warnings.warn(Growth8Warning(problem), stacklevel=3)


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_run_limits(
    uncertainty: Mapping[str, Any],
    sweep: Mapping[str, Any],
    report: Callable[..., None],
    first: int,
    horizon: int,
) -> None:
    """The Monte Carlo's and the sweep's sizes against their ceilings (growth8.config.limits), and the
    uncertainty window against the projected years."""
    draws = uncertainty.get("draws")
    if _whole(draws) and not 0 <= draws <= MAX_DRAWS:
        report("uncertainty.draws", ("uncertainty", "draws"), "draws_range", value=Num(draws), most=Num(MAX_DRAWS))
    chunk = uncertainty.get("chunk")
    if _whole(chunk) and not 1 <= chunk <= MAX_CHUNK:
        report("uncertainty.chunk", ("uncertainty", "chunk"), "chunk_range", value=Num(chunk), most=Num(MAX_CHUNK))
    bins = uncertainty.get("histogram_bins")
    if _whole(bins) and not MIN_HISTOGRAM_BINS <= bins <= MAX_HISTOGRAM_BINS:
        report(
            "uncertainty.histogram_bins",
            ("uncertainty", "histogram_bins"),
            "bins_range",
            value=Num(bins),
            least=Num(MIN_HISTOGRAM_BINS),
            most=Num(MAX_HISTOGRAM_BINS),
        )
    win = uncertainty.get("window")
    if win is not None and _year_pair(win) and not first <= win[0] <= win[1] <= horizon:
        report(
            "uncertainty.window",
            ("uncertainty", "window"),
            "uncertainty_window",
            window=list(win),
            first=first,
            horizon=horizon,
        )
    grid = sweep.get("grid")
    if isinstance(grid, Mapping) and grid and all(isinstance(v, list) for v in grid.values()):
        points = math.prod(len(v) for v in grid.values())
        if points > MAX_GRID_POINTS:
            report(
                "sweep.grid",
                ("sweep", "grid"),
                "grid_points",
                points=Num(points),
                most=Num(MAX_GRID_POINTS),
            )


def _in_file_order(problems: list[Problem], files: list[str]) -> list[Problem]:
    """The problems file by file (the user's file first, then the files it extends), each by line and column."""

    def key(p: Problem) -> tuple[int, int, int]:
        rank = files.index(p.file) if p.file in files else len(files)
        return rank, p.line or 0, p.column or 0

    return sorted(problems, key=key)


def _capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_REPORTED_PROBLEMS problems, and a last line saying that more were found."""
    if len(problems) <= MAX_REPORTED_PROBLEMS:
        return problems
    return [*problems[:MAX_REPORTED_PROBLEMS], Problem.of("error.config.more_problems", most=MAX_REPORTED_PROBLEMS)]


def data_folder(path: str | Path) -> Path | None:
    """The data folder a config names with ``data:`` (the leaf of its ``extends`` chain wins), or None.

    The pipeline reads this before it loads the data, so that the config stage never loads data itself.
    A relative folder is taken relative to the file given by the user.

    Raises
    ------
    ConfigError
        When the file chain cannot be read.
    """
    path = Path(path)
    read = _read_chain(path)
    if not read.complete or not read.files:
        raise ConfigError(read.problems or [Problem.of("error.config.nothing_to_read", file=str(path))])
    folder = None  # other problems are reported with every other one by load_scenario
    for _doc, model in read.files:
        if model.data:
            folder = model.data
    return path.parent / folder if folder else None


def load_scenario(
    path: str | Path,
    *,
    provinces: ProvinceIndex,
    defaults_file: str | Path | None = None,
) -> ScenarioConfig:
    """Read and validate a scenario configuration.

    Parameters
    ----------
    path : str or Path
        The YAML file.
    provinces : ProvinceIndex
        The data's province table (a :class:`growth8.data.Panel`): ``province(item)`` maps a name or
        code to its BPS code, raising LookupError with suggestions; ``province_codes`` lists every
        province (for ``provinces: all``). The pipeline passes the panel it loaded.
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
    >>> panel = growth8.load_panel()  # doctest: +SKIP
    >>> cfg = load_scenario("configs/default.yaml", provinces=panel)  # doctest: +SKIP
    >>> cfg.scenarios  # doctest: +SKIP
    ('baseline', 'bpd_push')
    """
    path = Path(path)
    defaults = load_defaults(defaults_file)
    read = _read_chain(path)
    chain, problems = read.files, read.problems
    if not chain or not read.complete:
        raise ConfigError(problems or [Problem.of("error.config.nothing_to_read", file=str(path))])

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
            "as_of",
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
        problems.append(Problem.of("error.config.no_provinces", file=leaf_doc.file, line=1, key="provinces"))

    def report(where_key: str, path: tuple[Any, ...], code: str, key: str | None = None, **params: Any) -> None:
        """Record the problem ``error.config.<code>`` at ``path`` in the file that set ``where_key``."""
        doc = where.get(where_key, leaf_doc)
        line, col = doc.where(path)
        key = key or ".".join(map(str, path))
        problems.append(Problem.of(f"error.config.{code}", file=doc.file, line=line, column=col, key=key, **params))

    resolver = provinces.province
    codes: list[int] = []
    prov_value = merged.get("provinces", [])
    if prov_value == "all":
        codes = [int(c) for c in provinces.province_codes]
    else:
        for i, item in enumerate(prov_value or []):
            try:
                code = resolver(item)
            except LookupError as exc:
                report("provinces", ("provinces", i), "unknown_province", key=f"provinces[{i}]", name=item, reason=exc)
                continue
            if code in codes:
                report("provinces", ("provinces", i), "province_twice", key=f"provinces[{i}]", name=item)
            codes.append(code)
        if prov_value == [] and "provinces" in merged:
            report("provinces", ("provinces",), "provinces_empty")

    horizon = merged.get("horizon", 2045)
    base_year = merged.get("base_year")
    if base_year is not None and not (YEAR_MIN <= base_year <= YEAR_MAX):
        report("base_year", ("base_year",), "base_year_range", year=base_year, first=YEAR_MIN, last=YEAR_MAX)
    as_of = merged.get("as_of")
    if as_of is not None and not (YEAR_MIN <= as_of <= YEAR_MAX):
        report("as_of", ("as_of",), "as_of_range", year=as_of, first=YEAR_MIN, last=YEAR_MAX)
    elif as_of is not None and base_year is not None and base_year > as_of:
        report("base_year", ("base_year",), "base_after_as_of", year=base_year, as_of=as_of)
    # The base year the run will have: the config's, else the data's last year with real GRDP everywhere.
    base = base_year if base_year is not None else _data_base_year(provinces, codes)
    if base is not None and horizon <= base and horizon <= YEAR_MAX:
        report("horizon", ("horizon",), "horizon_base", horizon=horizon, base=base, last=YEAR_MAX)
    elif not (YEAR_MIN < horizon <= YEAR_MAX):
        report("horizon", ("horizon",), "horizon", horizon=horizon, last=YEAR_MAX)
    seed = merged.get("seed")
    if seed is not None and not 0 <= seed < SEED_LIMIT:
        report("seed", ("seed",), "seed_range", value=seed)
    growth_issue = target_growth_issue(target.get("growth"))
    if growth_issue:
        report("target.growth", ("target", "growth"), "target_growth", **growth_issue)
    first = base + 1 if base is not None else YEAR_MIN  # the first projected year

    def check_years(where_key: str, path: tuple[Any, ...], own: Mapping[str, Any], warn_after: bool) -> None:
        """``by``, ``start`` and ``window`` of a target: within the projected years (a province's: warned after)."""
        for name in ("by", "start"):
            year = own.get(name)
            if not isinstance(year, int) or isinstance(year, bool):
                continue
            if year < first or (year > horizon and not warn_after):
                report(
                    where_key, (*path, name), "target_year_range", name=name, year=year, first=first, horizon=horizon
                )
            elif year > horizon:
                _warn(where.get(where_key, leaf_doc), (*path, name), "target_after_horizon", year=year, horizon=horizon)
        win = own.get("window")
        if win is not None and _year_pair(win):
            if win[0] > win[1] or win[0] < first or (win[1] > horizon and not warn_after):
                report(
                    where_key, (*path, "window"), "target_window_range", window=list(win), first=first, horizon=horizon
                )
            elif win[1] > horizon:
                _warn(
                    where.get(where_key, leaf_doc),
                    (*path, "window"),
                    "target_after_horizon",
                    year=win[1],
                    horizon=horizon,
                )

    check_years("target", ("target",), target, warn_after=False)
    for pkey, own in (target.get("provinces") or {}).items() if isinstance(target.get("provinces"), dict) else []:
        where_path = ("target", "provinces", pkey)
        try:
            code = resolver(pkey)
        except LookupError as exc:
            report("target.provinces", where_path, "unknown_province", name=pkey, reason=exc)
            continue
        growth_issue = target_growth_issue(own.get("growth") if isinstance(own, dict) else own)
        if growth_issue:
            report("target.provinces", where_path, "target_growth_province", province=code, **growth_issue)
        if isinstance(own, Mapping):
            check_years("target.provinces", where_path, own, warn_after=True)
    if target.get("path") == "average" and not target.get("window"):
        report("target.path", ("target", "path"), "average_needs_window", key="target.window")
    for key in ("window", "labour_window"):
        win = calibration.get(key)
        if win is not None and _year_pair(win) and win[0] > win[1]:
            report(f"calibration.{key}", ("calibration", key), "window_reversed", name=key, window=list(win))
        elif win is not None and _year_pair(win) and not (win[0] >= DATA_YEAR_MIN and win[1] <= YEAR_MAX):
            report(
                f"calibration.{key}",
                ("calibration", key),
                "window_years",
                name=key,
                window=list(win),
                first=DATA_YEAR_MIN,
                last=YEAR_MAX,
            )
    _check_run_limits(blocks["uncertainty"], blocks["sweep"], report, first, horizon)
    ky = calibration.get("capital_output_ratio")
    ky_def = defaults.get("capital_output_ratio_initial")
    if isinstance(ky, (int, float)) and not isinstance(ky, bool) and ky_def is not None:
        lo, hi = ky_def.bounds
        if not (math.isfinite(ky) and lo <= ky <= hi):
            report(
                "calibration.capital_output_ratio",
                ("calibration", "capital_output_ratio"),
                "ky_range",
                value=ky,
                low=lo,
                high=hi,
            )

    _check_analysis_blocks(blocks, where, defaults, problems)

    # Scenarios and their overrides, in layers.
    names: list[str] = []
    titles: dict[str, str] = {}
    titles_id: dict[str, str] = {}
    for _doc, model in chain:
        for name, spec in model.scenarios.items():
            if name not in names:
                names.append(name)
            if spec is not None and spec.title:
                titles[name] = spec.title
            if spec is not None and spec.title_id:
                titles_id[name] = spec.title_id
    if "baseline" not in names:
        report("scenarios", ("scenarios",), "no_baseline", example="baseline: {}")
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
    checked_defs: list[tuple[Override, ParameterDef]] = []
    for n in names:
        if len(problems) > MAX_REPORTED_PROBLEMS:
            break  # enough to fix first; the rest is not even looked at (a file of thousands of slips)
        for ov in overrides[n]:
            ident = (id(ov.doc), ov.path)
            if ident in checked:
                continue
            checked.add(ident)
            if ov.parameter not in defaults:
                hint = unknown_parameter_hint(ov.parameter, defaults)
                problems.append(override_problem(ov, "error.config.unknown_parameter", name=ov.parameter, hint=hint))
                continue
            check_spec(ov, defaults[ov.parameter], defaults, resolver, problems)
            for warning in beyond_horizon(ov, horizon):
                warnings.warn(Growth8Warning(warning), stacklevel=3)
            checked_defs.append((ov, defaults[ov.parameter]))

    for block_name in ("sensitivity", "sweep"):
        scen = blocks[block_name].get("scenario")
        if isinstance(scen, str) and scen not in names:
            report(
                f"{block_name}.scenario",
                (block_name, "scenario"),
                "unknown_scenario",
                name=scen,
                hint=suggestion(scen, names),
            )
    if "scenarios" in read.dropped:
        problems[:] = [p for p in problems if p.code != "error.config.no_baseline"]  # its problem is given
    if "provinces" in read.dropped:
        problems[:] = [p for p in problems if p.code != "error.config.no_provinces"]
    if problems:
        # The hard bounds are checked on the resolved values once the model is assembled, which a config
        # with problems never reaches: check the numbers it writes now, so that one pass reports them all.
        for ov, pdef in checked_defs:
            literal_bound_problems(ov, pdef, problems)
            if base is not None:
                before_base(ov, base, problems)
        raise ConfigError(_capped(_in_file_order(problems, [doc.file for doc, _ in reversed(chain)])))

    calib = CalibrationSpec.model_validate(calibration)
    tgt = TargetSpec.model_validate(target)
    own_targets = {resolver(k): v for k, v in tgt.provinces.items()}
    province_targets = {code: tgt.for_province(own_targets.get(code)) for code in codes}
    file_hash = hashlib.sha256()
    for doc, _ in chain:
        file_hash.update(Path(doc.file).read_bytes())
    analysis: dict[str, Any] = {
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
        as_of=merged.get("as_of"),
        horizon=horizon,
        seed=int(merged.get("seed", 0)),
        data_dir=str(path.parent / merged["data"]) if merged.get("data") else None,
        calibration=calib,
        target=tgt,
        province_targets=province_targets,
        **analysis,
        scenarios=tuple(names),
        scenario_titles=titles,
        title_id=merged.get("title_id", ""),
        scenario_titles_id=titles_id,
        overrides={n: tuple(v) for n, v in overrides.items()},
        file_hash=file_hash.hexdigest(),
        province_index=provinces,
    )
    return rehash(cfg)


def rehash(cfg: ScenarioConfig) -> ScenarioConfig:
    """``cfg`` with :attr:`ScenarioConfig.config_hash` computed from its resolved content."""
    canonical = json.dumps(cfg.resolved(), sort_keys=True, separators=(",", ":"), default=str)
    object.__setattr__(cfg, "config_hash", hashlib.sha256(canonical.encode()).hexdigest())
    return cfg


__all__ = ["MAX_DRAWS", "add_parameters", "data_folder", "load_scenario", "options_problems", "rehash"]


def options_problems(
    *,
    seed: int | None = None,
    draws: int | None = None,
    target_growth: float | None = None,
    as_of: int | None = None,
) -> list[Problem]:
    """The problems with run options given outside the files (``--seed``, ``--draws``, ``--target-growth``,
    ``--as-of``)."""
    problems = []
    if as_of is not None and not (YEAR_MIN <= as_of <= YEAR_MAX):
        problems.append(Problem.of("option.as_of", key="--as-of", value=as_of, first=YEAR_MIN, last=YEAR_MAX))
    if seed is not None and not (0 <= seed < SEED_LIMIT):
        problems.append(Problem.of("option.seed", key="--seed", value=seed))
    if draws is not None and not (0 <= draws <= MAX_DRAWS):
        problems.append(Problem.of("option.draws", key="--draws", most=Num(MAX_DRAWS), value=Num(draws)))
    if target_growth is not None:
        issue = target_growth_issue(target_growth)
        if issue is not None:
            problems.append(Problem.of("error.options.target_growth", key="--target-growth", **issue))
    return problems


def add_parameters(cfg: ScenarioConfig, scenario: str | None, values: Mapping[str, Any]) -> ScenarioConfig:
    """Implementation of :meth:`ScenarioConfig.with_parameters`: overrides checked as a file's would be."""
    from dataclasses import replace

    import yaml

    from growth8.config.yamlio import parse_yaml

    if cfg.province_index is None:
        raise ConfigError([Problem.of("option.no_province_table")])
    defaults = load_defaults()
    problems: list[Problem] = []
    if scenario is not None and scenario not in cfg.scenarios:
        problems.append(
            Problem.of(
                "error.config.unknown_scenario", key="scenario", name=scenario, hint=suggestion(scenario, cfg.scenarios)
            )
        )
    text = yaml.safe_dump({"parameters": {k: _plain(v) for k, v in values.items()}}, sort_keys=False)
    doc = parse_yaml(text, file="<with_parameters>")
    added: list[Override] = []
    for name in values:
        ov = Override(str(name), doc.data["parameters"][name], doc, ("parameters", name), "python")
        if name not in defaults:
            problems.append(
                override_problem(
                    ov, "error.config.unknown_parameter", name=name, hint=unknown_parameter_hint(name, defaults)
                )
            )
            continue
        check_spec(ov, defaults[name], defaults, cfg.province_index.province, problems)
        added.append(ov)
    if problems:
        raise ConfigError(problems)
    targets = cfg.scenarios if scenario is None else (scenario,)
    overrides = {s: tuple(ov) + (tuple(added) if s in targets else ()) for s, ov in cfg.overrides.items()}
    options = dict(cfg.options)
    options.setdefault("parameters", {})
    options["parameters"] = {**options["parameters"], **{k: _plain(v) for k, v in values.items()}}
    return rehash(replace(cfg, overrides=overrides, options=options))


def _plain(value: Any) -> Any:
    """Numbers, strings and mappings as YAML can write them (numpy scalars to Python numbers)."""
    if isinstance(value, Mapping):
        return {(_plain(k) if not isinstance(k, str) else k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value

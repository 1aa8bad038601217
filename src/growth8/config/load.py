"""Reading a config: the ``extends:`` chain, merging layers, and validation into a ScenarioConfig."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from growth8.config.checks import (
    _allowed_fields,
    _check_analysis_blocks,
    _check_sub_block,
    _pydantic_problems,
    _year_pair,
    check_spec,
    override_problem,
    target_growth_issue,
    unknown_parameter_hint,
)
from growth8.config.parameters import load_defaults
from growth8.config.schema import (
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
from growth8.errors import ConfigError, Problem, suggestion
from growth8.i18n import Num


def _read_chain(path: Path) -> tuple[list[tuple[YamlDocument, _FileModel]], list[Problem]]:
    """Read ``path`` and every file it extends, root first."""
    chain: list[tuple[YamlDocument, _FileModel]] = []
    problems: list[Problem] = []
    seen: list[Path] = []
    current: Path | None = path
    while current is not None:
        resolved = current.resolve()
        if resolved in seen:
            chain_text = " -> ".join(p.name for p in [*seen, resolved])
            problems.append(Problem.of("error.config.extends_cycle", file=str(current), chain=chain_text))
            break
        if len(seen) >= MAX_EXTENDS_DEPTH:
            problems.append(Problem.of("error.config.extends_depth", file=str(current), depth=MAX_EXTENDS_DEPTH))
            break
        seen.append(resolved)
        doc = read_yaml(current)
        problems.extend(doc.problems)
        if doc.data is None and not doc.problems:
            problems.append(Problem.of("error.config.empty_file", file=doc.file, line=1))
        if doc.data is None:
            break
        if not isinstance(doc.data, Mapping):
            problems.append(Problem.of("error.config.top_not_mapping", file=doc.file, line=1))
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
                current = None
            else:
                current = nxt
        else:
            current = None
    chain.reverse()
    return chain, problems


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
    chain, problems = _read_chain(path)
    if problems or not chain:
        raise ConfigError(problems or [Problem("nothing to read", file=str(path))])
    folder = None
    for _doc, model in chain:
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
    chain, problems = _read_chain(path)
    if not chain:
        raise ConfigError(problems or [Problem.of("error.config.nothing_to_read", file=str(path))])
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
    if not (YEAR_MIN < horizon <= YEAR_MAX) or (base_year is not None and horizon <= base_year):
        report("horizon", ("horizon",), "horizon", horizon=horizon, last=YEAR_MAX)
    growth_issue = target_growth_issue(target.get("growth"))
    if growth_issue:
        report("target.growth", ("target", "growth"), "target_growth", **growth_issue)
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
    if target.get("path") == "average" and not target.get("window"):
        report("target.path", ("target", "path"), "average_needs_window", key="target.window")
    win = target.get("window")
    if win is not None and _year_pair(win) and not (win[0] <= win[1] <= horizon):
        report("target.window", ("target", "window"), "target_window", window=list(win), horizon=horizon)
    if "by" in target and isinstance(target["by"], int) and not (YEAR_MIN <= target["by"] <= horizon):
        report("target.by", ("target", "by"), "target_year", year=target["by"], first=YEAR_MIN, horizon=horizon)
    for key in ("window", "labour_window"):
        win = calibration.get(key)
        if win is not None and _year_pair(win) and win[0] > win[1]:
            report(f"calibration.{key}", ("calibration", key), "window_reversed", name=key, window=list(win))

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
    for n in names:
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
    if problems:
        raise ConfigError(problems)

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


#: Largest Monte Carlo draw count a run accepts (about 2 minutes on 2 cores for 38 provinces).
MAX_DRAWS = 1_000_000


def options_problems(
    *, seed: int | None = None, draws: int | None = None, target_growth: float | None = None
) -> list[Problem]:
    """The problems with run options given outside the files (``--seed``, ``--draws``, ``--target-growth``)."""
    problems = []
    if seed is not None and not (0 <= seed < 2**63):
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

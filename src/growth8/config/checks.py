"""Checks of a config's values beyond the schema: parameter specs, analysis blocks, years and targets.

Each check appends :class:`growth8.errors.Problem` objects located in the file that set the value, so
that every problem of a file is reported in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from growth8.config.parameters import CALIBRATED, RENAMED, ParameterDef
from growth8.config.schema import (
    SPEC_WORDS,
    YEAR_MAX,
    YEAR_MIN,
    Override,
    ProvinceResolver,
    ScenarioSpec,
    _FileModel,
    _Strict,
)
from growth8.config.yamlio import YamlDocument
from growth8.errors import Problem, did_you_mean


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

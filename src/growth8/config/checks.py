"""Checks of a config's values beyond the schema: parameter specs, analysis blocks, years and targets.

Each check appends :class:`growth8.errors.Problem` objects located in the file that set the value, so
that every problem of a file is reported in one pass. Every message is a catalogue key (``error.config.*``,
``growth8/i18n/catalogue/errors.yaml``) with its values, written in the language current when it is shown;
pydantic's own errors are mapped to a few catalogue keys (:data:`_PYDANTIC`), with a generic text for the rest.
"""

from __future__ import annotations

import math
import re
import types
from collections.abc import Mapping
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from growth8.config.parameters import CALIBRATED, RENAMED, ParameterDef
from growth8.config.schema import (
    LABEL_WORDS,
    SPEC_WORDS,
    YEAR_MAX,
    YEAR_MIN,
    Override,
    ProvinceResolver,
    _FileModel,
    _Strict,
)
from growth8.config.yamlio import YamlDocument
from growth8.errors import Problem, Text, suggestion


# ------------------------------------------------------------------ words shown in messages
def value_kind(value: Any) -> Any:
    """How a message shows a mapping or list the user gave (``dict`` / ``pemetaan``); other values as they are."""
    name = type(value).__name__
    return Text(f"error.value_kind.{name}") if name in ("dict", "list") else name


def unit_text(unit: str) -> Any:
    """A parameter unit (``fraction``, ``ratio``, ``Rp bn``) in the words of the language a message is shown in."""
    from growth8.i18n import has, unit_key

    return Text(unit_key(unit)) if has(unit_key(unit)) else unit


def renamed_hint(name: Any) -> Any:
    """The fix for a name analysts try that is not a parameter (``: write capital_share (alpha)``), or None."""
    hint = RENAMED.get(str(name).lower())
    return Text("error.config.renamed", fix=hint) if hint is not None else None


def unknown_parameter_hint(name: Any, defaults: Any) -> Any:
    """After "unknown parameter 'x'": the renamed parameter's fix, else a "did you mean", else nothing."""
    hint = renamed_hint(name)
    return hint if hint is not None else suggestion(str(name), defaults)


def override_problem(ov: Override, code: str, sub: tuple[Any, ...] = (), **params: Any) -> Problem:
    """A catalogue Problem located at ``ov.path + sub`` in the file the override came from."""
    line, col = ov.doc.where(ov.path + sub)
    return Problem.of(code, file=ov.doc.file, line=line, column=col, key=".".join(map(str, ov.path + sub)), **params)


class _Expected:
    """Pydantic's list of allowed values (``'ramp', 'constant' or 'average'``), its "or" in the message's language."""

    def __init__(self, text: str):
        self.text = text

    def render(self, lang: str | None = None) -> str:
        from growth8.i18n import current_lang, t

        lang = lang or current_lang()
        head, sep, last = self.text.rpartition(" or ")
        return f"{head} {t('error.or', lang)} {last}" if sep and lang != "en" else self.text

    def __str__(self) -> str:
        return self.render()


#: Pydantic error types with a catalogue text of their own (the English text is pydantic's message).
_PYDANTIC = {
    "int_type": "error.config.type.int",
    "float_type": "error.config.type.float",
    "string_type": "error.config.type.string",
    "bool_type": "error.config.type.bool",
    "dict_type": "error.config.type.dict",
    "list_type": "error.config.type.list",
    "tuple_type": "error.config.type.tuple",
    "literal_error": "error.config.type.literal",
    "missing": "error.config.type.missing",
    "model_type": "error.config.type.model",
    "too_short": "error.config.type.too_short",
    "too_long": "error.config.type.too_long",
}
_FIELD_TYPES = {"Tuple": "tuple", "List": "list", "Dictionary": "dict"}


def _pydantic_message(err: Mapping[str, Any], shown: Any) -> tuple[str, dict[str, Any]]:
    """The catalogue key and values of one pydantic error; the generic text when the English would differ."""
    from growth8.errors import render

    english = f"{err['msg'].rstrip('.')}, got {shown.render('en') if isinstance(shown, Text) else shown}"
    code = _PYDANTIC.get(err["type"])
    ctx = err.get("ctx") or {}
    params: dict[str, Any] = {"value": shown}
    if code == "error.config.type.literal":
        params["expected"] = _Expected(str(ctx.get("expected", "")))
    elif code == "error.config.type.model":
        params["class_name"] = ctx.get("class_name", "")
    elif code in ("error.config.type.too_short", "error.config.type.too_long"):
        field_type = _FIELD_TYPES.get(str(ctx.get("field_type")))
        count = ctx.get("min_length" if code.endswith("short") else "max_length")
        if field_type is None or not isinstance(count, int):
            code = None
        else:
            params["kind"] = Text(f"error.config.field_type.{field_type}")
            params["items"] = Text("error.config.items.one" if count == 1 else "error.config.items.many", n=count)
            params["actual"] = ctx.get("actual_length")
    if code is not None and render(code, params, "en") == english:
        return code, params
    return "error.config.invalid", {"detail": err["msg"].rstrip("."), "value": shown}


# ------------------------------------------------------------------ loading
#: Parts of a pydantic error location that name a union branch or a type, not a key the user wrote.
_BRANCH = re.compile(r"^(str|int|float|bool|none|[a-z][a-z-]*\[.*\])$")


def _is_branch(part: Any) -> bool:
    from growth8.config import schema

    if not isinstance(part, str):
        return False
    if _BRANCH.match(part):
        return True
    model = getattr(schema, part, None)
    return isinstance(model, type) and issubclass(model, BaseModel)


def clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A pydantic error location as the user's key path: union branches and type names dropped."""
    return tuple(x for x in loc if not _is_branch(x))


def fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at ``loc`` (a key path, relative to ``model``): those of the nested model there.

    ``fields_at(UncertaintySpec, ("parameters", "capital_share"))`` is DistSpec's fields, so an unknown key in a
    distribution lists a distribution's keys, not the uncertainty block's.
    """
    current: Any = model
    i = 0
    while True:
        while True:  # unwrap Annotated, unions and containers down to a model, consuming keys and indices
            origin, args = get_origin(current), get_args(current)
            if origin is Annotated:
                current = args[0]
            elif origin in (Union, types.UnionType):
                models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
                if not models:
                    return []
                current = models[0]
            elif origin in (dict, list, tuple):
                if i >= len(loc) or not args:
                    return []
                i += 1
                current = args[-1] if origin is dict else args[0]
            else:
                break
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        if i >= len(loc):
            return list(current.model_fields)
        info = current.model_fields.get(str(loc[i]))
        if info is None:
            return []
        current = info.annotation
        i += 1


def _close_choice(err: Mapping[str, Any], value: str) -> Any:
    """The "did you mean" of a value that is not one of a closed list of choices, or ``""``."""
    expected = str((err.get("ctx") or {}).get("expected", ""))
    return suggestion(value, re.findall(r"'([^']*)'", expected)) if expected else ""


def _pydantic_problems(exc: ValidationError, doc: YamlDocument, prefix: tuple[Any, ...], fields: Any) -> list[Problem]:
    errors = [(err, clean_loc(tuple(err["loc"]))) for err in exc.errors()]
    deeper = [loc for _, loc in errors]
    problems = []
    for err, loc in errors:
        # A union's other branch ("should be a number") when the value went into a model branch deeper down.
        if _is_branch(err["loc"][-1] if err["loc"] else None) and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other in deeper
        ):
            continue
        path = prefix + loc
        line, col = doc.where(path)
        key = ".".join(str(k) for k in path)
        value = err.get("input")
        where: dict[str, Any] = {"file": doc.file, "line": line, "column": col, "key": key or None}
        if err["type"] == "extra_forbidden":
            name = str(loc[-1]) if loc else ""
            allowed = fields(loc[:-1]) if callable(fields) else fields
            hint: Any = RENAMED.get(name)
            if hint is not None:
                hint = Text("error.config.renamed", fix=hint)
            else:
                hint = suggestion(name, allowed)
                if allowed and (not hint or len(allowed) <= 10):  # a short list helps; the top level's is long
                    hint = Text("error.config.hint_and_allowed", hint=hint, allowed=", ".join(allowed))
            problems.append(Problem.of("error.config.unknown_key", **where, name=name, hint=hint))
        elif err["type"] == "missing" and loc and isinstance(loc[-1], int) and isinstance(value, (tuple, list)):
            # a pair given one value: say so at the pair, not "field required" at its missing half
            line, col = doc.where(path[:-1])
            where.update(line=line, column=col, key=".".join(str(k) for k in path[:-1]))
            problems.append(Problem.of("error.config.pair_needed", **where, n=loc[-1] + 1, value=list(value)))
        elif err["type"] == "value_error" and path[-1:] == ("estimated",) and isinstance(value, list):
            problems.append(_cannot_estimate(value, where))
        elif path[:1] == ("provinces",) and not prefix and len(path) <= 2:
            shown = repr(value) if not isinstance(value, (dict, list)) else value_kind(value)
            code = "error.config.province_item" if len(path) == 2 else "error.config.provinces_form"
            where["key"] = f"provinces[{path[1]}]" if len(path) == 2 else "provinces"
            problems.append(Problem.of(code, **where, value=shown))
        elif err["type"] == "literal_error" and isinstance(value, str) and _close_choice(err, value):
            expected = str(err["ctx"]["expected"])
            problems.append(
                Problem.of(
                    "error.config.choice",
                    **where,
                    value=repr(value),
                    expected=_Expected(expected),
                    hint=_close_choice(err, value),
                )
            )
        else:
            shown = repr(value) if not isinstance(value, (dict, list)) else value_kind(value)
            code, params = _pydantic_message(err, shown)
            problems.append(Problem.of(code, **where, **params))
    # One message per location is enough: unions report every branch.
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for p in problems:
        k = (p.line, p.column, p.key)
        if k not in seen:
            seen.add(k)
            unique.append(p)
    return unique


def _cannot_estimate(value: list[Any], where: Mapping[str, Any]) -> Problem:
    """``calibration.estimated`` names a parameter growth8 cannot estimate."""
    from growth8.config.parameters import ESTIMATED_PARAMETERS

    unknown = [str(v) for v in value if v not in ESTIMATED_PARAMETERS]
    return Problem.of(
        "error.config.cannot_estimate",
        **where,
        names=", ".join(unknown),
        hint=suggestion(unknown[0], ESTIMATED_PARAMETERS) if unknown else "",
        estimable=", ".join(ESTIMATED_PARAMETERS),
        value=value_kind(value),
    )


def _allowed_fields(loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at ``loc`` of a config file (the top level, a scenario, ...)."""
    return fields_at(_FileModel, loc)


def _check_sub_block(
    doc: YamlDocument, key: str, block: Mapping[str, Any], model: type[_Strict], problems: list[Problem]
) -> None:
    try:
        model.model_validate(dict(block))
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, doc, (key,), lambda loc: fields_at(model, loc)))


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

    def bad(code: str, at: tuple[Any, ...] = (), **params: Any) -> None:
        problems.append(override_problem(ov, f"error.config.spec.{code}", sub + at, **params))

    if isinstance(spec, bool):
        bad("bool", value=str(spec).lower())
        return
    if isinstance(spec, (int, float)):
        if not math.isfinite(spec):
            bad("not_finite", value=repr(spec))
        return
    if isinstance(spec, str):
        if spec == CALIBRATED:
            return
        if spec not in defaults:
            bad("unknown_reference", name=spec, hint=suggestion(spec, defaults))
        elif defaults[spec].unit != pdef.unit:
            bad(
                "unit_mismatch",
                name=spec,
                unit=unit_text(defaults[spec].unit),
                parameter=pdef.name,
                own_unit=unit_text(pdef.unit),
            )
        return
    if spec is None:
        bad("no_value")
        return
    if not isinstance(spec, Mapping):
        bad("not_number_or_mapping", kind=value_kind(spec))
        return
    if not spec:
        bad("empty_mapping", ramp="{to:, by:}")
        return
    keys = list(spec)
    if "to" in keys or "by" in keys:
        extra = [k for k in keys if k not in ("to", "by", "from", *LABEL_WORDS)]
        for k in extra:
            bad("ramp_unknown_key", (k,), name=k, hint=suggestion(str(k), SPEC_WORDS))
        if not pdef.by_year:
            bad("base_year_ramp", parameter=pdef.name)
            return
        if "to" not in spec or "by" not in spec:
            bad("ramp_needs_to_by")
            return
        if isinstance(spec["to"], bool) or not isinstance(spec["to"], (int, float)):
            bad("ramp_to", ("to",), value=repr(spec["to"]))
        elif not math.isfinite(spec["to"]):
            bad("not_finite", ("to",), value=repr(spec["to"]))
        for k in ("by", "from"):
            if k in spec and not _year_ok(spec[k]):
                bad("ramp_year", (k,), name=k, first=YEAR_MIN, last=YEAR_MAX, value=repr(spec[k]))
        if _year_ok(spec.get("by")) and _year_ok(spec.get("from")) and spec["from"] >= spec["by"]:
            bad("ramp_order", ("from",), start=spec["from"], end=spec["by"])
        return
    if "value" in keys:
        for k in keys:
            if k not in ("value", *LABEL_WORDS):
                bad("value_unknown_key", (k,), name=k, hint=suggestion(str(k), SPEC_WORDS))
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
    labels = [k for k in keys if k in LABEL_WORDS]
    if int_keys and len(int_keys) + len(labels) == len(keys) and all(not (0 < k < 100) for k in int_keys):
        if not pdef.by_year:
            bad("base_year_by_year", parameter=pdef.name)
            return
        for k in int_keys:
            if not _year_ok(k):
                bad("year_range", (k,), year=k, first=YEAR_MIN, last=YEAR_MAX)
            v = spec[k]
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                bad("year_value", (k,), year=k, value=repr(v))
            elif not math.isfinite(v):
                bad("not_finite", (k,), value=repr(v))
        return
    # Otherwise: provinces.
    if in_province:
        bad("nested_province")
        return
    for k in keys:
        if k in LABEL_WORDS:
            continue
        try:
            resolve_province(k)
        except LookupError as exc:
            bad("not_year" if isinstance(k, int) else "not_province", (k,), name=k, reason=exc)
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

    def add(block: str, sub: tuple[Any, ...], code: str, **params: Any) -> None:
        doc = where[f"{block}.{sub[0]}"]
        line, col = doc.where((block, *sub))
        key = ".".join(map(str, (block, *sub)))
        problems.append(Problem.of(f"error.config.{code}", file=doc.file, line=line, column=col, key=key, **params))

    def known(block: str, sub: tuple[Any, ...], name: Any) -> ParameterDef | None:
        if name in defaults:
            return defaults[name]
        add(block, sub, "unknown_parameter", name=name, hint=unknown_parameter_hint(name, defaults))
        return None

    def in_bounds(block: str, sub: tuple[Any, ...], pdef: ParameterDef, value: Any, what: str) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        lo, hi = pdef.bounds
        if not lo <= value <= hi:
            hint = fraction_hint(value) if pdef.unit == "fraction" and 1 < value <= 100 else ""
            add(
                block,
                sub,
                "outside_allowed",
                what=Text(f"error.config.bound.{what}"),
                value=value,
                parameter=pdef.name,
                low=lo,
                high=hi,
                hint=hint,
            )

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
            infinite = [k for k in ("sd", "low", "high", "mode") if _not_finite(spec.get(k))]
            for k in infinite:
                add("uncertainty", (*sub, k), "spec.not_finite", value=repr(spec[k]))
            if infinite:
                continue
            for bound in ("low", "high", "mode"):
                if kind in ("uniform", "triangular", "truncnormal"):
                    in_bounds("uncertainty", (*sub, bound), pdef, spec.get(bound), bound)
            if kind in ("normal", "truncnormal", "lognormal"):
                if sd is None:
                    add("uncertainty", sub, "dist_needs_sd", kind=kind)
                elif isinstance(sd, (int, float)) and not isinstance(sd, bool) and sd <= 0:
                    add("uncertainty", (*sub, "sd"), "sd_positive", sd=sd)
                elif sd == "estimated" and name != "tfp_growth":
                    add("uncertainty", (*sub, "sd"), "sd_estimated_only", name=name)
            if kind in ("uniform", "triangular"):
                lo, hi = spec.get("low"), spec.get("high")
                if not isinstance(lo, (int, float)) or not isinstance(hi, (int, float)) or not lo < hi:
                    add("uncertainty", sub, "dist_low_high", kind=kind, low=repr(lo), high=repr(hi))
                elif kind == "triangular":
                    mode = spec.get("mode")
                    if not isinstance(mode, (int, float)) or not lo <= mode <= hi:
                        add("uncertainty", sub, "dist_mode", mode=repr(mode))
            if kind == "lognormal" and pdef.bounds[0] < 0:
                add("uncertainty", sub, "lognormal_negative", name=name)
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
                        add("uncertainty", ("correlation", i), "correlated_no_dist", name=name)
                if len(pair) == 2 and pair[0] == pair[1]:
                    add("uncertainty", ("correlation", i, "between"), "correlated_with_itself", name=pair[0])
            if isinstance(rho, (int, float)) and not isinstance(rho, bool) and not -1 < rho < 1:
                add("uncertainty", ("correlation", i), "rho_range", rho=rho)
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
                add("sensitivity", ("parameters", name), "range_order", pair=list(pair))
    grid = blocks["sweep"].get("grid")
    if isinstance(grid, Mapping):
        for name, values in grid.items():
            pdef = known("sweep", ("grid", name), name)
            if pdef is None or not isinstance(values, list):
                continue
            if not values:
                add("sweep", ("grid", name), "sweep_empty")
            for j, value in enumerate(values):
                in_bounds("sweep", ("grid", name, j), pdef, value, "value")


def _not_finite(value: Any) -> bool:
    """Whether ``value`` is a float that is infinite or not a number (YAML's .inf, .nan)."""
    return isinstance(value, float) and not math.isfinite(value)


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
    issue = target_growth_issue(growth)
    return None if issue is None else str(Text("error.config.growth_range", **issue))


def target_growth_issue(growth: Any) -> dict[str, Any] | None:
    """The values of the message on a target growth level out of range (``value``, ``hint``), or None.

    They fill the catalogue texts ``error.config.growth_range``, ``error.config.target_growth``,
    ``error.config.target_growth_province`` and ``error.options.target_growth``.
    """
    if isinstance(growth, bool) or not isinstance(growth, (int, float)):
        return None
    g = float(growth)
    if -0.2 <= g <= 0.5:
        return None
    return {"value": g, "hint": fraction_hint(g) if 1 < g <= 50 else ""}


def fraction_hint(value: float) -> Text:
    """``; rates are fractions: did you mean 0.04?`` for a percentage given where a fraction belongs."""
    return Text("error.fraction_hint", value=value / 100)


# ------------------------------------------------------------------ values a spec writes
def _numbers(spec: Any, sub: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], float]]:
    """Every number a parameter value writes (a level, a ramp's ``to``, a year's or a province's value)."""
    if isinstance(spec, bool):
        return []
    if isinstance(spec, (int, float)):
        return [(sub, float(spec))]
    if not isinstance(spec, Mapping):
        return []
    if "to" in spec or "by" in spec:
        to = spec.get("to")
        return [((*sub, "to"), float(to))] if isinstance(to, (int, float)) and not isinstance(to, bool) else []
    if "value" in spec:
        return _numbers(spec["value"], (*sub, "value"))
    out = []
    for k, v in spec.items():
        if k in LABEL_WORDS:
            continue
        out.extend(_numbers(v, (*sub, k)))
    return out


def literal_bound_problems(ov: Override, pdef: ParameterDef, problems: list[Problem]) -> None:
    """The numbers an override writes outside the parameter's hard bounds, each at its own line.

    The full check (on every resolved cell, with province and year) runs when the model is assembled;
    this one lets a config with other mistakes report its out-of-range values in the same pass.
    """
    lo, hi = pdef.bounds
    for sub, value in _numbers(ov.spec):
        if not lo <= value <= hi:
            fits = pdef.unit == "fraction" and 1 < value <= 100 and lo <= value / 100 <= hi
            hint: Any = fraction_hint(value) if fits else ""
            problems.append(
                override_problem(
                    ov,
                    "error.config.spec.outside_allowed",
                    sub,
                    parameter=pdef.name,
                    value=value,
                    unit=unit_text(pdef.unit),
                    low=lo,
                    high=hi,
                    hint=hint,
                )
            )


def _years_written(spec: Any, sub: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], int, str]]:
    """Every year a parameter value names: (key path, year, ``year`` for a year key or ``from`` / ``by``)."""
    if not isinstance(spec, Mapping):
        return []
    if "to" in spec or "by" in spec:
        return [((*sub, k), spec[k], k) for k in ("from", "by") if _year_ok(spec.get(k))]
    if "value" in spec:
        return _years_written(spec["value"], (*sub, "value"))
    out = []
    for k, v in spec.items():
        if k in LABEL_WORDS:
            continue
        if isinstance(k, int) and not isinstance(k, bool) and _year_ok(k):
            out.append(((*sub, k), k, "year"))
        else:
            out.extend(_years_written(v, (*sub, k)))
    return out


def beyond_horizon(ov: Override, horizon: int) -> list[Problem]:
    """Values an override gives for years after the horizon (never used), each at its line: warnings."""
    out = []
    for sub, year, what in _years_written(ov.spec):
        if year > horizon and what == "year":
            out.append(override_problem(ov, "warning.config.year_after_horizon", sub, year=year, horizon=horizon))
        elif year > horizon and what == "from":
            out.append(override_problem(ov, "warning.config.ramp_after_horizon", sub, year=year, horizon=horizon))
    return out


def before_base(ov: Override, base: int, problems: list[Problem]) -> None:
    """Years an override names before the base year (as the assembly reports them, at the same lines)."""
    for sub, year, what in _years_written(ov.spec):
        if what == "year" and year < base:
            problems.append(override_problem(ov, "error.assemble.year_before_base", sub, year=year, base=base))
        elif what == "from" and year < base:
            problems.append(override_problem(ov, "error.assemble.ramp_from", sub, start=year, base=base))
        elif what == "by" and year <= base:
            problems.append(override_problem(ov, "error.assemble.ramp_by", sub, end=year, base=base))

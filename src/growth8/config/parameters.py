"""The parameter catalogue: configs/defaults.yaml read into typed definitions.

Each parameter documents itself (title, description, unit, source, bounds, soft
bounds) once, in the defaults file; scenario files override only values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from growth8.config.yamlio import read_yaml
from growth8.errors import ConfigError, Problem, Text, suggestion
from growth8.i18n.provenance import Source
from growth8.resources import defaults_path

STATUSES = ("published", "calibrated", "estimate", "assumption", "scenario")
UNITS = ("fraction", "ratio", "Rp bn")
GROUPS = ("growth", "bank_initial", "lending", "bank", "caps", "sources", "public")
VARIES = ("province", "year")
CALIBRATED = "calibrated"

#: Names analysts try that are not parameters, with the specific fix.
#: Parameters growth8.estimation can estimate from the data (``calibration.estimated``).
ESTIMATED_PARAMETERS = ("capital_output_ratio_initial", "tfp_growth")

#: Each fix is a catalogue text (``error.renamed.*``), written in the language of the message.
RENAMED: dict[str, Text] = {
    "alpha": Text("error.renamed.write", name="capital_share (alpha)"),
    "delta": Text("error.renamed.write", name="depreciation (delta)"),
    "ky": Text("error.renamed.write", name="capital_output_ratio_initial"),
    "ky0": Text("error.renamed.write", name="capital_output_ratio_initial"),
    "capital_output_ratio": Text("error.renamed.capital_output_ratio"),
    "s": Text("error.renamed.write", name="investment_rate"),
    "g_a": Text("error.renamed.write", name="tfp_growth"),
    "g_l": Text("error.renamed.write", name="labour_growth"),
    "labor_growth": Text("error.renamed.labor_growth"),
    "kappa": Text("error.renamed.kappa"),
    "ldr": Text("error.renamed.ldr"),
    "ldr_max": Text("error.renamed.ldr_max"),
    "car": Text("error.renamed.car"),
    "credit_growth": Text("error.renamed.write", name="bpd_credit_growth"),
    "injection": Text("error.renamed.write", name="capital_injection"),
    "penyertaan_modal": Text("error.renamed.write", name="capital_injection"),
}


@dataclass(frozen=True)
class ParameterDef:
    """One documented model parameter.

    Attributes
    ----------
    name : str
        Key used in configs and outputs.
    group : str
        ``growth``, ``bank_initial``, ``lending`` or ``bank``.
    title, title_id : str
        Short English and Indonesian titles.
    description : str
        What it is, in a sentence or two.
    unit : str
        ``fraction`` (rates and shares), ``ratio`` or ``Rp bn``.
    value : float or str
        Default: a number, ``"calibrated"``, or another parameter's name.
    status : str
        One of :data:`STATUSES`.
    source : str
        Where the default comes from (English).
    bounds, soft_bounds : tuple of float
        Hard bounds (error outside) and usual range (warning outside).
    varies : tuple of str
        What the value may vary by: ``province`` and/or ``year``.
    carry_forward : bool
        Whether a value given for a year holds in later years (levels and
        rates) or applies to that year only (flows such as a capital injection).
    published : (key, transform), optional
        The data/published.csv row the default comes from; transform is
        ``identity``, ``one_minus`` (1 - value) or ``high`` (a range's upper end).
    source_id, description_id : str
        ``source`` and ``description`` in Indonesian.
    """

    name: str
    group: str
    title: str
    title_id: str
    description: str
    unit: str
    value: float | str
    status: str
    source: str
    bounds: tuple[float, float]
    soft_bounds: tuple[float, float]
    varies: tuple[str, ...]
    carry_forward: bool = True
    published: tuple[str, str] | None = None
    source_id: str = ""
    description_id: str = ""

    @property
    def provenance(self) -> Source:
        """``source`` in both languages."""
        return Source.literal(self.source, self.source_id)

    def describe(self, lang: str) -> str:
        """The description in ``lang`` (the English one where no Indonesian is given)."""
        return (self.description_id or self.description) if lang == "id" else self.description

    @property
    def by_year(self) -> bool:
        """Whether the parameter may change from year to year."""
        return "year" in self.varies


_FIELDS = [
    "group",
    "title",
    "title_id",
    "description",
    "unit",
    "value",
    "status",
    "source",
    "bounds",
    "soft_bounds",
    "varies",
]


#: Keys a parameter may have besides :data:`_FIELDS`.
_OPTIONAL = ("carry_forward", "published", "source_id", "description_id")


def _parse_defaults(path: Path) -> dict[str, ParameterDef]:
    doc = read_yaml(path)
    problems = list(doc.problems)
    data = doc.data if isinstance(doc.data, Mapping) else {}
    params = data.get("parameters", {}) if isinstance(data, Mapping) else {}
    out: dict[str, ParameterDef] = {}
    if not isinstance(params, Mapping) or not params:
        problems.append(Problem.of("error.defaults.no_parameters", file=str(path)))
    for name, spec in params.items():
        line, col = doc.where(("parameters", name))

        def bad(code: str, line: int | None = line, col: int | None = col, pname: str = name, **values: Any) -> None:
            where: dict[str, Any] = {"file": str(path), "line": line, "column": col, "key": f"parameters.{pname}"}
            problems.append(Problem.of(f"error.defaults.{code}", **where, **values))

        if not isinstance(spec, Mapping):
            bad("not_mapping")
            continue
        missing = [f for f in _FIELDS if f not in spec]
        extra = [k for k in spec if k not in (*_FIELDS, *_OPTIONAL)]
        if missing:
            bad("missing", fields=", ".join(missing))
        for k in extra:
            bad("unknown_field", name=k, hint=suggestion(k, [*_FIELDS, *_OPTIONAL]))
        if missing:
            continue
        if spec["unit"] not in UNITS:
            bad("not_one_of", field="unit", value=spec["unit"], allowed=", ".join(UNITS))
        if spec["status"] not in STATUSES:
            bad("not_one_of", field="status", value=spec["status"], allowed=", ".join(STATUSES))
        if spec["group"] not in GROUPS:
            bad("not_one_of", field="group", value=spec["group"], allowed=", ".join(GROUPS))
        if not str(spec["description"]).rstrip().endswith("."):
            bad("description_period")
        bounds = tuple(spec["bounds"]) if isinstance(spec["bounds"], list) else ()
        soft = tuple(spec["soft_bounds"]) if isinstance(spec["soft_bounds"], list) else ()
        if len(bounds) != 2 or len(soft) != 2:
            bad("bounds_pair")
            continue
        if not (bounds[0] <= soft[0] <= soft[1] <= bounds[1]):
            bad("soft_within", soft=list(soft), bounds=list(bounds))
        varies = tuple(spec["varies"]) if isinstance(spec["varies"], list) else ()
        if any(v not in VARIES for v in varies):
            bad("varies", allowed=list(VARIES))
        link = spec.get("published")
        if link is not None and (
            not isinstance(link, Mapping) or "key" not in link or link.get("transform", "identity") not in TRANSFORMS
        ):
            bad("published", form=f"{{key: <data/published.csv key>, transform: {'|'.join(TRANSFORMS)}}}")
        value = spec["value"]
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            bad("value_type", calibrated=CALIBRATED, value=repr(value))
            continue
        if isinstance(value, (int, float)) and not bounds[0] <= value <= bounds[1]:
            bad("value_bounds", value=value, bounds=list(bounds))
        out[name] = ParameterDef(
            name=str(name),
            group=str(spec["group"]),
            title=str(spec["title"]),
            title_id=str(spec["title_id"]),
            description=" ".join(str(spec["description"]).split()),
            unit=str(spec["unit"]),
            value=float(value) if isinstance(value, (int, float)) else str(value),
            status=str(spec["status"]),
            source=" ".join(str(spec["source"]).split()),
            bounds=(float(bounds[0]), float(bounds[1])),
            soft_bounds=(float(soft[0]), float(soft[1])),
            varies=varies,
            carry_forward=bool(spec.get("carry_forward", True)),
            published=_published_link(spec.get("published")),
            source_id=" ".join(str(spec.get("source_id") or "").split()),
            description_id=" ".join(str(spec.get("description_id") or "").split()),
        )
    for name, p in out.items():
        if isinstance(p.value, str) and p.value != CALIBRATED and p.value not in out:
            line, col = doc.where(("parameters", name, "value"))
            problems.append(
                Problem.of(
                    "error.defaults.bad_reference",
                    file=str(path),
                    line=line,
                    column=col,
                    key=f"parameters.{name}.value",
                    value=p.value,
                    calibrated=CALIBRATED,
                    hint=suggestion(p.value, out),
                )
            )
    if problems:
        raise ConfigError(problems)
    return out


TRANSFORMS = ("identity", "one_minus", "high")


def _published_link(spec: object) -> tuple[str, str] | None:
    if not isinstance(spec, Mapping) or "key" not in spec:
        return None
    return str(spec["key"]), str(spec.get("transform", "identity"))


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> dict[str, ParameterDef]:
    return _parse_defaults(Path(path))


def load_defaults(path: str | Path | None = None) -> dict[str, ParameterDef]:
    """Read the parameter catalogue.

    Parameters
    ----------
    path : str or Path, optional
        A defaults file; the bundled ``configs/defaults.yaml`` when omitted.

    Returns
    -------
    dict of str to ParameterDef
        In file order.

    Raises
    ------
    ConfigError
        If the defaults file itself is malformed (every problem listed).
    """
    p = Path(path) if path is not None else defaults_path()
    try:
        mtime = p.stat().st_mtime
    except OSError:
        raise ConfigError([Problem.of("error.defaults.not_found", file=str(p))]) from None
    return dict(_cached(str(p.resolve()), mtime))


def numeric_default(name: str) -> float:
    """The catalogue's default of a parameter whose default is a number (``capital_share``, ``depreciation``)."""
    value = load_defaults()[name].value
    assert isinstance(value, (int, float)), f"{name} has no numeric default"
    return float(value)


def describe_parameter(name: str, lang: str = "en") -> str:
    """``growth8 params NAME``: one parameter in full, labels in ``lang``.

    Raises
    ------
    InputError
        An unknown name, with a "did you mean".
    """
    from growth8.errors import InputError
    from growth8.i18n import t, unit

    defaults = load_defaults()
    if name not in defaults:
        raise InputError(
            [Problem.of("error.config.unknown_parameter", key="NAME", name=name, hint=suggestion(name, defaults))]
        )
    p = defaults[name]
    rows = (
        ("params.name", p.name),
        ("params.title", p.title_id if lang == "id" else p.title),
        ("params.description", p.describe(lang)),
        ("params.unit", unit(p.unit, lang)),
        ("params.default", p.value),
        ("params.status", t(f"status.{p.status}", lang)),
        ("params.bounds", list(p.bounds)),
        ("params.usual_range", list(p.soft_bounds)),
        ("params.varies", ", ".join(t(f"params.varies_{v}", lang) for v in p.varies)),
        ("params.source", p.provenance.text(lang)),
    )
    return "\n".join(f"{t(label, lang):>16}: {value}" for label, value in rows)


def list_parameters(lang: str = "en") -> str:
    """``growth8 params``: one line per parameter (name, default, unit, status, title in ``lang``)."""
    from growth8.i18n import t, unit

    lines = []
    for p in load_defaults().values():
        title = p.title_id if lang == "id" else p.title
        lines.append(
            f"{p.name:<30} {p.value!s:<28} {unit(p.unit, lang):<9} {t(f'status.{p.status}', lang):<11} {title}"
        )
    return "\n".join(lines)

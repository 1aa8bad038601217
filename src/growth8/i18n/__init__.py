"""Every user-facing word, from one catalogue, in Indonesian (``id``) and English (``en``); Babel formats.

The catalogue is the YAML files in ``growth8/i18n/catalogue/`` (one per audience: console, report,
errors, ...), merged into one table of keys; each key holds an ``id`` and an ``en`` text with the same
``{placeholders}``. A key defined twice, a missing language or mismatched placeholders are refused when
the catalogue loads (and tested). Why YAML and not gettext: docs/i18n.md.

Numbers, percentages and dates are formatted with Babel's locale data (``id_ID``: 1.445.279,5 and
2 Desember 2026; ``en_US``: 1,445,279.5 and 2 December 2026), never by hand.

Examples
--------
>>> t("cli.wrote", "id", path="reports/x.csv")
'ditulis: reports/x.csv'
>>> number(1445279.5, 1, "id")
'1.445.279,5'
>>> percent(0.0812, 2, "en")
'8.12%'
>>> share(0.00003, 2, "id")
'< 0,01%'
"""

from __future__ import annotations

import contextvars
import datetime as _dt
import math
import string
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

LANGS = ("id", "en")
LOCALES = {"id": "id_ID", "en": "en_US"}
CATALOGUE_PACKAGE = "growth8.i18n"


class CatalogueError(Exception):
    """The word catalogue itself is broken (a packaging bug, never a user's mistake)."""


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _catalogue_files() -> list[Path]:
    folder = Path(str(resources.files(CATALOGUE_PACKAGE) / "catalogue"))
    return sorted(folder.glob("*.yaml"))


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """The whole catalogue: key -> {"id": text, "en": text}, checked.

    Raises
    ------
    CatalogueError
        A key in two files, a key without both languages, or placeholders that differ between them.
    """
    import yaml

    table: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    problems: list[str] = []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where built: the same result, faster
    for path in _catalogue_files():
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        for key, entry in entries.items():
            if key in table:
                problems.append(f"{path.name}: key '{key}' is already defined in {origin[key]}")
                continue
            if (
                not isinstance(entry, dict)
                or set(entry) != set(LANGS)
                or not all(isinstance(entry[lang], str) and entry[lang].strip() for lang in LANGS)
            ):
                problems.append(f"{path.name}: key '{key}' needs a non-empty 'id' and 'en' text and nothing else")
                continue
            if _fields(entry["id"]) != _fields(entry["en"]):
                problems.append(
                    f"{path.name}: key '{key}': placeholders differ: id {sorted(_fields(entry['id']))}, "
                    f"en {sorted(_fields(entry['en']))}"
                )
            table[key] = {lang: entry[lang] for lang in LANGS}
            origin[key] = path.name
    if problems:
        raise CatalogueError("\n".join(problems))
    return table


_CURRENT = contextvars.ContextVar("growth8_lang", default="en")


def current_lang() -> str:
    """The language messages are written in now (set by :func:`using`; ``en`` by default)."""
    return _CURRENT.get()


@contextmanager
def using(lang: str) -> Iterator[str]:
    """Write messages (errors, warnings) in ``lang`` inside the block; the CLI sets it from ``--lang``."""
    token = _CURRENT.set(check_lang(lang))
    try:
        yield lang
    finally:
        _CURRENT.reset(token)


def check_lang(lang: str) -> str:
    """``lang`` if it is a supported language; ValueError naming the choices otherwise."""
    if lang not in LANGS:
        raise ValueError(f"language '{lang}' is not one of {', '.join(LANGS)}")
    return lang


def t(key: str, lang: str | None = None, /, **kwargs: Any) -> str:
    """The catalogue's text ``key`` in ``lang`` (default: :func:`current_lang`), placeholders filled.

    Raises
    ------
    KeyError
        An unknown key (a bug in growth8), with the closest keys.
    """
    lang = check_lang(lang if lang is not None else current_lang())
    table = catalogue()
    entry = table.get(key)
    if entry is None:
        import difflib

        close = difflib.get_close_matches(key, list(table), n=3)
        raise KeyError(f"no catalogue key '{key}'" + (f" (did you mean {', '.join(close)}?)" if close else ""))
    text = entry[lang]
    return text.format(**kwargs) if kwargs else text


def has(key: str) -> bool:
    """Whether the catalogue defines ``key``."""
    return key in catalogue()


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, decimals: int = 1, lang: str = "en") -> str:
    """A number with the locale's separators: 2,545.4 (en) or 2.545,4 (id); ``-`` when missing."""
    if _missing(value):
        return "-"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    assert value is not None
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    rounded = round(float(value), decimals) + 0.0  # + 0.0 turns -0.0 into 0.0: never print "-0,0"
    return str(format_decimal(rounded, format=pattern, locale=LOCALES[check_lang(lang)]))


def percent(fraction: float | None, decimals: int = 2, lang: str = "en") -> str:
    """A fraction as a percentage: 0.0812 -> 8.12% (en) or 8,12% (id); ``-`` when missing."""
    if _missing(fraction):
        return "-"
    assert fraction is not None
    return number(100.0 * fraction, decimals, lang) + "%"


def share(fraction: float | None, decimals: int = 2, lang: str = "en") -> str:
    """Like :func:`percent`, but a positive share too small to show prints ``< 0.01%`` (never ``0.00%``)."""
    if _missing(fraction):
        return "-"
    assert fraction is not None
    smallest = 10.0 ** (-decimals) / 100.0
    if 0 < fraction < smallest:
        return "< " + percent(smallest, decimals, lang)
    return percent(fraction, decimals, lang)


def points(difference: float | None, decimals: int = 2, lang: str = "en") -> str:
    """A difference of two rates in percentage points, signed: +0.25 pp (en) or +0,25 poin persen (id)."""
    if _missing(difference):
        return "-"
    assert difference is not None
    text = number(100.0 * difference, decimals, lang)
    sign = "+" if not text.startswith("-") and 100.0 * difference != 0 else ""
    return sign + text + " " + t("unit.pp", lang)


def rupiah(value_bn: float | None, lang: str = "en", decimals: int | None = None) -> str:
    """Money given in Rp billion, written the way people read it: Rp triliun from Rp 1,000 bn up.

    Examples: ``Rp3.3 trillion`` / ``Rp3,3 triliun``; ``Rp850 billion`` / ``Rp850 miliar``.
    """
    if _missing(value_bn):
        return "-"
    assert value_bn is not None
    if abs(value_bn) >= 1000.0:
        amount = value_bn / 1000.0
        d = decimals if decimals is not None else (1 if abs(amount) < 1000 else 0)
        return t("unit.rp_trillion", lang, value=number(amount, d, lang))
    d = decimals if decimals is not None else 0
    return t("unit.rp_billion", lang, value=number(value_bn, d, lang))


def long_date(year: int, month: int, day: int, lang: str = "en") -> str:
    """A date in words: ``24 October 2025`` (en) or ``24 Oktober 2025`` (id)."""
    from babel.dates import format_date

    return format_date(_dt.date(year, month, day), format="d MMMM y", locale=LOCALES[check_lang(lang)])


def month_name(month: int, lang: str = "en") -> str:
    """The month's name: ``Desember`` (id), ``December`` (en)."""
    from babel.dates import format_date

    return format_date(_dt.date(2000, month, 1), format="MMMM", locale=LOCALES[check_lang(lang)])


class Num:
    """A number placed in a message, written in the language the message is shown in (1,000,000 / 1.000.000)."""

    __slots__ = ("decimals", "value")

    def __init__(self, value: float, decimals: int = 0):
        self.value = value
        self.decimals = decimals

    def render(self, lang: str | None = None) -> str:
        """The number in ``lang`` (default: the current language)."""
        return number(self.value, self.decimals, lang or current_lang())

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Num({self.value!r}, {self.decimals})"


def unit_key(code: str) -> str:
    """The catalogue key of a unit code or a parameter's unit: ``Rp bn`` -> ``unit.rp_bn``."""
    return "unit." + code.replace(" ", "_").lower()


def unit(code: str, lang: str | None = None) -> str:
    """The words of a unit code (``rp_bn_nominal``, ``fraction``, ``Rp bn``...): ``unit.<code>`` in the
    catalogue; an empty code is no unit, and a unit the catalogue does not know is shown as given."""
    if not code:
        return ""
    key = unit_key(code)
    return t(key, lang) if has(key) else code


def period(first: int, last: int) -> str:
    """A span of years, ``2025–2045`` (an en dash, as both languages print it)."""
    return f"{int(first)}–{int(last)}" if int(first) != int(last) else str(int(first))


def glossary(lang: str = "en") -> list[tuple[str, str, str]]:
    """The glossary (catalogue file ``glossary.yaml``): ``(code, term, definition)`` in ``lang``, in the
    catalogue's order; the one list the report's glossary and the workbook's definitions sheet print."""
    prefix = "glossary.term."
    codes = [key[len(prefix) :] for key in catalogue() if key.startswith(prefix)]
    return [(c, t(f"glossary.term.{c}", lang), t(f"glossary.def.{c}", lang)) for c in codes]


def date_text(as_of: str, lang: str = "en") -> str:
    """A dated figure's ``as_of`` in words, at the precision it has: ``2024``, ``Juni 2024``, ``31 Maret 2023``."""
    parts = [int(x) for x in str(as_of).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{month_name(parts[1], lang)} {parts[0]}"
    return long_date(parts[0], parts[1], parts[2], lang)

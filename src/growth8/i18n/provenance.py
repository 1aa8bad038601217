"""Where a number comes from, written in either language: the ``source`` of a parameter value.

A :class:`Source` is either a text given in both languages (a parameter's ``source`` / ``source_id`` in
``configs/defaults.yaml``, a scenario's label, a bank data note) or a catalogue template
(``provenance.*`` keys in ``catalogue/provenance.yaml``) with its figures. The figures are kept as numbers
and written when the text is shown, in the locale of the language asked for (``0.0494`` / ``0,0494``), so
the same calibration reads as English in parameters.csv and as Indonesian in the Indonesian report.

Examples
--------
>>> s = Source.of("provenance.reference", parameter="additionality", source=Source.literal("a guess", "tebakan"))
>>> s.text("id")
'= additionality: tebakan'
>>> Source.of("provenance.override", file="x.yaml", line=3, layer=Source.literal("config", "konfigurasi")).text("en")
'x.yaml:3 (config)'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from growth8.i18n import Num, check_lang, date_text, t

#: What a template's figure may be: another source, a number written per locale, a list of them, or text
#: that is the same in both languages (a code, a file name, a year).
Arg = Any


@dataclass(frozen=True)
class Nums:
    """Several numbers in a row, e.g. a forecast path: ``0.0517, 0.0522`` (en) or ``0,0517; 0,0522`` (id).

    Indonesian separates them with semicolons, since its decimal mark is the comma.
    """

    values: tuple[float, ...]
    decimals: int = 4

    def render(self, lang: str) -> str:
        joiner = "; " if lang == "id" else ", "
        return joiner.join(Num(v, self.decimals).render(lang) for v in self.values)


@dataclass(frozen=True)
class Signed:
    """A number with its sign always written, e.g. a trend: ``+0.098`` (en) or ``+0,098`` (id)."""

    value: float
    decimals: int = 3

    def render(self, lang: str) -> str:
        text = Num(self.value, self.decimals).render(lang)
        return text if text.startswith("-") else "+" + text


@dataclass(frozen=True)
class When:
    """A date at the precision it is given (``2023-06``), in words: ``June 2023`` (en), ``Juni 2023`` (id)."""

    as_of: str

    def render(self, lang: str) -> str:
        return date_text(self.as_of, lang)


@dataclass(frozen=True)
class Source:
    """A provenance text in Indonesian and English.

    Attributes
    ----------
    key : str
        A catalogue key (``provenance.*``) whose template is filled with ``args``; empty for a literal.
    args : tuple of (str, object)
        The template's figures: :class:`Source` (shown in the same language), :class:`~growth8.i18n.Num`,
        :class:`Nums`, :class:`Signed` or :class:`When` (written in the language's locale), or anything else
        (a code, a year, a file name), shown as ``str()``.
    en, id : str
        A literal's two texts. A literal with no Indonesian text (a user's label given only as
        ``source``) shows its English text in both languages.
    """

    key: str = ""
    args: tuple[tuple[str, Arg], ...] = ()
    en: str = ""
    id: str = ""

    @classmethod
    def literal(cls, en: str, id: str = "") -> Source:
        """A text given in both languages (``id`` empty: the English text serves both)."""
        return cls(en=" ".join(str(en).split()), id=" ".join(str(id).split()))

    @classmethod
    def of(cls, key: str, /, **args: Arg) -> Source:
        """The catalogue template ``key`` with its figures."""
        return cls(key=key, args=tuple(args.items()))

    def text(self, lang: str = "en") -> str:
        """The text in ``lang``."""
        lang = check_lang(lang)
        if not self.key:
            return (self.id or self.en) if lang == "id" else self.en
        return t(self.key, lang, **{name: _render(value, lang) for name, value in self.args})

    def has_text(self, lang: str) -> bool:
        """Whether the source is written in ``lang`` itself (a literal given only in English is not, in id)."""
        if not self.key:
            return bool(self.id) if lang == "id" else bool(self.en)
        return all(v.has_text(lang) for _, v in self.args if isinstance(v, Source))

    def __str__(self) -> str:
        return self.text("en")


def _render(value: Arg, lang: str) -> str:
    if isinstance(value, Source):
        return value.text(lang)
    if isinstance(value, (Num, Nums, Signed, When)):
        return value.render(lang)
    return str(value)


def from_spec(spec: Mapping[str, Any], field: str = "source") -> Source | None:
    """A literal source from a mapping's ``source`` and ``source_id`` keys; None when it has no ``source``."""
    en = spec.get(field)
    if not en:
        return None
    return Source.literal(str(en), str(spec.get(f"{field}_id") or ""))

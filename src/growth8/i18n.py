"""Words and number formats in Indonesian (``id``) and English (``en``)."""

from __future__ import annotations

import math

LANGS = ("en", "id")

_TEXT: dict[str, dict[str, str]] = {
    "year": {"en": "Year", "id": "Tahun"},
    "growth": {"en": "Growth", "id": "Pertumbuhan"},
    "target": {"en": "Target", "id": "Target"},
    "gap": {"en": "Gap", "id": "Selisih"},
    "investment_rate": {"en": "I/Y", "id": "I/Y"},
    "grdp_real": {"en": "Real GRDP (Rp bn)", "id": "PDRB ADHK (Rp miliar)"},
    "bpd_credit": {"en": "BPD loans (Rp bn)", "id": "Kredit BPD (Rp miliar)"},
    "binding": {"en": "Limit", "id": "Batas"},
    "none": {"en": "none", "id": "tidak ada"},
    "ldr": {"en": "LDR", "id": "LDR"},
    "car": {"en": "CAR", "id": "KPMM"},
    "scenario": {"en": "Scenario", "id": "Skenario"},
    "province": {"en": "Province", "id": "Provinsi"},
    "observed": {"en": "observed", "id": "observasi"},
    "reached_in": {"en": "first reaches the target in {year}", "id": "pertama mencapai target pada {year}"},
    "never_reached": {
        "en": "does not reach the target by {year}",
        "id": "tidak mencapai target hingga {year}",
    },
    "avg_growth": {
        "en": "average growth {start}-{end}: {value} a year",
        "id": "rata-rata pertumbuhan {start}-{end}: {value} per tahun",
    },
    "binding_years": {
        "en": "BPD lending capped by {limit} in {n} of {total} years (first {year})",
        "id": "kredit BPD dibatasi {limit} pada {n} dari {total} tahun (pertama {year})",
    },
    "no_binding": {"en": "BPD limits never bind", "id": "batas BPD tidak pernah mengikat"},
    "summary_title": {
        "en": "growth8 projection: {title}",
        "id": "Proyeksi growth8: {title}",
    },
    "target_line": {
        "en": "Target: {growth} a year by {year}, held to {horizon} (linear from the {base_year} growth, "
        "which the previous year's investment already set)",
        "id": "Target: {growth} per tahun pada {year}, dipertahankan hingga {horizon} (linear dari pertumbuhan "
        "{base_year}, yang sudah ditentukan investasi tahun sebelumnya)",
    },
}


def t(key: str, lang: str = "en", **kwargs: object) -> str:
    """Return the text ``key`` in ``lang``, formatted with ``kwargs``."""
    if lang not in LANGS:
        raise ValueError(f"language '{lang}' is not one of {', '.join(LANGS)}")
    return _TEXT[key][lang].format(**kwargs)


def number(value: float, decimals: int = 1, lang: str = "en") -> str:
    """Format a number with thousands separators: 2,545.4 (en) or 2.545,4 (id)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(fraction: float, decimals: int = 2, lang: str = "en") -> str:
    """Format a fraction as a percentage: 0.0812 -> 8.12% (en) or 8,12% (id)."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "-"
    return number(100.0 * fraction, decimals, lang) + "%"


#: Month names, January first.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
}  # fmt: skip


def long_date(year: int, month: int, day: int, lang: str = "en") -> str:
    """A date in words: ``24 October 2025`` (en) or ``24 Oktober 2025`` (id)."""
    if lang not in LANGS:
        raise ValueError(f"language '{lang}' is not one of {', '.join(LANGS)}")
    return f"{day} {MONTHS[lang][month - 1]} {year}"

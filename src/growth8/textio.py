"""Reading a text file's bytes as UTF-8, once, for the config reader and the data loader alike."""

from __future__ import annotations

import codecs

from growth8.errors import Problem
from growth8.i18n import Num

#: Byte-order marks of encodings other than UTF-8, which a config must not be written in.
_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode_utf8(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """``raw`` as text: UTF-8, a UTF-8 byte-order mark dropped; else one problem (where the first bad byte is).

    Shared by the config reader and the data loader, so that a file saved in another encoding gives one
    message, not one per line that follows.
    """
    for bom, name in _OTHER_BOMS:
        if raw.startswith(bom):
            return None, Problem.of("error.file.other_encoding", file=file, line=1, encoding=name)
    skip = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[skip:].decode("utf-8"), None
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        line = raw.count(b"\n", 0, offset) + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        shown = raw[offset : offset + 1].hex().upper()
        return None, Problem.of(
            "error.file.not_utf8", file=file, line=line, column=column, byte=Num(offset), value=f"0x{shown}"
        )

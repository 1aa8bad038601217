"""Strict YAML reading: positions for every key, no duplicate keys, no YAML 1.1 traps.

PyYAML follows YAML 1.1, where ``no`` is ``False``, ``011`` is 9 (octal) and
``1:30`` is 90 (base 60). In a scenario file those are almost always typing
slips, so they are reported as problems instead of being read silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from growth8.config.limits import MAX_CONFIG_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES
from growth8.errors import Problem
from growth8.i18n import Num
from growth8.textio import decode_utf8

Path_ = tuple[Any, ...]

_BOOL_WORDS = {"true", "false"}
_OCTAL = re.compile(r"^[-+]?0[0-7_]+$|^[-+]?0o[0-7_]+$")
_NUMBER_LIKE = re.compile(r"^[-+]?(\d[\d_]*\.?\d*|\.\d+)[eE][-+]?\d+$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")


@dataclass(eq=False)
class YamlDocument:
    """A parsed YAML file with the position of every key.

    Attributes
    ----------
    data : Any
        The document as plain Python values.
    file : str
        The file name, as given.
    positions : dict
        Maps a key path (tuple of keys / indices) to its 1-based (line, column).
    problems : list of Problem
        Duplicate keys and YAML 1.1 traps found while reading.
    """

    data: Any
    file: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Return the (line, column) of ``path`` or of its nearest known parent."""
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (None, None))


def _plain_float(text: str) -> str:
    """A spelling of the number that YAML 1.1 reads as a float."""
    shown = repr(float(text))
    return shown if "e" not in shown else f"{float(text):.6e}"


def _key_text(path: Path_) -> str:
    return ".".join(str(k) for k in path)


class _Reader:
    def __init__(self, file: str, loader: yaml.SafeLoader):
        self.file = file
        self.loader = loader
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, path: Path_, code: str, **params: Any) -> None:
        self.problems.append(
            Problem.of(
                code,
                file=self.file,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
                key=_key_text(path) or None,
                **params,
            )
        )

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        value = self.loader.construct_object(node, deep=True)
        text = str(node.value)
        if node.style is None:  # plain (unquoted) scalars only
            if isinstance(value, bool) and text.lower() not in _BOOL_WORDS:
                self.problem(node, path, "error.yaml.bool_word", text=text, value=str(value).lower())
            elif isinstance(value, int) and not isinstance(value, bool):
                if _OCTAL.match(text) and text.lstrip("+-") not in {"0"}:
                    self.problem(node, path, "error.yaml.octal", text=text, value=value)
                elif _SEXAGESIMAL.match(text):
                    self.problem(node, path, "error.yaml.base60", text=text, value=value)
                elif "_" in text:
                    self.problem(node, path, "error.yaml.underscore", text=text)
            elif isinstance(value, str) and _NUMBER_LIKE.match(text):
                self.problem(node, path, "error.yaml.exponent", text=text, number=_plain_float(text))
            elif isinstance(value, float) and (_SEXAGESIMAL.match(text) or "_" in text):
                self.problem(node, path, "error.yaml.not_decimal", text=text)
        return value

    def read(self, node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            first_seen: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                key = self.read(key_node, (*path, "<key>"))
                try:
                    hash(key)
                except TypeError:
                    self.problem(key_node, path, "error.yaml.key_not_plain")
                    continue
                if key in first_seen:
                    prev = first_seen[key].start_mark
                    self.problem(key_node, (*path, key), "error.yaml.duplicate_key", name=key, first=prev.line + 1)
                    continue
                first_seen[key] = key_node
                self.positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.read(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.positions[(*path, i)] = (item.start_mark.line + 1, item.start_mark.column + 1)
                items.append(self.read(item, (*path, i)))
            return items
        return self.scalar(node, path)  # type: ignore[arg-type]


def _scan(text: str, file: str) -> Problem | None:
    """The first limit the document breaks (nesting depth, values once aliases are expanded), or None.

    Reads the parser's events only: nothing is built and nothing recurses, so a document nested
    thousands deep or a "billion laughs" of aliases is refused in the time it takes to read it.
    Syntax errors are left to :func:`parse_yaml`, which reports them with their position. libyaml's
    parser (when PyYAML has it) is tried first, for speed; it refuses some documents of its own
    (nesting beyond 1000), which the pure-Python parser then reads.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return _scan_with(fast, text, file)
        except yaml.YAMLError:
            pass
    try:
        return _scan_with(yaml.SafeLoader, text, file)
    except yaml.YAMLError:
        return None  # parse_yaml reports it


def _scan_with(loader_class: Any, text: str, file: str) -> Problem | None:
    """:func:`_scan` with one parser; raises the parser's YAMLError."""
    loader = loader_class(text)
    starts: list[tuple[str | None, int]] = []  # open collections: (anchor, values counted before it)
    sizes: dict[str, int] = {}  # anchor -> values it expands to
    total = 0

    def at(event: yaml.Event, code: str, **params: Any) -> Problem:
        mark = event.start_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        return Problem.of(code, file=file, line=line, column=column, **params)

    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                total += 1
                starts.append((event.anchor, total - 1))
                if len(starts) > MAX_YAML_DEPTH:
                    return at(event, "error.yaml.too_deep", most=MAX_YAML_DEPTH)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, before = starts.pop()
                if anchor is not None:
                    sizes[anchor] = total - before
            elif isinstance(event, yaml.ScalarEvent):
                total += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in sizes and any(a == event.anchor for a, _ in starts):
                    return at(event, "error.yaml.recursive_alias", name=event.anchor)
                total += sizes.get(str(event.anchor), 1)
            if total > MAX_YAML_NODES:
                return at(event, "error.yaml.too_many_values", most=Num(MAX_YAML_NODES))
    finally:
        loader.dispose()
    return None


def parse_yaml(text: str, file: str = "<string>") -> YamlDocument:
    """Parse YAML text strictly.

    Parameters
    ----------
    text : str
        The YAML source.
    file : str
        Name used in problem locations.

    Returns
    -------
    YamlDocument
        Data, positions and any problems (duplicate keys, YAML 1.1 traps, syntax, the limits of
        :mod:`growth8.config.limits`: size, nesting depth, values once aliases are expanded).
    """
    if len(text) > MAX_CONFIG_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_CONFIG_BYTES:
            return YamlDocument(None, file, {}, [_too_large(file, size)])
    over = _scan(text, file)
    if over is not None:
        return YamlDocument(None, file, {}, [over])
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        return YamlDocument(None, file, {}, [_bad_character(exc, text, file)])
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        return YamlDocument(None, file, {}, [_bad_character(exc, text, file)])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        # PyYAML's own description of the slip stays as PyYAML writes it (English).
        detail = f"{exc.problem or exc}" + (f" ({exc.context})" if exc.context else "")
        problem = Problem.of("error.yaml.syntax", file=file, line=line, column=col, detail=detail)
        return YamlDocument(None, file, {}, [problem])
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        return YamlDocument(None, file, {}, [Problem.of("error.yaml.error", file=file, detail=str(exc))])
    finally:
        loader.dispose()
    if node is None:
        return YamlDocument(None, file, {(): (1, 1)}, [])
    reader = _Reader(file, yaml.SafeLoader(""))
    reader.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    data = reader.read(node, ())
    return YamlDocument(data, file, reader.positions, reader.problems)


def _bad_character(exc: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """A character YAML does not allow (NUL, most control characters), at its line and column."""
    pos = max(int(exc.position), 0)
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    char = exc.character if isinstance(exc.character, str) else chr(int(exc.character))
    return Problem.of("error.yaml.bad_character", file=file, line=line, column=column, char=f"U+{ord(char):04X}")


def _too_large(file: str, size: int) -> Problem:
    return Problem.of("error.yaml.too_large", file=file, size=Num(size), most=Num(MAX_CONFIG_BYTES))


def read_yaml(path: str | Path) -> YamlDocument:
    """Read and parse a YAML file strictly (see :func:`parse_yaml`).

    A file above :data:`~growth8.config.limits.MAX_CONFIG_BYTES` is refused before it is read; a UTF-8
    byte-order mark is dropped; a file in another encoding gives one problem at its first bad byte.
    """
    p = Path(path)
    name = str(path)
    try:
        if not p.exists():
            return YamlDocument(None, name, {}, [Problem.of("error.yaml.file_not_found", file=name)])
        if not p.is_file():
            return YamlDocument(None, name, {}, [Problem.of("error.yaml.not_a_file", file=name)])
        size = p.stat().st_size
        if size > MAX_CONFIG_BYTES:
            return YamlDocument(None, name, {}, [_too_large(name, size)])
        with p.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        unreadable = Problem.of("error.yaml.cannot_read", file=name, reason=exc.strerror or str(exc))
        return YamlDocument(None, name, {}, [unreadable])
    if len(raw) > MAX_CONFIG_BYTES:
        return YamlDocument(None, name, {}, [_too_large(name, len(raw))])
    text, bad = decode_utf8(raw, name)
    if text is None:
        return YamlDocument(None, name, {}, [bad] if bad is not None else [])
    return parse_yaml(text, name)

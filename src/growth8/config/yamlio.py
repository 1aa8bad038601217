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

from growth8.errors import Problem

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
        Data, positions and any problems (duplicate keys, YAML 1.1 traps, syntax).
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
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


def read_yaml(path: str | Path) -> YamlDocument:
    """Read and parse a YAML file strictly (see :func:`parse_yaml`)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        return YamlDocument(None, str(path), {}, [Problem.of("error.yaml.file_not_found", file=str(path))])
    except UnicodeDecodeError as exc:
        problem = Problem.of("error.yaml.not_utf8", file=str(path), byte=exc.start)
        return YamlDocument(None, str(path), {}, [problem])
    except OSError as exc:
        problem = Problem.of("error.yaml.cannot_read", file=str(path), reason=exc.strerror)
        return YamlDocument(None, str(path), {}, [problem])
    return parse_yaml(text, str(path))

"""Typed errors and warnings of growth8.

Every error a user can cause carries *where* (file, line, column, key), *what*
(the value) and *how to fix it* (allowed range, a "did you mean"). The CLI turns
any :class:`Growth8Error` into one clear message and its ``exit_code`` (2 for a user's
mistake, 74 for an operating-system failure: see :data:`EXIT_OS_ERROR`); it never shows
a traceback for them.

The words of every message come from the catalogue (``growth8/i18n/catalogue/errors.yaml`` and
``warnings.yaml``): a problem, error or warning holds a catalogue key (``code``) and the values of
its placeholders (``params``), and is written out when it is shown (``str()``), in the language then
current (:func:`growth8.i18n.current_lang`, set by the CLI's ``--lang``). So an error raised anywhere
prints in Indonesian under ``growth8.i18n.using("id")``.

Examples
--------
>>> from growth8.i18n import using
>>> p = Problem.of("error.yaml.file_not_found", file="nope.yaml")
>>> str(p)
'nope.yaml: file not found'
>>> with using("id"):
...     str(p)
'nope.yaml: berkas tidak ditemukan'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast


# ------------------------------------------------------------------ words, written when shown
def _shown(value: Any, lang: str) -> Any:
    """A placeholder's value as shown in ``lang``: catalogue texts (anything with ``render``) written out."""
    render = getattr(value, "render", None)
    if callable(render) and not isinstance(value, type):
        return render(lang)
    return value


def render(code: str, params: Mapping[str, Any] | None = None, lang: str | None = None) -> str:
    """The catalogue text ``code`` in ``lang`` (default: the current language), placeholders filled.

    Placeholder values that are themselves catalogue texts (:class:`Text`, :class:`Problem`, growth8's
    errors) are written in the same language.
    """
    from growth8.i18n import current_lang, t

    lang = lang or current_lang()
    values = {k: _shown(v, lang) for k, v in (params or {}).items()}
    return t(code, lang).format(**values)


class Text:
    """A catalogue text whose words are chosen when it is shown, in the language current then.

    Use it as a placeholder value inside another message (a hint, a unit, a list of choices).

    Examples
    --------
    >>> from growth8.i18n import using
    >>> hint = Text("error.did_you_mean", names=OneOf(["depreciation"]))
    >>> str(hint)
    " (did you mean 'depreciation'?)"
    >>> with using("id"):
    ...     str(hint)
    " (maksud Anda 'depreciation'?)"
    """

    __slots__ = ("code", "params")

    def __init__(self, code: str, /, **params: Any):
        self.code = code
        self.params = params

    def render(self, lang: str | None = None) -> str:
        """The text in ``lang`` (default: the current language)."""
        return render(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(self.render(), spec)

    def __repr__(self) -> str:
        return f"Text({self.code!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.code, self.params) == (other.code, other.params)

    __hash__ = None  # type: ignore[assignment]


class OneOf:
    """Names quoted and joined with the language's "or": ``'a' or 'b'`` / ``'a' atau 'b'``."""

    __slots__ = ("names",)

    def __init__(self, names: Iterable[Any]):
        self.names = tuple(str(n) for n in names)

    def render(self, lang: str | None = None) -> str:
        """The names in ``lang`` (default: the current language)."""
        from growth8.i18n import current_lang, t

        word = t("error.or", lang or current_lang())
        return f" {word} ".join(f"'{n}'" for n in self.names)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"OneOf({list(self.names)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OneOf) and self.names == other.names

    __hash__ = None  # type: ignore[assignment]


class ByLang:
    """A value with one spelling per language (a province's Indonesian and English name), chosen when shown."""

    __slots__ = ("texts",)

    def __init__(self, **texts: str):
        self.texts = texts

    def render(self, lang: str | None = None) -> str:
        """The spelling in ``lang`` (default: the current language), else the English one."""
        from growth8.i18n import current_lang

        return str(self.texts.get(lang or current_lang(), self.texts.get("en", "")))

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"ByLang(**{self.texts!r})"


# ------------------------------------------------------------------ problems
@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    Parameters
    ----------
    message : str
        What is wrong and how to fix it, in one sentence or two. With ``code``: the English text
        (kept for code that reads it); the shown text is written from the catalogue.
    file : str, optional
        The file the problem is in.
    line, column : int, optional
        1-based position in the file, when known.
    key : str, optional
        Dotted path of the offending key (``scenarios.bpd_push.parameters.kappa``)
        or the column name in a data file.
    code : str, optional
        The catalogue key of the message (``error.config.unknown_key``); see :meth:`of`.
    params : mapping
        The values of the message's placeholders.
    """

    message: str = ""
    file: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None
    code: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @classmethod
    def of(
        cls,
        code: str,
        /,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
        **params: Any,
    ) -> Problem:
        """A problem whose message is the catalogue text ``code`` with ``params``, written when shown."""
        return cls(render(code, params, "en"), file=file, line=line, column=column, key=key, code=code, params=params)

    def location(self, lang: str | None = None) -> str:
        """Return ``file:line:col`` (as much of it as is known; ``<input>`` / ``<masukan>`` without a file)."""
        parts = [self.file or render("error.no_file", None, lang)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def text(self, lang: str | None = None) -> str:
        """The message alone, in ``lang`` (default: the current language)."""
        return render(self.code, self.params, lang) if self.code is not None else self.message

    def render(self, lang: str | None = None) -> str:
        """``file:line:col: key: message`` in ``lang`` (default: the current language)."""
        key = f" {self.key}:" if self.key else ""
        return f"{self.location(lang)}:{key} {self.text(lang)}"

    def __str__(self) -> str:
        return self.render()


# ------------------------------------------------------------------ errors and warnings
class _Worded:
    """An exception or warning whose text is a catalogue key and its values (see :meth:`of`)."""

    code: str | None = None
    params: Mapping[str, Any] = {}
    args: tuple[Any, ...]

    @classmethod
    def of(cls, code: str, /, **params: Any) -> Any:
        """The exception (or warning) with the catalogue text ``code``, written in the language of the moment."""
        obj = cast(Any, cls)(render(code, params, "en"))
        obj.code = code
        obj.params = params
        return obj

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        if self.code is not None:
            return render(self.code, self.params, lang)
        if len(self.args) == 1:
            from growth8.i18n import current_lang

            return str(_shown(self.args[0], lang or current_lang()))
        return Exception.__str__(self)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.render()


#: Exit codes of the command line. 2: a user's mistake (bad input, an output that exists without ``--force``,
#: an output folder another run is writing to). 74 (``EX_IOERR`` of sysexits.h): the operating system refused a
#: read or write (:class:`FileSystemError`). 130 / 143: interrupted (Ctrl-C / SIGTERM). 141 (128 + SIGPIPE): the
#: reader of the console output went away (``growth8 ... | head``); outputs are written before anything is printed,
#: so they are complete. 1: a bug in growth8.
EXIT_USAGE = 2
EXIT_OS_ERROR = 74
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
EXIT_TERMINATED = 143


class Growth8Error(_Worded, Exception):
    """Base class of every error growth8 raises on purpose.

    ``Growth8Error.of(code, **params)`` (and each subclass's) takes its words from the catalogue.
    """

    exit_code = EXIT_USAGE


class InputError(Growth8Error):
    """One or more problems in a user's input; holds all of them.

    Parameters
    ----------
    problems : sequence of Problem
        Every problem found, in file order. All are reported at once.
    """

    kind = "input"

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__(self.render("en"))

    def render(self, lang: str | None = None) -> str:
        """The header and every problem, one a line, in ``lang`` (default: the current language)."""
        from growth8.i18n import current_lang

        lang = lang or current_lang()
        n = len(self.problems)
        kind = Text(f"error.kind.{self.kind}")
        head = render("error.problems.one" if n == 1 else "error.problems.many", {"n": n, "kind": kind}, lang)
        return head + ":\n" + "\n".join(f"  {p.render(lang)}" for p in self.problems)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,))


class ConfigError(InputError):
    """A scenario configuration (YAML) is invalid."""

    kind = "configuration"


class DataError(InputError):
    """A bundled or user-supplied data file is invalid."""

    kind = "data"


class ModelError(Growth8Error):
    """The model cannot produce a meaningful result for these inputs."""


class OutputExistsError(Growth8Error):
    """An output file exists and ``--force`` was not given (``error.output_exists.one`` / ``.many`` / ``.link``)."""


class OutputLockedError(Growth8Error):
    """Another growth8 run is writing to the same output folder (``error.output_locked``); exit code 2."""


class FileSystemError(Growth8Error):
    """The operating system refused to read or write a file: disk full, permission denied, read-only file system,
    a file where a folder is expected or a folder where a file is expected (``error.os.*``).

    Not the user's input and not a bug in growth8: its exit code is :data:`EXIT_OS_ERROR` (74, ``EX_IOERR``).
    """

    exit_code = EXIT_OS_ERROR


class Growth8Warning(_Worded, UserWarning):
    """Base class of growth8's warnings (filter them all with this class).

    ``Growth8Warning.of(code, **params)`` takes its words from the catalogue; ``Growth8Warning(problem)``
    shows a :class:`Problem` (with its location) in the language of the moment.
    """


class SoftBoundWarning(Growth8Warning):
    """A parameter is inside its hard bounds but outside its usual range."""


class DataFolderWarning(Growth8Warning):
    """The run uses the installed copy of the data while the working folder holds a different ``data/``."""


# ------------------------------------------------------------------ did you mean
def suggestion(word: Any, choices: Iterable[Any], n: int = 3) -> Text | str:
    """The " (did you mean 'x'?)" hint as a :class:`Text` (written when shown), or ``""``."""
    pool = [str(c) for c in choices]
    lowered = {c.lower(): c for c in pool}
    close = difflib.get_close_matches(str(word).lower(), list(lowered), n=n, cutoff=0.6)
    return suggest_names([lowered[c] for c in close])


def suggest_names(names: Iterable[Any]) -> Text | str:
    """The " (did you mean 'a' or 'b'?)" hint for these names, or ``""`` when there are none."""
    names = tuple(names)
    return Text("error.did_you_mean", names=OneOf(names)) if names else ""


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest choices, or ``""`` (in the current language).

    In a message that is shown later, use :func:`suggestion` (a text written when shown).

    Examples
    --------
    >>> did_you_mean("depreciaton", ["depreciation", "capital_share"])
    " (did you mean 'depreciation'?)"
    """
    return str(suggestion(word, choices, n))

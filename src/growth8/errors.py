"""Typed errors and warnings of growth8.

Every error a user can cause carries *where* (file, line, column, key), *what*
(the value) and *how to fix it* (allowed range, a "did you mean"). The CLI turns
any :class:`Growth8Error` into one clear message and exit code 2; it never shows
a traceback for them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    Parameters
    ----------
    message : str
        What is wrong and how to fix it, in one sentence or two.
    file : str, optional
        The file the problem is in.
    line, column : int, optional
        1-based position in the file, when known.
    key : str, optional
        Dotted path of the offending key (``scenarios.bpd_push.parameters.kappa``)
        or the column name in a data file.
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None

    def location(self) -> str:
        """Return ``file:line:col`` (as much of it as is known)."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        return f"{self.location()}:{key} {self.message}"


class Growth8Error(Exception):
    """Base class of every error growth8 raises on purpose."""

    exit_code = 2


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
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in {self.kind}"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class ConfigError(InputError):
    """A scenario configuration (YAML) is invalid."""

    kind = "configuration"


class DataError(InputError):
    """A bundled or user-supplied data file is invalid."""

    kind = "data"


class ModelError(Growth8Error):
    """The model cannot produce a meaningful result for these inputs."""


class OutputExistsError(Growth8Error):
    """An output file exists and ``--force`` was not given."""


class Growth8Warning(UserWarning):
    """Base class of growth8's warnings (filter them all with this class)."""


class SoftBoundWarning(Growth8Warning):
    """A parameter is inside its hard bounds but outside its usual range."""


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest choices, or ``""``.

    Examples
    --------
    >>> did_you_mean("depreciaton", ["depreciation", "capital_share"])
    " (did you mean 'depreciation'?)"
    """
    pool = [str(c) for c in choices]
    lowered = {c.lower(): c for c in pool}
    close = difflib.get_close_matches(str(word).lower(), list(lowered), n=n, cutoff=0.6)
    if not close:
        return ""
    names = " or ".join(f"'{lowered[c]}'" for c in close)
    return f" (did you mean {names}?)"

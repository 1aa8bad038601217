"""Immutable results, one shape for all: ``summary()`` -> Summary, ``table()``, a tidy ``to_frame()``, ``facts()``.

A result never recomputes the model: it reshapes the engine's arrays into the output contract
(projection.csv, target.csv, ...), a long frame, the summary facts and plain words.
"""

from growth8.results.facts import ProjectionFacts, TargetFacts
from growth8.results.projection import PROJECTION_COLUMNS, ProjectionResult
from growth8.results.target import TARGET_COLUMNS, TargetResult
from growth8.results.uncertainty import SensitivityResult, SweepResult, UncertaintyResult

__all__ = [
    "PROJECTION_COLUMNS",
    "TARGET_COLUMNS",
    "ProjectionFacts",
    "ProjectionResult",
    "SensitivityResult",
    "SweepResult",
    "TargetFacts",
    "TargetResult",
    "UncertaintyResult",
]

"""The config stage: YAML files -> a validated, immutable :class:`ScenarioConfig`.

- :mod:`growth8.config.yamlio`: a strict YAML reader that keeps the position of every key;
- :mod:`growth8.config.parameters`: the self-documenting parameter catalogue (configs/defaults.yaml);
- :mod:`growth8.config.schema`: the pydantic models of each block and :class:`ScenarioConfig`;
- :mod:`growth8.config.checks`: checks beyond the schema, every problem located in its file;
- :mod:`growth8.config.load`: the ``extends:`` chain, layers, and :func:`load_scenario`.

The config stage never loads data: the pipeline hands it a province resolver built from the panel.
"""

from growth8.config.checks import target_growth_problem
from growth8.config.load import load_scenario
from growth8.config.schema import (
    CalibrationSpec,
    DistSpec,
    Override,
    ProvinceTarget,
    ScenarioConfig,
    ScenarioSpec,
    SensitivitySpec,
    SweepSpec,
    TargetSpec,
    UncertaintySpec,
)

__all__ = [
    "CalibrationSpec",
    "DistSpec",
    "Override",
    "ProvinceTarget",
    "ScenarioConfig",
    "ScenarioSpec",
    "SensitivitySpec",
    "SweepSpec",
    "TargetSpec",
    "UncertaintySpec",
    "load_scenario",
    "target_growth_problem",
]

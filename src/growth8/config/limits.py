"""The ceilings growth8 checks before any work starts, in one place.

Every input a user can type is bounded so that no run goes on for minutes or exhausts memory without
being told: a value above its ceiling is refused with a message that names the ceiling. The same
numbers are documented in configs/README.md ("Limits").

Examples
--------
>>> MAX_CONFIG_BYTES
1048576
>>> MAX_GRID_POINTS
100000
"""

from __future__ import annotations

#: Largest config file read (bytes): 1 MiB. Scenario files are a few kB; a larger one is refused before parsing.
MAX_CONFIG_BYTES = 1024 * 1024

#: Deepest nesting of mappings and lists in a config file. A scenario file needs about 8 levels.
MAX_YAML_DEPTH = 32

#: Most values (scalars, mappings, lists) a config file may hold once its YAML aliases (``*name``) are
#: expanded: a file of a few anchors can otherwise expand to billions of values ("billion laughs").
MAX_YAML_NODES = 200_000

#: Largest Monte Carlo draw count a run accepts (``--draws``, ``uncertainty.draws``); for many provinces
#: MAX_DRAW_CELLS binds first.
MAX_DRAWS = 1_000_000

#: Most Monte Carlo work one run may ask for: draws x scenarios x provinces, about a minute on one core (the
#: engine projects some 300,000 province-scenario draws a second). The default config's 2 scenarios and 2
#: provinces reach MAX_DRAWS first; for all 38 provinces the most draws is 210,526.
MAX_DRAW_CELLS = 16_000_000

#: Largest chunk of draws projected at once (``uncertainty.chunk``): its working memory grows with it.
MAX_CHUNK = 10_000

#: Allowed range of ``uncertainty.histogram_bins`` (bins per scenario, province and year).
MIN_HISTOGRAM_BINS, MAX_HISTOGRAM_BINS = 16, 65_536

#: Most memory the Monte Carlo may keep for its quantiles and its largest chunk (bytes): 4 GiB.
MAX_MONTE_CARLO_BYTES = 4 * 1024**3

#: Most points a sweep grid may have (the product of the number of values of every lever).
MAX_GRID_POINTS = 100_000

#: Most problems listed for one config; a file with more gets a last line saying so.
MAX_REPORTED_PROBLEMS = 100

#: Most rows a sweep may write (grid points x provinces): about 100 MB of sweep.csv and 20 seconds.
MAX_SWEEP_ROWS = 1_000_000

#: Largest seed (exclusive): seeds are whole numbers from 0 to 2**63 - 1.
SEED_LIMIT = 2**63

__all__ = [
    "MAX_CHUNK",
    "MAX_CONFIG_BYTES",
    "MAX_DRAWS",
    "MAX_DRAW_CELLS",
    "MAX_GRID_POINTS",
    "MAX_HISTOGRAM_BINS",
    "MAX_MONTE_CARLO_BYTES",
    "MAX_REPORTED_PROBLEMS",
    "MAX_SWEEP_ROWS",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "MIN_HISTOGRAM_BINS",
    "SEED_LIMIT",
]

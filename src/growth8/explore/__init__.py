"""``growth8 explore``: the scenario explorer in the browser (a local server and one page).

The page only draws; every number comes from the library through :class:`growth8.explore.session.Explorer`
(the same loader, validation and pipeline as the command line). See docs/explore.md.
"""

from growth8.explore.server import make_server
from growth8.explore.session import LEVERS, SCENARIO, Explorer

__all__ = ["LEVERS", "SCENARIO", "Explorer", "make_server"]

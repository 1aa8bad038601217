"""The report draws its figures with :mod:`growth8.figures.draw` (the charts results ``plot()`` too)."""

from growth8.figures.draw import figure_svg, render

__all__ = ["figure_svg", "render"]

"""The ``growth8`` command line (see :mod:`growth8.cli.app`)."""

from growth8.cli.app import app, run

__all__ = ["app", "run"]

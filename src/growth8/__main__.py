"""``python -m growth8`` runs the command line."""

from .cli import run

run()

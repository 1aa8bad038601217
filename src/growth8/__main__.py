"""``python -m growth8`` runs the command line."""

from growth8.cli.app import run

run()

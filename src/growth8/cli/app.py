"""The ``growth8`` command line: the typer app, its command groups, and the console-script entry point.

Each command parses its options, calls one library function (:mod:`growth8.pipeline`), prints and writes.
Heavy libraries are imported inside the commands so that ``growth8 --help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from growth8._version import __version__

app = typer.Typer(
    name="growth8",
    help=(
        "What will it take for a province to grow 8%? Project provincial real GRDP under "
        "BPD lending scenarios (YAML configs) and see which limits bind."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


data_app = typer.Typer(help="List the bundled data series and show a province's history.", invoke_without_command=True)


app.add_typer(data_app, name="data")


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"growth8 {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """growth8 command line."""


from growth8.cli import analysis, data, estimate, project, report  # noqa: E402

project.register(app)
data.register(data_app)
analysis.register(app)
estimate.register(app)
report.register(app)


def run() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    run()

"""The ``growth8`` command line: the typer app, its command groups, and the console-script entry point.

Each command parses its options, calls one library function (:mod:`growth8.pipeline`), prints and writes.
Heavy libraries are imported inside the commands so that ``growth8 --help`` stays fast.

Conventions every command follows (tested in ``tests/cli/test_conventions.py``): ``-h`` and ``--help`` show
help; every command that prints words takes ``--lang id|en``; flags show no ``<bool>`` placeholder; the
``--out`` default each help text states is the folder the command writes to. Ctrl-C handling lives in
:mod:`growth8.__main__`, which the console script runs.
"""

from __future__ import annotations

import os
import sys


def _started_as_console_script() -> bool:
    """Whether this process is the ``growth8`` console script (an install whose script imports this module)."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        return False  # python -m growth8 installs its handling itself; a REPL, pytest, ... are left alone
    name = os.path.basename(getattr(main, "__file__", None) or "")
    for suffix in (".exe", "-script.pyw", "-script.py"):
        name = name.removesuffix(suffix)
    return name == "growth8"


from growth8 import __main__ as _entry  # noqa: E402  # the standard library only: Ctrl-C handling

if _started_as_console_script():  # pragma: no cover - exercised by the subprocess tests
    # Ctrl-C while typer and the commands import must already print one line (see growth8.__main__).
    _entry.install()

from typing import Annotated, Any  # noqa: E402

import typer  # noqa: E402
from typer.core import TyperCommand, TyperGroup  # noqa: E402

from growth8._version import __version__  # noqa: E402

#: ``-h`` is help everywhere (no command gives ``-h`` another meaning).
CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


def _tidy_params(params: list[Any]) -> list[Any]:
    """Flags show no ``<bool>`` placeholder in --help; ``--lang`` shows its two values."""
    for param in params:
        if getattr(param, "param_type_name", "") != "option":
            continue
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
        elif param.name == "lang" and param.metavar is None:
            param.metavar = "<id|en>"
    return params


class _Conventions:
    """The help conventions above, and the Ctrl-C bookkeeping, for a command or a group (a mixin)."""

    def get_params(self, ctx: Any) -> list[Any]:
        """The parameters (and the help option), tidied for --help."""
        return _tidy_params(super().get_params(ctx))  # type: ignore[misc]

    def invoke(self, ctx: Any) -> Any:
        """Run it; an exit after Ctrl-C means it has printed its one line (see growth8.__main__)."""
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except typer.Exit:
            _entry.note_exit()
            raise


class Growth8Command(_Conventions, TyperCommand):
    """A growth8 command: typer's, with the help conventions above."""


class Growth8Group(_Conventions, TyperGroup):
    """A growth8 command group: typer's, with the help conventions above."""


app = typer.Typer(
    name="growth8",
    help=(
        "What will it take for a province to grow 8%? Project provincial real GRDP under "
        "lending, investment and budget scenarios (YAML configs), see which limits bind and who "
        "could finance the gap."
    ),
    cls=Growth8Group,
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


data_app = typer.Typer(
    help="List the bundled data series and show a province's history.",
    cls=Growth8Group,
    context_settings=CONTEXT_SETTINGS,
    invoke_without_command=True,
)


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


from growth8.cli import analysis, data, estimate, explore, project, report  # noqa: E402

project.register(app)
data.register(data_app)
analysis.register(app)
estimate.register(app)
report.register(app)
explore.register(app)

for _typer_app in (app, data_app):
    for _info in _typer_app.registered_commands:
        if _info.cls in (None, TyperCommand):  # typer's default: growth8's conventions instead
            _info.cls = Growth8Command
        _info.context_settings = {**CONTEXT_SETTINGS, **(_info.context_settings or {})}


def run() -> None:
    """Console-script entry point (also of installs whose script still names ``growth8.cli:run``).

    Runs :func:`growth8.__main__.run`: Ctrl-C handling first, then this app.
    """
    _entry.run()


if __name__ == "__main__":  # pragma: no cover
    run()

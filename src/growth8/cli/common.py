"""What every command shares: failures turned into one message and an exit code, printing, writing outputs.

Exit codes: 0 done; 1 a bug in growth8; 2 a user's mistake (growth8's errors: bad input, an output in the way
without ``--force``, an output folder another run is writing to); 74 (``EX_IOERR``) the operating system
refused a read or write; 130 / 143 interrupted (Ctrl-C / SIGTERM); 141 the console's reader went away (a
closed pipe, ``growth8 ... | head``), after the outputs were written in full.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from growth8.cli.options import F


def _err(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")


def handled(func: F) -> F:
    """Run a command: every failure becomes one plain message and an exit code; warnings print plainly.

    The exit codes (:mod:`growth8.errors`): 2 for growth8's errors caused by the user (bad input, an output in
    the way without ``--force``, an output folder another run is writing to); 74 (``EX_IOERR``) when the
    operating system refuses a read or write (disk full, permission denied, read-only, a file where a folder
    is expected, a folder where a file is expected), with the path and the system's reason; 130 / 143 when
    interrupted (Ctrl-C / SIGTERM); 141 (128 + SIGPIPE, what a shell reports for any program whose reader went
    away) when the console's reader closed the pipe (``growth8 ... | head``): quietly, as outputs are written
    before anything is printed they are complete; 1 for a bug in growth8. When a command fails after its
    outputs were written in full, the message says so instead of "no output was written".

    The command's ``lang`` option (when it has one) sets the language of every message while it runs.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from growth8.errors import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, Growth8Error
        from growth8.i18n import LANGS, t, using
        from growth8.outputs import os_failure, recording_writes

        given = kwargs.get("lang")
        lang = given if isinstance(given, str) and given in LANGS else "en"
        with using(lang), warnings.catch_warnings(record=True) as caught, recording_writes() as written:
            from growth8.errors import Growth8Warning

            warnings.simplefilter("always", Growth8Warning)
            try:
                result = func(*args, **kwargs)
            except Growth8Error as exc:
                _flush_warnings(caught)
                _err(t("cli.error", lang, message=str(exc)))
                raise typer.Exit(exc.exit_code) from None
            except KeyboardInterrupt as exc:
                _flush_warnings(caught)
                if written:
                    _err(t("cli.interrupted_written", lang, paths=_paths(written)))
                else:
                    _err(t("cli.interrupted", lang))
                raise typer.Exit(128 + getattr(exc, "signum", EXIT_INTERRUPTED - 128)) from None
            except typer.Exit:
                raise
            except SystemExit as exc:  # growth8.__main__'s Ctrl-C: it says "no output was written" unless ...
                if written and getattr(exc, "growth8_interrupt", False):  # ... the outputs were written in full
                    _flush_warnings(caught)
                    _err(t("cli.interrupted_written", lang, paths=_paths(written)))
                    raise typer.Exit(EXIT_INTERRUPTED) from None
                raise
            except BrokenPipeError:  # the console's reader went away: the outputs are written already
                _quiet_stdout()
                with contextlib.suppress(OSError):  # stderr may be the same closed pipe (2>&1 | head)
                    _flush_warnings(caught)
                raise typer.Exit(EXIT_BROKEN_PIPE) from None
            except OSError as exc:  # the operating system refused, wherever it happened: not a bug
                if os.environ.get("GROWTH8_DEBUG"):
                    raise
                failure = os_failure(exc)
                _flush_warnings(caught)
                _err(t("cli.error", lang, message=str(failure)))
                raise typer.Exit(failure.exit_code) from None
            except Exception as exc:  # a bug in growth8, not bad input
                if os.environ.get("GROWTH8_DEBUG"):
                    raise
                _flush_warnings(caught)
                kind, text = type(exc).__name__, str(exc)
                if written:
                    _err(t("cli.internal_error_written", lang, kind=kind, message=text, paths=_paths(written)))
                else:
                    _err(t("cli.internal_error", lang, kind=kind, message=text))
                raise typer.Exit(1) from None
            _flush_warnings(caught)
        return result

    return wrapper  # type: ignore[return-value]


def _paths(written: Sequence[Path]) -> str:
    return ", ".join(str(p) for p in written)


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit cannot fail again on the closed pipe."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test runner's buffer)
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, fd)
        finally:
            os.close(null)
    except OSError:
        pass


def _flush_warnings(caught: list[warnings.WarningMessage]) -> None:
    from growth8.errors import Growth8Warning
    from growth8.i18n import current_lang, t

    seen: set[str] = set()
    for w in caught:
        text = str(w.message)
        if text in seen:
            continue
        seen.add(text)
        if issubclass(w.category, Growth8Warning):
            _err(t("cli.warning", current_lang(), message=text))
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def check_lang(lang: str) -> str:
    """``lang`` if supported; an InputError naming the choices otherwise."""
    from growth8.errors import InputError, Problem
    from growth8.i18n import LANGS

    if lang not in LANGS:
        raise InputError([Problem.of("option.lang", key="--lang", choices=", ".join(LANGS), value=lang)])
    return lang


def write_outputs(
    inputs: Any,
    command: str,
    files: Mapping[str, bytes],
    *,
    out: Path | None,
    force: bool,
    extra: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write ``files`` and their run.json into the command's output folder, all or nothing.

    run.json (which lists every file with its sha256) is committed last, under the folder's lock; see
    :func:`growth8.outputs.write_files` for the protocol and what happens when a run is interrupted.
    """
    from growth8.outputs import MANIFEST, write_files

    record = inputs.record(files, extra=extra)
    folder = inputs.output_dir(command, out)
    return write_files(folder, {**files, MANIFEST: record}, force=force, manifest=MANIFEST)


def finish(
    inputs: Any,
    command: str,
    outputs: tuple[Mapping[str, bytes], Mapping[str, Any]],
    shown: Sequence[Any],
    *,
    out: Path | None,
    force: bool,
    lang: str,
) -> None:
    """The end of every analysis command: write its files and run.json, print its summaries, list the files."""
    files, extra = outputs
    written = write_outputs(inputs, command, files, out=out, force=force, extra=extra)
    for k, result in enumerate(shown):
        if k:
            typer.echo("")
        print_summary(result.summary(lang))
    report_written(written, lang)


def report_written(written: list[Path], lang: str) -> None:
    """Print the paths written, one a line."""
    from growth8.i18n import t

    typer.echo("")
    for p in written:
        typer.echo(t("cli.wrote", lang, path=p))


def print_summary(summary: Any) -> None:
    """A result's Summary: plain text when piped, rich tables on a terminal."""
    if os.environ.get("GROWTH8_PLAIN") or not sys.stdout.isatty():
        typer.echo(summary.as_text())
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{summary.title}[/bold]")
    for line in summary.lines:
        console.print(line, highlight=False)
    for caption, frame in summary.tables:
        table = Table(title=caption, title_justify="left", show_edge=False)
        for col in frame.columns:
            table.add_column(str(col), justify="right")
        for row in frame.itertuples(index=False):
            table.add_row(*[str(v) for v in row])
        console.print(table)


def with_pd_options(func: Callable[[], None]) -> None:
    """Run ``func`` with wide pandas display options."""
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_columns", 50, "display.max_rows", 500):
        func()


@contextmanager
def progress_bar(label: str, quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on a terminal; nothing when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update

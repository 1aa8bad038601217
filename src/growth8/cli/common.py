"""What every command shares: errors turned into one message and an exit code, printing, writing outputs."""

from __future__ import annotations

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
    """Run a command: growth8's errors become one message and exit code 2; warnings print plainly.

    The command's ``lang`` option (when it has one) sets the language of every message while it runs.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from growth8.errors import Growth8Error
        from growth8.i18n import LANGS, t, using

        given = kwargs.get("lang")
        lang = given if isinstance(given, str) and given in LANGS else "en"
        with using(lang), warnings.catch_warnings(record=True) as caught:
            from growth8.errors import Growth8Warning

            warnings.simplefilter("always", Growth8Warning)
            try:
                result = func(*args, **kwargs)
            except Growth8Error as exc:
                _flush_warnings(caught)
                _err(t("cli.error", lang, message=str(exc)))
                raise typer.Exit(exc.exit_code) from None
            except KeyboardInterrupt:
                _err(t("cli.interrupted", lang))
                raise typer.Exit(130) from None
            except (typer.Exit, SystemExit):
                raise
            except Exception as exc:  # a bug in growth8, not bad input
                if os.environ.get("GROWTH8_DEBUG"):
                    raise
                _err(t("cli.internal_error", lang, kind=type(exc).__name__, message=str(exc)))
                raise typer.Exit(1) from None
            _flush_warnings(caught)
        return result

    return wrapper  # type: ignore[return-value]


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
    """Write ``files`` and their run.json into the command's output folder, all or nothing."""
    from growth8.outputs import write_files

    record = inputs.record(files, extra=extra)
    return write_files(inputs.output_dir(command, out), {**files, "run.json": record}, force=force)


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

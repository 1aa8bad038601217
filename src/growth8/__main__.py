"""``python -m growth8`` and the ``growth8`` console script: Ctrl-C first, then the command line.

Ctrl-C must print one line and exit 130 at any moment, also while Python is still importing typer, numpy
and pandas (before :func:`growth8.cli.common.handled` is active). So this module imports only a few small
standard-library modules, installs its SIGINT handler, and only then imports the command line
(:mod:`growth8.cli.app`). The console script is ``growth8.__main__:run``; an install whose script still names
``growth8.cli:run`` gets the same handling from the top of :mod:`growth8.cli.app`.

How an interrupt ends the run:

1. The first SIGINT raises ``KeyboardInterrupt`` wherever the main thread is, as Python's own handler does,
   so every ``finally`` and context manager runs: worker processes are terminated
   (:mod:`growth8.analysis.executor`), partial outputs removed, progress bars closed.
2. Inside a command, :func:`growth8.cli.common.handled` turns it into its one line (``cli.interrupted``, or
   the files already written) and exit code 130. Anywhere else (imports, option parsing) :func:`run` prints
   ``cli.interrupted`` itself, in the ``--lang`` found on the command line (English when there is none), and
   exits 130. :func:`note_exit` (called by the command classes of :mod:`growth8.cli.app`) records that the
   command printed its line, so there is never a second one.
3. A second SIGINT while the first one unwinds prints the line (if it is not printed yet) and exits 130 at
   once (``os._exit``); worker processes die with their parent (see the executor).
4. Before :func:`run` is running (an install whose console script still imports ``growth8.cli`` first, which
   installs this handling at the top of :mod:`growth8.cli.app`), the interrupt unwinds the imports and
   ``sys.excepthook`` prints the line and exits 130.
5. An interrupt raised inside a finaliser (``__del__``), which Python would report and ignore, exits the same way.
6. Once the command has finished, a late SIGINT is ignored: its outputs are complete and its exit code stands.

A SIGINT that is ignored when growth8 starts (``nohup``, a background job of a non-interactive shell) stays
ignored. Before this module runs, Python's own handler is in place: a Ctrl-C in the first few milliseconds
(interpreter start-up, ``import growth8``) still ends with Python's traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from contextlib import suppress
from types import FrameType
from typing import Any

#: Exit code after Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130


_state: dict[str, Any] = {
    "installed": False,
    "running": False,
    "fired": False,
    "said": False,
    "unraisable": None,
    "excepthook": None,
}


def _lang(argv: Sequence[str]) -> str:
    """The ``--lang`` given on the command line (the last one), if it is a known language; else ``en``."""
    from growth8.i18n import LANGS

    lang = "en"
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in LANGS else "en"


def say_interrupted() -> None:
    """Print ``cli.interrupted`` on stderr, once per process, whatever else is being written."""
    if _state["said"]:
        return
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the line is being written: no second one, no traceback
    try:
        from growth8.i18n import t

        text = t("cli.interrupted", _lang(sys.argv[1:]))
    except Exception:  # the catalogue cannot be read: growth8 is broken; still say which key it was
        text = "growth8: cli.interrupted"
    _state["said"] = True
    with suppress(Exception):  # a reentrant or closed stderr: the line is written below its buffer anyway
        sys.stderr.flush()
    with suppress(OSError):
        os.write(2, (text.rstrip("\n") + "\n").encode("utf-8", "replace"))
    if previous is not None:
        signal.signal(signal.SIGINT, previous)


def note_exit() -> None:
    """A command ends (typer.Exit) after the first Ctrl-C: it has printed its one line, so :func:`run` will not."""
    if _state["fired"]:
        _state["said"] = True


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    if not _state["fired"] and not _state["running"]:
        # Still importing, before run() can catch anything (an install whose script imports growth8.cli):
        # unwind the imports, then _excepthook says it (importing the catalogue now could meet half-imported
        # modules).
        _state["fired"] = True
        raise KeyboardInterrupt
    if not _state["fired"]:
        _state["fired"] = True
        interrupt = KeyboardInterrupt()
        interrupt.signum = signum  # type: ignore[attr-defined]  # read by handled: exit code 128 + signum
        raise interrupt
    # A second Ctrl-C while the first one unwinds (cleaning up took too long): stop now.
    say_interrupted()
    os._exit(EXIT_INTERRUPTED)


def _excepthook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
    """An interrupt that reached the top before :func:`run` was running: say it and exit 130."""
    if isinstance(value, KeyboardInterrupt):
        say_interrupted()
        with suppress(Exception):
            sys.stdout.flush()
        os._exit(EXIT_INTERRUPTED)
    previous = _state["excepthook"] or sys.__excepthook__
    previous(kind, value, tb)


def _unraisable(info: Any) -> None:
    """An interrupt raised inside a finaliser (``__del__``, a weakref callback) would be swallowed: exit."""
    if isinstance(info.exc_value, KeyboardInterrupt):
        say_interrupted()
        os._exit(EXIT_INTERRUPTED)
    previous = _state["unraisable"] or sys.__unraisablehook__
    previous(info)


def install() -> None:
    """Install the Ctrl-C handling of the command line (idempotent; main thread only).

    Keeps an inherited ``SIG_IGN``; replaces only Python's default handler (which prints a traceback).
    """
    if _state["installed"]:
        return
    try:
        current = signal.getsignal(signal.SIGINT)
        if current is signal.default_int_handler or current == signal.SIG_DFL:
            signal.signal(signal.SIGINT, _on_sigint)
    except ValueError:  # not the main thread: leave signals alone
        return
    _state["installed"] = True
    _state["unraisable"] = sys.unraisablehook
    sys.unraisablehook = _unraisable
    _state["excepthook"] = sys.excepthook
    sys.excepthook = _excepthook


def run() -> None:
    """Console-script entry point: install the Ctrl-C handling, then import and run the command line."""
    install()
    _state["running"] = True
    code: int | str | None = 0
    try:
        from growth8.cli.app import app

        app()
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:  # while importing, before typer runs
        code = EXIT_INTERRUPTED
    finally:
        if _state["installed"] and not _state["fired"]:
            # The command has finished: its outputs are complete; a late Ctrl-C does not change the outcome.
            with suppress(ValueError):
                signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _state["fired"] and code not in (0, None) and not _state["said"]:
        say_interrupted()  # interrupted outside a command: nobody has said so yet
        code = EXIT_INTERRUPTED
    raise SystemExit(code)


if __name__ == "__main__":  # python -m growth8
    # Run the importable copy (growth8.__main__), so that the command line and this entry share one state.
    from growth8.__main__ import run as _run

    _run()

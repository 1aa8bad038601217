"""Ctrl-C, a killed parent and an unreachable dask scheduler end a run cleanly.

Ctrl-C is sent as a terminal sends it: SIGINT to the whole process group (the command and its workers). At any
moment (while Python still imports, while workers start, while they compute) it prints exactly one line, no
traceback, and exits 130. Killing only the main process leaves no worker behind. ``--engine dask`` with a
scheduler nobody listens on is a plain error (exit 2) in seconds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from growth8.analysis.executor import execute
from growth8.cli import app
from growth8.i18n import t
from helpers import CONFIGS

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX signals and process groups")

CONFIG = str(CONFIGS / "default.yaml")
#: Long enough that a run is still going when it is interrupted (about 4 s alone, far more under load).
DRAWS = "50000"
SCRIPT = Path(sys.executable).with_name("growth8")
ENTRIES = {"python -m growth8": [sys.executable, "-m", "growth8"]}
if SCRIPT.exists():
    ENTRIES["growth8 (console script)"] = [str(SCRIPT)]


def start(entry: list[str], *args: str, cwd: Path) -> subprocess.Popen[bytes]:
    """Start growth8 in its own process group (as a shell starts a foreground job)."""
    env = {**os.environ, "GROWTH8_PLAIN": "1"}
    env.pop("GROWTH8_DEBUG", None)
    return subprocess.Popen(
        [*entry, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def ctrl_c(proc: subprocess.Popen[bytes]) -> None:
    """What a terminal's Ctrl-C does: SIGINT to every process of the foreground group."""
    os.killpg(proc.pid, signal.SIGINT)


def finish(proc: subprocess.Popen[bytes], timeout: float = 60) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err.decode("utf-8", "replace")


def before_growth8_ran(code: int, err: str) -> bool:
    """Interrupted by Python's own handler, in the interpreter's first milliseconds (before ``import growth8``
    finished), the one window growth8 cannot reach: growth8's handling never exits by SIGINT itself."""
    return code == -signal.SIGINT and "growth8/__main__" not in err and "growth8/cli" not in err


def interrupted_run(
    entry: list[str],
    delay: float,
    tmp_path: Path,
    *extra: str,
    send: Callable[[subprocess.Popen[bytes]], None] = ctrl_c,
) -> tuple[int, str, Path]:
    for attempt in range(4):  # each retry waits twice as long: a slow start-up needs more than 0.05 s to reach us
        out = tmp_path / f"out{attempt}"
        proc = start(entry, "project", CONFIG, "--out", str(out), "--draws", DRAWS, *extra, cwd=tmp_path)
        time.sleep(delay * 2**attempt)
        send(proc)
        code, err = finish(proc)
        if not before_growth8_ran(code, err):
            return code, err, out
    return code, err, out


def assert_one_line(code: int, err: str, lang: str = "en") -> None:
    assert "Traceback" not in err, err
    assert err.splitlines() == [t("cli.interrupted", lang)], err
    assert code == 130, err


# ----------------------------------------------------------------------------- Ctrl-C
@pytest.mark.parametrize("entry", sorted(ENTRIES), ids=str)
@pytest.mark.parametrize("delay", [0.05, 1.0], ids=["while-importing", "while-computing"])
def test_ctrl_c_prints_one_line_and_exits_130(entry: str, delay: float, tmp_path: Path) -> None:
    code, err, out = interrupted_run(ENTRIES[entry], delay, tmp_path)
    assert_one_line(code, err)
    assert not out.exists() or not any(out.iterdir())


def test_ctrl_c_speaks_the_lang_given_even_before_the_options_are_read(tmp_path: Path) -> None:
    code, err, _ = interrupted_run(ENTRIES["python -m growth8"], 0.05, tmp_path, "--lang", "id")
    assert_one_line(code, err, "id")


def test_a_second_ctrl_c_while_stopping_still_prints_one_line(tmp_path: Path) -> None:
    def twice(proc: subprocess.Popen[bytes]) -> None:
        ctrl_c(proc)
        time.sleep(0.02)
        ctrl_c(proc)

    code, err, _ = interrupted_run(ENTRIES["python -m growth8"], 1.0, tmp_path, send=twice)
    assert_one_line(code, err)


# ----------------------------------------------------------------------------- worker processes
try:
    import psutil
except ImportError:  # pragma: no cover - psutil is a test dependency of the venv, not of growth8
    psutil = None
needs_psutil = pytest.mark.skipif(psutil is None, reason="psutil lists the worker processes")


def workers_of(parent: object) -> list[object]:
    try:
        return [p for p in parent.children(recursive=True) if "popen_loky" in " ".join(p.cmdline())]  # type: ignore[attr-defined]
    except psutil.Error:
        return []


def wait_for_workers(proc: subprocess.Popen[bytes], n: int, timeout: float = 30) -> list[object]:
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = workers_of(parent)
        if len(found) >= n:
            return found
        assert proc.poll() is None, finish(proc)
        time.sleep(0.01)
    raise AssertionError("the workers did not start")


def gone(processes: list[object], timeout: float = 5) -> list[object]:
    """The processes still alive (not zombies) after up to ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    alive = processes
    while time.monotonic() < deadline:
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]  # type: ignore[attr-defined]
        if not alive:
            break
        time.sleep(0.05)
    return alive


@needs_psutil
@pytest.mark.parametrize("after", [0.0, 0.3], ids=["as-workers-start", "while-workers-import"])
def test_ctrl_c_while_workers_start_prints_one_line_and_stops_them(after: float, tmp_path: Path) -> None:
    proc = start(ENTRIES["python -m growth8"], "project", CONFIG, "--draws", DRAWS, "--jobs", "2", cwd=tmp_path)
    first = wait_for_workers(proc, 1)
    time.sleep(after)
    everyone = psutil.Process(proc.pid).children(recursive=True) or first
    ctrl_c(proc)
    code, err = finish(proc)
    assert_one_line(code, err)
    assert gone(everyone) == [], "worker processes outlived the interrupted command"


@needs_psutil
def test_killing_the_parent_leaves_no_workers(tmp_path: Path) -> None:
    proc = start(ENTRIES["python -m growth8"], "project", CONFIG, "--draws", DRAWS, "--jobs", "2", cwd=tmp_path)
    wait_for_workers(proc, 2)
    time.sleep(0.3)  # computing
    everyone = psutil.Process(proc.pid).children(recursive=True)
    proc.kill()  # SIGKILL: no cleanup in the parent at all
    proc.wait(timeout=10)
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    assert gone(everyone) == [], "workers kept running after their parent was killed"


THREADED = """
import threading, time
from growth8.analysis.executor import execute
threading.Thread(target=lambda: list(execute(time.sleep, [60] * 4, jobs=2)), daemon=True).start()
time.sleep(120)
"""


@needs_psutil
def test_workers_started_from_a_thread_die_with_their_parent_too(tmp_path: Path) -> None:
    """A pool started off the main thread (a server's request thread) relies on the workers' own watch."""
    proc = start([sys.executable, "-c", THREADED], cwd=tmp_path)
    wait_for_workers(proc, 2)
    everyone = psutil.Process(proc.pid).children(recursive=True)
    proc.kill()
    proc.wait(timeout=10)
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    assert gone(everyone) == [], "workers kept running after their parent was killed"


def test_workers_ignore_ctrl_c_and_results_keep_task_order() -> None:
    assert list(execute(signal.getsignal, [signal.SIGINT] * 4, jobs=2)) == [signal.SIG_IGN] * 4
    assert list(execute(abs, [-3, 1, -2, 5, -8, 13, -21], jobs=3)) == [3, 1, 2, 5, 8, 13, 21]


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_failing_task_stops_the_workers_and_the_next_run_starts_afresh() -> None:
    for _ in range(3):  # with tasks still queued when the pool stops (loky's manager thread must not raise)
        with pytest.raises(ValueError):
            list(execute(int, ["1", "x", *["2"] * 20], jobs=2))
        assert list(execute(int, ["7", "8", "9"], jobs=2)) == [7, 8, 9]


# ----------------------------------------------------------------------------- dask
def test_unreachable_dask_scheduler_is_a_plain_error_in_seconds(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    address = "tcp://127.0.0.1:1"
    started = time.monotonic()
    proc = start(
        ENTRIES["python -m growth8"],
        *["project", CONFIG, "--draws", "50", "--engine", "dask", "--scheduler", address, "--out", "o"],
        cwd=tmp_path,
    )
    code, err = finish(proc, timeout=30)
    assert time.monotonic() - started < 15
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert t("error.analysis.dask_unreachable", "en", address=address, seconds="5") in " ".join(err.split())


def test_a_malformed_dask_address_is_refused_at_once(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    args = ["sweep", str(CONFIGS / "bengkulu.yaml"), "--grid", "bpd_credit_growth=0.1,0.3", "--out", str(tmp_path)]
    result = CliRunner().invoke(app, [*args, "--engine", "dask", "--scheduler", "nonsense", "--lang", "id"])
    assert result.exit_code == 2, result.output
    assert t("error.analysis.dask_address", "id", address="nonsense") in result.output


# ----------------------------------------------------------------------------- the report's chart workers
def chart_workers_of(proc: subprocess.Popen[bytes], n: int = 2, timeout: float = 30) -> list[object]:
    """The report's forked chart workers, once ``n`` of them run."""
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = parent.children(recursive=True)
        if len(found) >= n:
            return found
        assert proc.poll() is None, finish(proc)
        time.sleep(0.01)
    raise AssertionError("the chart workers did not start")


@needs_psutil
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the chart workers are forked on Linux only")
@pytest.mark.parametrize("after", [0.0, 2.0], ids=["as-workers-warm-up", "while-the-analyses-run"])
def test_ctrl_c_during_a_report_prints_one_line_and_stops_the_chart_workers(after: float, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    proc = start(ENTRIES["python -m growth8"], "report", CONFIG, "-o", str(out), "--jobs", "2", cwd=tmp_path)
    everyone = chart_workers_of(proc)
    time.sleep(after)
    ctrl_c(proc)
    code, err = finish(proc)
    assert_one_line(code, err)
    assert gone(everyone) == [], "chart workers outlived the interrupted report"
    assert not out.exists()


@needs_psutil
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the chart workers are forked on Linux only")
def test_killing_a_report_leaves_no_chart_workers(tmp_path: Path) -> None:
    report = ("report", CONFIG, "-o", str(tmp_path / "r.pdf"), "--jobs", "2")
    proc = start(ENTRIES["python -m growth8"], *report, cwd=tmp_path)
    everyone = chart_workers_of(proc, 1)
    time.sleep(0.5)
    proc.kill()  # SIGKILL: the workers' own watch (and Linux's parent-death signal) must end them
    proc.wait(timeout=10)
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    assert gone(everyone) == [], "chart workers kept running after the report was killed"

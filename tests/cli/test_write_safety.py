"""Outputs are written all or nothing, under the output folder's lock, with the user's umask, never through a link.

The operating system's refusals (disk full, permission, read-only, a file where a folder is expected, ...) get a
plain message and exit code 74; a closed console pipe (``| head``) ends quietly with 141 after the outputs are
written; the xlsx report is byte-identical across builds under SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import textwrap
import time
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from growth8 import outputs
from growth8.cli import app
from growth8.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_OS_ERROR,
    FileSystemError,
    Growth8Warning,
)
from growth8.i18n import using
from helpers import CONFIGS

runner = CliRunner()
BANTEN = str(CONFIGS / "banten.yaml")
BENGKULU = str(CONFIGS / "bengkulu.yaml")


def project(out: Path, *extra: str, config: str = BANTEN):
    return runner.invoke(app, ["project", config, "--out", str(out), *extra])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry of ``folder`` (hidden ones too) with its bytes; a link as ``link -> target``."""
    found: dict[str, bytes] = {}
    for entry in sorted(os.listdir(folder)):
        path = folder / entry
        found[entry] = (b"link -> " + os.readlink(path).encode()) if path.is_symlink() else path.read_bytes()
    return found


OUTPUT_SET = """
import json
from growth8 import outputs

def output_set(tag):
    files = {name: f"{name} of {tag}\\n".encode() * 50 for name in ("x.csv", "y.csv")}
    listed = {n: {"sha256": outputs.sha256_bytes(d), "bytes": len(d)} for n, d in files.items()}
    return {**files, "z.json": json.dumps({"outputs": listed}).encode()}
"""
_defined: dict[str, Any] = {}
exec(OUTPUT_SET, _defined)  # one definition, for this module and for the subprocesses below
#: Three files and their manifest z.json (names growth8's commands never write): output_set(tag) -> {name: bytes}.
output_set = _defined["output_set"]


def no_growth8_files(folder: Path) -> bool:
    """No lock, staging folder or temporary file of growth8 in ``folder``."""
    return not [n for n in os.listdir(folder) if n.startswith(".growth8") or n.endswith(".tmp")]


# ------------------------------------------------------------------------------------------ the lock
def test_second_run_refused_while_the_lock_is_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outputs, "LOCK_WAIT_SECONDS", 0.2)
    out = tmp_path / "out"
    out.mkdir()
    with outputs.folder_lock(out):  # another run is writing
        result = project(out)
        assert result.exit_code == 2, result.output
        assert f"another growth8 run is writing to {out}" in result.output
        assert "internal error" not in result.output
        assert os.listdir(out) == [outputs.LOCK_NAME]
        result = runner.invoke(app, ["project", BANTEN, "--out", str(out), "--lang", "id"])
        assert result.exit_code == 2 and "proses growth8 lain sedang menulis" in result.output
    assert os.listdir(out) == []  # the lock file goes with the lock
    result = project(out)
    assert result.exit_code == 0, result.output
    assert outputs.verify_set(out) == [] and no_growth8_files(out)


CONCURRENT = (
    OUTPUT_SET
    + """
import os, sys, time
from growth8.errors import OutputExistsError, OutputLockedError

out, tag, go = sys.argv[1:]
print("ready", flush=True)
while not os.path.exists(go):  # every run starts writing at the same moment
    time.sleep(0.0005)
try:
    outputs.write_files(out, output_set(tag), manifest="z.json")
    print("wrote", flush=True)
except OutputExistsError:
    print("exists", flush=True)
except OutputLockedError:
    print("locked", flush=True)
"""
)


def test_concurrent_runs_on_one_out_write_one_whole_set(tmp_path: Path) -> None:
    out, go = tmp_path / "out", tmp_path / "go"
    runs = {
        f"run{k}": subprocess.Popen(
            [sys.executable, "-c", CONCURRENT, str(out), f"run{k}", str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(6)
    }
    for proc in runs.values():  # all started and waiting
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    go.touch()
    outcome = {}
    for tag, proc in runs.items():
        said, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        outcome[tag] = said.strip()
    winners = [tag for tag, what in outcome.items() if what == "wrote"]
    assert len(winners) == 1, outcome  # never two: the check and the write happen under one lock
    assert set(outcome.values()) <= {"wrote", "exists", "locked"}
    assert snapshot(out) == output_set(winners[0])
    assert outputs.verify_set(out, "z.json") == []


# ------------------------------------------------------------------------------------------ all or nothing
@pytest.mark.parametrize("before", ["old set", "nothing"])
def test_failure_between_renames_leaves_the_old_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    out = tmp_path / "out"
    if before == "old set":
        assert project(out).exit_code == 0
        old = snapshot(out)
    real = os.replace
    commits = {"n": 0}

    def flaky(src, dst, *args, **kwargs):  # the second rename of an output into place fails
        if Path(dst).parent == out and not Path(dst).name.startswith("."):
            commits["n"] += 1
            if commits["n"] == 2:
                raise OSError(errno.EIO, os.strerror(errno.EIO), str(src), None, str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", flaky)
    result = project(out, "--force", config=BENGKULU)
    assert result.exit_code == EXIT_OS_ERROR, result.output
    assert f"{out / 'parameters.csv'}: the operating system refused" in result.output
    assert "nothing was written" in result.output and "internal error" not in result.output
    if before == "old set":
        assert snapshot(out) == old  # every old file back, nothing else: no temporary file
        assert outputs.verify_set(out) == []
    else:
        assert not out.exists()  # the folder the run created goes too
    assert os.listdir(tmp_path) == (["out"] if before == "old set" else [])


KILLED = (
    OUTPUT_SET
    + """
import os, sys

step = sys.argv[2]
if step == "commit":  # killed after the first output was renamed into place
    real = os.replace
    def dying(src, dst, *args, **kwargs):
        real(src, dst, *args, **kwargs)
        os._exit(9)
    os.replace = dying
else:  # killed while the temporary files were being written
    real = outputs._write_new
    def dying(path, data):
        real(path, data)
        os._exit(9)
    outputs._write_new = dying
outputs.write_files(sys.argv[1], output_set("new"), force=True, manifest="z.json")
"""
)


@pytest.mark.parametrize("step", ["commit", "staging"])
def test_a_killed_run_is_undone_by_the_next_write(tmp_path: Path, step: str) -> None:
    out = tmp_path / "out"
    outputs.write_files(out, output_set("old"), manifest="z.json")
    died = subprocess.run([sys.executable, "-c", KILLED, str(out), step], capture_output=True, timeout=60)
    assert died.returncode == 9, died.stderr.decode()
    staging = [n for n in os.listdir(out) if n.startswith(outputs.STAGING_PREFIX)]
    assert len(staging) == 1  # what kill -9 leaves: no finally ran
    if step == "commit":
        assert outputs.verify_set(out, "z.json") == ["x.csv"]  # a mixed set, before recovery
    result = project(out)  # any write into the folder recovers it first, under the lock
    assert result.exit_code == 0, result.output
    said = "was stopped while it was replacing the outputs" if step == "commit" else "before it replaced any output"
    assert "growth8: warning:" in result.output and said in result.output
    now = snapshot(out)
    assert {k: now[k] for k in output_set("old")} == output_set("old")
    assert outputs.verify_set(out, "z.json") == [] and outputs.verify_set(out) == []
    assert set(now) == {"x.csv", "y.csv", "z.json", "projection.csv", "parameters.csv", "run.json"}


def test_interrupt_during_the_write_undoes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    outputs.write_files(out, output_set("old"), manifest="z.json")
    real = os.replace
    commits = {"n": 0}

    def interrupted(src, dst, *args, **kwargs):
        real(src, dst, *args, **kwargs)
        commits["n"] += 1
        if commits["n"] == 1:
            raise outputs.WriteTerminated(15)  # what SIGTERM raises while a write is in progress

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        outputs.write_files(out, output_set("new"), force=True, manifest="z.json")
    assert snapshot(out) == output_set("old")


# ------------------------------------------------------------------------------------------ links and modes
@pytest.mark.parametrize("kind", ["dangling", "to a file"])
def test_a_link_at_an_output_path_is_refused_without_force(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    pointed = tmp_path / "elsewhere.csv"
    if kind == "to a file":
        pointed.write_text("someone else's file\n")
    (out / "projection.csv").symlink_to(pointed)
    result = project(out)
    assert result.exit_code == 2, result.output
    assert "symbolic link" in result.output and "--force" in result.output
    assert (out / "projection.csv").is_symlink() and os.readlink(out / "projection.csv") == str(pointed)
    assert os.listdir(out) == ["projection.csv"]
    if kind == "to a file":
        assert pointed.read_text() == "someone else's file\n"
    else:
        assert not pointed.exists()
    result = project(out, "--force")
    assert result.exit_code == 0, result.output
    assert not (out / "projection.csv").is_symlink()  # the link itself replaced ...
    assert (out / "projection.csv").read_text().startswith("scenario,")
    if kind == "to a file":  # ... never the file it pointed to
        assert pointed.read_text() == "someone else's file\n"
    else:
        assert not pointed.exists()


@pytest.fixture
def keep_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_outputs_get_the_users_umask(tmp_path: Path, keep_umask: None, mask: int, mode: int) -> None:
    os.umask(mask)
    out = tmp_path / "new" / "out"
    result = project(out)
    assert result.exit_code == 0, result.output
    for name in ("projection.csv", "parameters.csv", "run.json"):
        assert (out / name).stat().st_mode & 0o777 == mode, name
    for folder in (out, out.parent):  # folders created for the outputs too
        assert folder.stat().st_mode & 0o777 == 0o777 & ~mask
    report = tmp_path / "r.md"
    result = runner.invoke(app, ["report", BANTEN, "-o", str(report), "--no-estimation", "--draws", "0"])
    assert result.exit_code == 0, result.output
    assert report.stat().st_mode & 0o777 == mode


# ------------------------------------------------------------------------------------------ the operating system
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 24 KiB tmpfs (root only): room for projection.csv, not for the whole set."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _assert_disk_full(result, lang: str = "en") -> None:
    assert result.exit_code == EXIT_OS_ERROR, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    if lang == "en":
        assert "no space left on the device" in result.output and "nothing was written" in result.output
    else:
        assert "ruang penyimpanan pada perangkat sudah penuh" in result.output


def test_disk_full_on_a_small_tmpfs(small_disk: Path) -> None:
    out = small_disk / "out"
    result = project(out)
    _assert_disk_full(result)
    assert f"{out / 'parameters.csv'}:" in result.output
    assert os.listdir(small_disk) == []  # nothing left behind: no temporary file, not even the folder
    result = runner.invoke(app, ["report", BANTEN, "-o", str(small_disk / "r.xlsx"), "--no-estimation", "--draws", "0"])
    _assert_disk_full(result)
    assert os.listdir(small_disk) == []


@pytest.mark.parametrize("lang", ["en", "id"])
def test_disk_full_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    real = os.write

    def full(fd: int, data: bytes) -> int:
        if fd > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    out = tmp_path / "out"
    monkeypatch.setattr(os, "write", full)
    result = runner.invoke(app, ["project", BANTEN, "--out", str(out), "--lang", lang])
    _assert_disk_full(result, lang)
    assert os.listdir(tmp_path) == []
    # over an existing set, with --force: the old set stays
    monkeypatch.setattr(os, "write", real)
    assert project(out).exit_code == 0
    old = snapshot(out)
    monkeypatch.setattr(os, "write", full)
    _assert_disk_full(project(out, "--force", config=BENGKULU))
    assert snapshot(out) == old


def test_read_only_file_system(tmp_path: Path) -> None:
    disk = tmp_path / "ro"
    disk.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting needs root")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(disk)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs")
    try:
        result = project(disk / "out")
        assert result.exit_code == EXIT_OS_ERROR, result.output
        assert f"{disk / 'out'}: the file system is read-only" in result.output
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: refuse as the system would
        real = os.mkdir

        def refused(path, *args, **kwargs):
            if Path(path).parent == locked:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, "mkdir", refused)
    else:
        locked.chmod(0o555)
    try:
        result = project(locked / "out")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == EXIT_OS_ERROR, result.output
    assert f"{locked / 'out'}: permission denied" in result.output and "internal error" not in result.output
    assert os.listdir(locked) == []


def test_out_names_a_file_and_a_folder_is_where_a_file_goes(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine\n")
    for out in (a_file, a_file / "sub"):
        result = project(out)
        assert result.exit_code == EXIT_OS_ERROR, result.output
        assert f"{a_file} is not a folder" in result.output and "internal error" not in result.output
    assert a_file.read_text() == "mine\n" and os.listdir(tmp_path) == ["notes.txt"]
    out = tmp_path / "out"
    (out / "projection.csv").mkdir(parents=True)  # a folder where a file is to be written: even with --force
    result = project(out, "--force")
    assert result.exit_code == EXIT_OS_ERROR, result.output
    assert f"{out / 'projection.csv'} is a folder" in result.output
    assert os.listdir(out) == ["projection.csv"]
    with pytest.raises(FileSystemError, match="is a folder"):
        outputs.check_target(out / "projection.csv", force=True)


def test_missing_parent_folders(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c.md"
    result = runner.invoke(app, ["report", BANTEN, "-o", str(deep), "--no-estimation", "--draws", "0"])
    assert result.exit_code == 0, result.output  # missing folders are created ...
    assert deep.read_bytes().startswith(b"---\n")
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere")
    result = project(tmp_path / "broken" / "out")  # ... unless a dangling link is in the way
    assert result.exit_code == EXIT_OS_ERROR, result.output
    assert f"{tmp_path / 'broken'} is not a folder" in result.output
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "no space left on the device"),
        (errno.EDQUOT, "no space left on the device"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.EROFS, "the file system is read-only"),
        (errno.ENOTDIR, "is not a folder"),
        (errno.EISDIR, "is a folder"),
        (errno.ENOENT, "no such file or folder"),
        (errno.ENAMETOOLONG, "the name is too long"),
        (errno.EIO, "the operating system refused"),
    ],
)
def test_every_os_failure_names_the_path_and_the_reason(code: int, words: str) -> None:
    failure = outputs.os_failure(OSError(code, os.strerror(code), "some/path"))
    assert failure.exit_code == EXIT_OS_ERROR
    text = str(failure)
    assert "some/path" in text and words in text and os.strerror(code) in text
    with using("id"):
        assert "some/path" in str(failure) and words not in str(failure)


def test_an_os_error_anywhere_is_not_called_a_bug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import growth8.pipeline

    def unreadable(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), "data/provincial.csv")

    monkeypatch.setattr(growth8.pipeline, "project", unreadable)
    result = project(tmp_path / "out")
    assert result.exit_code == EXIT_OS_ERROR, result.output
    assert "data/provincial.csv: permission denied" in result.output and "bug" not in result.output


# ------------------------------------------------------------------------------------------ the console
def test_closed_console_pipe_exits_quietly_with_outputs_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def closed(*args, **kwargs):
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    out = tmp_path / "out"
    monkeypatch.setattr(typer, "echo", closed)
    result = project(out)
    assert result.exit_code == EXIT_BROKEN_PIPE
    assert "error" not in result.output and "no output was written" not in result.output
    assert outputs.verify_set(out) == [] and no_growth8_files(out)


def test_growth8_piped_into_head(tmp_path: Path) -> None:
    """A real closed pipe: ``python -m growth8 project ... | head -0``."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "growth8", "project", BANTEN, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before the first line
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == EXIT_BROKEN_PIPE, err
    assert err == ""  # no "internal error", no "Exception ignored ... BrokenPipeError"
    assert outputs.verify_set(out) == []


def test_a_bug_after_the_outputs_were_written_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import growth8.cli.common

    def broken(summary):
        raise RuntimeError("summary broke")

    monkeypatch.setattr(growth8.cli.common, "print_summary", broken)
    out = tmp_path / "out"
    result = project(out)
    assert result.exit_code == 1
    assert "internal error: RuntimeError: summary broke" in result.output
    assert "after the outputs were written in full" in result.output and str(out / "run.json") in result.output
    assert "no output was written" not in result.output
    assert outputs.verify_set(out) == []


# ------------------------------------------------------------------------------------------ names
@pytest.mark.parametrize(("file_name", "folder"), [("...yaml", "config"), ("..yaml", "config"), (".yaml", "yaml")])
def test_odd_config_names_write_under_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_name: str, folder: str
) -> None:
    config = tmp_path / file_name
    config.write_text(
        textwrap.dedent(f"""\
            format: 1
            extends: {CONFIGS / "default.yaml"}
            provinces: [banten]
            """)
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["project", file_name])
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(tmp_path)) == sorted([file_name, "reports"])  # nothing in the working folder
    assert (tmp_path / "reports" / folder / "run.json").is_file()
    result = runner.invoke(app, ["target", file_name])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reports" / folder / "target" / "target.csv").is_file()


@pytest.mark.parametrize("stem", ["..", ".", "", " . ", ".hidden", "a/b", "CON", "x" * 300, "é" * 120, "ok"])
def test_default_paths_are_always_one_name_under_reports(stem: str) -> None:
    import growth8.pipeline as pipeline

    report = pipeline.default_report_path(stem, "pdf")
    assert report.parent == Path("reports")
    assert not report.name.startswith(".") and len(report.name.encode()) <= 120
    name = outputs.safe_name(stem)
    assert name not in ("", ".", "..") and "/" not in name and not name.startswith(".")
    assert len(name.encode()) <= 100


# ------------------------------------------------------------------------------------------ reproducible bytes
def test_xlsx_is_byte_identical_across_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built = []
    for k in range(2):
        if k:
            time.sleep(2.1)  # a zip entry's date has a 2-second resolution: make the wall clock differ
        out = tmp_path / f"r{k}.xlsx"
        result = runner.invoke(app, ["report", BANTEN, "-o", str(out), "--no-estimation", "--draws", "0"])
        assert result.exit_code == 0, result.output
        built.append(out.read_bytes())
    assert built[0] == built[1]
    with zipfile.ZipFile(io.BytesIO(built[0])) as book:
        assert {info.date_time for info in book.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = book.read("docProps/core.xml").decode()
    assert core.count("2023-11-14T22:13:20Z") == 2  # created and modified
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(built[0]))
    assert wb.properties.created == wb.properties.modified and wb.properties.created.year == 2023


def test_what_a_killed_run_left_is_removed_and_said(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".growth8-abc.staging" / "new").mkdir(parents=True)  # stopped while staging
    (out / ".growth8-abc.staging" / "new" / "x.csv").write_text("half")
    (out / ".growth8-def.staging" / "old").mkdir(parents=True)  # stopped after its commit point
    (out / ".growth8-def.staging" / "old" / "x.csv").write_text("the previous x")
    with pytest.warns(Growth8Warning, match="before it replaced any output") as said:
        outputs.write_files(out, output_set("new"), manifest="z.json")
    assert len([w for w in said if issubclass(w.category, Growth8Warning)]) == 1
    assert snapshot(out) == output_set("new")


def test_interrupted_after_the_outputs_were_written_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import growth8.cli.common

    class Interrupted(SystemExit):  # what growth8.__main__ raises on Ctrl-C
        growth8_interrupt = True

    def interrupted(summary):
        raise Interrupted(130)

    monkeypatch.setattr(growth8.cli.common, "print_summary", interrupted)
    out = tmp_path / "out"
    result = project(out)
    assert result.exit_code == 130
    assert "interrupted after the outputs were written in full" in result.output
    assert "no output was written" not in result.output
    assert outputs.verify_set(out) == []

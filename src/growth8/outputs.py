"""Writing outputs: all or nothing, never over an existing file or link without ``force``, with a run record.

How an output set is written (:func:`write_files`)
--------------------------------------------------
1. **Lock.** The output folder is created if missing (each folder with the user's umask) and locked for the whole
   write: an exclusive ``flock`` on ``<folder>/.growth8.lock``, removed afterwards. A second run writing to the
   same folder waits up to :data:`LOCK_WAIT_SECONDS`, then stops with :class:`~growth8.errors.OutputLockedError`
   ("another growth8 run is writing to <folder>", exit code 2). Every check below happens under the lock, so two
   runs can never both write the same set.
2. **Recover.** A run that was killed (``kill -9``, power loss) while writing leaves a staging folder
   ``<folder>/.growth8-*.staging``; it is dealt with first (see *Recovery*) and reported as a warning.
3. **Check.** An existing output path, a symbolic link included (dangling or not), stops the run with
   :class:`~growth8.errors.OutputExistsError` unless ``force``; a link is never followed, and with ``force`` the
   link itself is replaced, never the file it points to. A folder where a file is to be written is an
   operating-system error even with ``force``.
4. **Stage.** Every file is written, flushed and fsynced into ``<staging>/new/``, created with mode ``0o666`` so
   that it gets exactly ``0o666 & ~umask`` (no 0600 temporary files). With ``force``, each output that will be
   replaced is hard-linked (copied where links are not supported) into ``<staging>/old/``.
5. **Journal.** ``<staging>/journal.json`` lists every file (whether it existed, the new file's sha256) and is
   fsynced: from here on the old set can be restored.
6. **Commit.** Each file is renamed into place (``os.replace``, atomic per file), the data files first and the
   manifest (``run.json``, which lists every file with its sha256) **last**; the folder is fsynced and the
   journal removed: that removal is the commit point. The staging folder is then removed.

Any failure before the commit point (an exception, Ctrl-C, SIGTERM, disk full) restores the old set from
``old/`` and removes every temporary file (``try``/``finally``) before the error is reported: a folder holds the
old set or the new one, never a mix, and no temporary file remains.

Recovery
--------
When a process dies without running its ``finally`` (``SIGKILL``, power loss), the next write into that folder
(under the lock) finds the staging folder. With a journal, the interrupted commit is rolled back: every output
that was replaced is restored from ``old/`` and every output that did not exist before (recognised by its
sha256) is removed, and a warning says so (``warning.outputs.restored``). Without a journal, either no output
had been touched (files in ``new/``: ``warning.outputs.cleaned``) or the commit had completed (only copies of
the old files remain: nothing to say). Either way the staging folder is removed. :func:`verify_set` checks a
set against its run.json.

Operating-system failures (disk full, permission denied, read-only file system, a file where a folder is
expected, a folder where a file is expected, ...) become :class:`~growth8.errors.FileSystemError` (exit code 74,
``EX_IOERR``) naming the path and the system's reason: see :func:`os_failure`.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import errno
import hashlib
import json
import os
import platform
import shutil
import signal
import sys
import tempfile
import threading
import time
import unicodedata
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

from growth8._version import __version__
from growth8.errors import FileSystemError, Growth8Warning, OutputExistsError, OutputLockedError, Text

#: The lock file in an output folder, held while a set is written (removed afterwards).
LOCK_NAME = ".growth8.lock"
#: Staging folders: ``.growth8-<random>.staging`` in the output folder, removed after every write.
STAGING_PREFIX = ".growth8-"
STAGING_SUFFIX = ".staging"
#: The journal of a commit in progress, inside the staging folder.
JOURNAL = "journal.json"
#: The manifest of an output set, written last.
MANIFEST = "run.json"
#: How long a run waits for another run writing to the same folder before it stops (seconds).
LOCK_WAIT_SECONDS = 2.0

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
#: flock errors meaning "this file system cannot lock": the write goes on unlocked rather than not at all.
_NO_LOCKING = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EINVAL}
#: Where a hard link cannot be made, the old file is copied into the staging folder instead.
_NO_LINKS = {errno.EPERM, errno.EACCES, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}
_OS_KEYS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EROFS: "read_only",
    errno.ENOTDIR: "not_a_folder",
    errno.EISDIR: "is_a_folder",
    errno.ENOENT: "not_found",
    errno.ENAMETOOLONG: "name_too_long",
}
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{k}" for k in range(1, 10)), *(f"LPT{k}" for k in range(1, 10))}


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def created_at() -> str:
    """UTC timestamp of the run; honours SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
        if epoch and epoch.isdigit()
        else _dt.datetime.now(tz=_dt.UTC).replace(microsecond=0)
    )
    return moment.isoformat().replace("+00:00", "Z")


def run_record(
    *,
    command: Sequence[str],
    config_path: str,
    config_hash: str,
    config_files: Mapping[str, str],
    data_dir: str,
    data_hash: str,
    seed: int,
    outputs: Mapping[str, bytes],
    extra: Mapping[str, Any] | None = None,
) -> bytes:
    """The run.json record as bytes: version, config and data hashes, seed, command, outputs (with sha256)."""
    import numpy
    import pandas

    record: dict[str, Any] = {
        "package": "growth8",
        "version": __version__,
        "command": list(command),
        "config": {"path": config_path, "hash": config_hash, "files": dict(config_files)},
        "data": {"dir": data_dir, "hash": data_hash},
        "seed": seed,
        "created_at": created_at(),
        "outputs": {name: {"sha256": sha256_bytes(data), "bytes": len(data)} for name, data in outputs.items()},
        "environment": {
            "python": platform.python_version(),
            "numpy": numpy.__version__,
            "pandas": pandas.__version__,
            "platform": sys.platform,
        },
    }
    if extra:
        record.update(extra)
    return (json.dumps(record, indent=2, sort_keys=False) + "\n").encode("utf-8")


def csv_bytes(frame: Any) -> bytes:
    """A DataFrame as CSV bytes with a fixed float format (byte-reproducible)."""
    return frame.to_csv(index=False, float_format="%.10g", lineterminator="\n").encode("utf-8")


# ------------------------------------------------------------------------------------------ names
def safe_name(stem: str, fallback: str = "config", max_bytes: int = 100) -> str:
    """A config's name made safe as one file or folder name under reports/.

    Characters no file system takes (``/ \\ : * ? " < > |``, control characters) become ``_``; leading and
    trailing dots and spaces go (so ``.``, ``..`` and hidden names cannot arise: the stem of ``...yaml`` is
    ``..``); an empty result is ``fallback``; Windows device names (``CON``, ``NUL``, ...) get a ``_``; a name
    longer than ``max_bytes`` in UTF-8 is cut and ends with 8 hex digits of its sha256, so it stays unique.

    Examples
    --------
    >>> safe_name(".."), safe_name(""), safe_name(".hidden"), safe_name("banten")
    ('config', 'config', 'hidden', 'banten')
    >>> safe_name("a/b: c?"), safe_name("nul")
    ('a_b_ c_', 'nul_')
    """
    name = "".join(
        "_" if ch in '/\\:*?"<>|' or unicodedata.category(ch) in ("Cc", "Cf") else ch
        for ch in unicodedata.normalize("NFC", stem)
    )
    name = name.strip(". \t") or fallback
    if name.split(".")[0].upper() in _WINDOWS_DEVICES:
        name += "_"
    if len(name.encode("utf-8")) > max_bytes:
        digest = sha256_bytes(stem.encode("utf-8"))[:8]
        while len(name.encode("utf-8")) > max_bytes - 9:
            name = name[:-1]
        name = f"{name.rstrip('. ')}-{digest}"
    return name


# ------------------------------------------------------------------------------------------ OS failures
def os_failure(exc: OSError, path: str | os.PathLike[str] | None = None, *, writing: bool = False) -> FileSystemError:
    """The operating system's refusal as a :class:`~growth8.errors.FileSystemError` (exit code 74).

    Parameters
    ----------
    exc : OSError
        Its ``errno`` chooses the message: disk full (``ENOSPC``, ``EDQUOT``), permission denied (``EACCES``,
        ``EPERM``), read-only file system (``EROFS``), not a folder (``ENOTDIR``), a folder where a file is
        expected (``EISDIR``), not found (``ENOENT``), name too long; anything else names the system's reason.
    path : path-like, optional
        The path to name (default: the exception's own ``filename``).
    writing : bool
        The failure stopped a write of growth8's outputs, which left nothing behind: the message says so.
    """
    key = _OS_KEYS.get(exc.errno or -1, "other")
    where: Any = path if path is not None else exc.filename
    shown: Any = os.fspath(where) if where is not None else Text("error.os.unknown_path")
    if isinstance(shown, bytes):
        shown = os.fsdecode(shown)
    reason = exc.strerror or str(exc) or type(exc).__name__
    outcome: Any = Text("error.os.nothing_written") if writing else ""
    return FileSystemError.of(f"error.os.{key}", path=shown, reason=reason, outcome=outcome)


def _error(code: int, path: Path) -> OSError:
    """An OSError as the system would raise it for ``path``."""
    return OSError(code, os.strerror(code), str(path))


# ------------------------------------------------------------------------------------------ what was written
_WRITTEN: contextvars.ContextVar[list[Path] | None] = contextvars.ContextVar("growth8_written", default=None)


@contextmanager
def recording_writes() -> Iterator[list[Path]]:
    """Collect, inside the block, the paths :func:`write_files` committed (the CLI states them if it then fails)."""
    written: list[Path] = []
    token = _WRITTEN.set(written)
    try:
        yield written
    finally:
        _WRITTEN.reset(token)


class WriteTerminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived while outputs were being written; the write was undone before this was raised."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise WriteTerminated(signum)


@contextmanager
def _signals_undo() -> Iterator[None]:
    """Inside the block, SIGTERM and SIGHUP (when nobody else handles them) raise, so the write is undone."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# ------------------------------------------------------------------------------------------ the folder lock
def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents (with the umask); return the folders created, outermost first."""
    missing: list[Path] = []
    here = folder
    while not here.is_dir():
        if os.path.lexists(here):
            if here.is_dir():  # another run made it between the two looks
                break
            raise _error(errno.ENOTDIR, here)
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    created: list[Path] = []
    for path in reversed(missing):
        try:
            os.mkdir(path)
        except FileExistsError:
            if not path.is_dir():
                raise _error(errno.ENOTDIR, path) from None
            continue
        created.append(path)
    return created


def _remove_folders(created: list[Path]) -> None:
    """Remove the folders a failed write created, innermost first, where they are still empty."""
    for path in reversed(created):
        try:
            os.rmdir(path)
        except OSError:
            return


if sys.platform == "win32":  # pragma: no cover - growth8 is run on POSIX systems

    def _try_lock(path: Path) -> int | None:
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
        except FileExistsError:
            return None

else:
    import fcntl

    def _try_lock(path: Path) -> int | None:
        """An open descriptor of the lock file ``path``, locked; None while another process holds it."""
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return None
            except OSError as exc:
                if exc.errno in _NO_LOCKING:  # a file system without locks: write unlocked rather than not at all
                    return fd
                os.close(fd)
                raise
            except BaseException:
                os.close(fd)
                raise
            try:  # the file may have been removed (and re-created) by the run that held it: lock the current one
                same = os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False))
            except FileNotFoundError:
                same = False
            if same:
                return fd
            os.close(fd)


@contextmanager
def folder_lock(folder: str | os.PathLike[str], wait: float | None = None) -> Iterator[Path]:
    """Hold the exclusive lock on an existing output folder (``<folder>/.growth8.lock``) inside the block.

    Parameters
    ----------
    folder : path-like
    wait : float, optional
        Seconds to wait for another run to finish (default :data:`LOCK_WAIT_SECONDS`).

    Raises
    ------
    OutputLockedError
        Another run held the lock for longer than ``wait``.
    """
    folder = Path(folder)
    path = folder / LOCK_NAME
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
    while (fd := _try_lock(path)) is None:
        if time.monotonic() >= deadline:
            raise OutputLockedError.of("error.output_locked", folder=str(folder))
        time.sleep(0.05)
    try:
        yield path
    finally:
        if sys.platform == "win32":  # pragma: no cover - an open file cannot be removed there
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)  # still locked: a waiting run sees the file gone and locks a new one
        if sys.platform != "win32":
            os.close(fd)


# ------------------------------------------------------------------------------------------ files and folders
def _fsync_folder(folder: Path) -> None:
    """Make renames and removals in ``folder`` durable (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist) with mode 0o666 less the umask, write ``data`` and fsync it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_old(target: Path, backup: Path) -> None:
    """Keep the output ``target`` (a file or a link) at ``backup``: a hard link, else a copy."""
    if target.is_symlink():
        os.symlink(os.readlink(target), backup)
        return
    try:
        os.link(target, backup)
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        shutil.copy2(target, backup)


def _file_sha256(path: Path) -> str | None:
    try:
        if path.is_symlink() or not path.is_file():
            return None
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


def _plain(name: Any) -> bool:
    """A plain file name: no folder, not ``.``/``..``, not growth8's own lock or staging names."""
    return (
        isinstance(name, str)
        and name not in ("", ".", "..", LOCK_NAME)
        and os.path.basename(name) == name
        and "/" not in name
        and "\\" not in name
        and not name.startswith(STAGING_PREFIX)
    )


def _roll_back(folder: Path, staging: Path) -> bool:
    """Undo the commit a staging folder's journal describes; False when there is no (complete) journal."""
    journal = staging / JOURNAL
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return False  # no journal: no output had been touched
    for entry in entries:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not _plain(name):
            continue
        target, backup = folder / name, staging / "old" / name
        if os.path.lexists(backup):
            os.replace(backup, target)
        elif not entry.get("existed") and _file_sha256(target) == entry.get("sha256"):
            os.unlink(target)  # new in the interrupted run: it did not exist before
    _fsync_folder(folder)
    os.unlink(journal)
    return True


def _staging_folders(folder: Path) -> list[Path]:
    """The staging folders runs left in ``folder`` (none while a run holds the lock and is not writing)."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.is_dir(follow_symlinks=False))
    except FileNotFoundError:
        return []
    return [folder / n for n in names if n.startswith(STAGING_PREFIX) and n.endswith(STAGING_SUFFIX)]


def recover(folder: str | os.PathLike[str]) -> bool:
    """Finish what a killed run left in ``folder`` (call under :func:`folder_lock`): see *Recovery* above.

    Returns
    -------
    bool
        Whether anything was found (then a warning says what was done).
    """
    folder = Path(folder)
    found = False
    for staging in _staging_folders(folder):
        restored = _roll_back(folder, staging)
        try:
            with os.scandir(staging / "new") as entries:
                staged = any(True for _ in entries)
        except OSError:
            staged = False
        shutil.rmtree(staging)
        found = True
        if restored:
            warnings.warn(Growth8Warning.of("warning.outputs.restored", folder=str(folder)), stacklevel=3)
        elif staged:  # stopped while staging: no output had been touched
            warnings.warn(Growth8Warning.of("warning.outputs.cleaned", folder=str(folder)), stacklevel=3)
        # else: stopped after its commit point (only the old files' copies were left) or before staging anything
    return found


def verify_set(folder: str | os.PathLike[str], manifest: str = MANIFEST) -> list[str]:
    """The files the manifest lists whose bytes are missing or differ from its sha256 (empty: the set is whole)."""
    folder = Path(folder)
    record = json.loads((folder / manifest).read_text(encoding="utf-8"))
    return [
        name
        for name, entry in record.get("outputs", {}).items()
        if _file_sha256(folder / name) != (entry or {}).get("sha256")
    ]


def check_target(path: str | os.PathLike[str], force: bool) -> None:
    """Refuse an output file path early: a folder there (always) or anything there, a link too, without ``force``.

    Raises
    ------
    FileSystemError
        ``path`` is a folder.
    OutputExistsError
        Something (a file, a symbolic link, dangling or not) is at ``path`` and ``force`` is false.
    """
    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        raise os_failure(_error(errno.EISDIR, path))
    if os.path.lexists(path) and not force:
        _refuse([path])


def _refuse(existing: list[Path]) -> NoReturn:
    links = [str(p) for p in existing if p.is_symlink()]
    paths = ", ".join(str(p) for p in existing)
    if links:
        raise OutputExistsError.of("error.output_exists.link", paths=paths, links=", ".join(links))
    code = "error.output_exists.one" if len(existing) == 1 else "error.output_exists.many"
    raise OutputExistsError.of(code, paths=paths)


# ------------------------------------------------------------------------------------------ the write
def write_files(
    out_dir: str | os.PathLike[str],
    files: Mapping[str, bytes],
    *,
    force: bool = False,
    manifest: str | None = MANIFEST,
) -> list[Path]:
    """Write every file into ``out_dir``, all or nothing, under the folder's lock (see the module's docstring).

    Parameters
    ----------
    out_dir : path-like
        Created if missing.
    files : mapping of file name to bytes
        Plain file names (no folders).
    force : bool
        Replace existing files and links (a link itself, never what it points to). Without it anything at an
        output path is an error and nothing is written.
    manifest : str, optional
        The file committed last (the run record, which lists the others with their sha256); default run.json
        when it is among ``files``.

    Returns
    -------
    list of Path
        The written paths, in the order of ``files``.

    Raises
    ------
    OutputExistsError
        Something is at an output path and ``force`` is false.
    OutputLockedError
        Another run is writing to the folder.
    FileSystemError
        The operating system refused (disk full, permission, read-only, a file where the folder should be, a
        folder where a file should be, ...); nothing was written and no temporary file remains.
    """
    folder = Path(out_dir)
    bad = [name for name in files if not _plain(name)]
    if bad:
        raise ValueError(f"output names must be plain file names, not {bad!r}")
    order = [n for n in files if n != manifest] + ([manifest] if manifest is not None and manifest in files else [])
    targets = {name: folder / name for name in files}
    where = [folder]  # the path named if the operating system refuses: the user's, never a temporary one
    try:
        with _signals_undo():
            created = _make_folders(folder)
            try:
                with folder_lock(folder):
                    recover(folder)
                    for name in order:
                        where[0] = targets[name]
                        if where[0].is_dir() and not where[0].is_symlink():
                            raise _error(errno.EISDIR, where[0])
                    where[0] = folder
                    existing = [targets[n] for n in order if os.path.lexists(targets[n])]
                    if existing and not force:
                        _refuse(existing)
                    _stage_and_commit(folder, files, order, existing, where)
            except BaseException:
                _remove_folders(created)
                raise
    except OSError as exc:
        raise os_failure(exc, _shown_path(exc, where[0]), writing=True) from exc
    written = [targets[name] for name in files]
    recorded = _WRITTEN.get()
    if recorded is not None:
        recorded.extend(written)
    return written


def _shown_path(exc: OSError, where: Path) -> Path | str:
    """The path to name for ``exc``: its own, unless that is growth8's lock or staging file (then ``where``)."""
    name = exc.filename
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if not isinstance(name, str | os.PathLike):
        return where
    text = os.fspath(name)
    if STAGING_PREFIX in text or os.path.basename(text) == LOCK_NAME:
        return where
    return text


def _stage_and_commit(
    folder: Path,
    files: Mapping[str, bytes],
    order: list[str],
    existing: list[Path],
    where: list[Path],
) -> None:
    """Steps 4 to 6: stage the files (and the old ones), write the journal, rename into place, clean up.

    ``where[0]`` is kept at the output path being worked on, for the message if the system refuses.
    """
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, suffix=STAGING_SUFFIX, dir=folder))
    keep = False
    try:
        new, old = staging / "new", staging / "old"
        os.mkdir(new)
        os.mkdir(old)
        for name in order:
            where[0] = folder / name
            _write_new(new / name, files[name])
        for target in existing:
            where[0] = target
            _keep_old(target, old / target.name)
        where[0] = folder
        there = {p.name for p in existing}
        journal = {
            "files": [{"name": n, "existed": n in there, "sha256": sha256_bytes(files[n])} for n in order],
        }
        _write_new(staging / JOURNAL, (json.dumps(journal, indent=1) + "\n").encode("utf-8"))
        _fsync_folder(staging)
        try:
            for name in order:
                where[0] = folder / name
                os.replace(new / name, folder / name)
            where[0] = folder
            _fsync_folder(folder)
            os.unlink(staging / JOURNAL)  # the commit point
        except BaseException:
            try:
                _roll_back(folder, staging)
            except BaseException:
                keep = True  # the journal stays: the next write into this folder restores the old set
            raise
    finally:
        if not keep:
            shutil.rmtree(staging, ignore_errors=True)

"""Writing outputs: atomically, never over an existing file without ``force``, with a run record."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import platform
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from growth8._version import __version__
from growth8.errors import OutputExistsError


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
    """The run.json record as bytes: version, config and data hashes, seed, command, outputs."""
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


def write_files(out_dir: str | Path, files: Mapping[str, bytes], *, force: bool = False) -> list[Path]:
    """Write every file into ``out_dir`` atomically, or none of them.

    Parameters
    ----------
    out_dir : str or Path
        Created if missing.
    files : mapping of file name to bytes
    force : bool
        Replace existing files. Without it an existing file is an error and
        nothing is written.

    Returns
    -------
    list of Path
        The written paths.

    Raises
    ------
    OutputExistsError
        When a file exists and ``force`` is false.
    """
    folder = Path(out_dir)
    targets = {name: folder / name for name in files}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing and not force:
        code = "error.output_exists.one" if len(existing) == 1 else "error.output_exists.many"
        raise OutputExistsError.of(code, paths=", ".join(existing))
    folder.mkdir(parents=True, exist_ok=True)
    temps: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            temps.append((name, Path(tmp_name)))
        for name, tmp in temps:
            os.replace(tmp, targets[name])
    finally:
        for _, tmp in temps:
            if tmp.exists():
                tmp.unlink()
    return list(targets.values())


def csv_bytes(frame: Any) -> bytes:
    """A DataFrame as CSV bytes with a fixed float format (byte-reproducible)."""
    return frame.to_csv(index=False, float_format="%.10g", lineterminator="\n").encode("utf-8")

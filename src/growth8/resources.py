"""Where the bundled configs are: the installed package, or the source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_dir(name: str) -> Path | None:
    """Return the bundled folder ``name`` (``configs`` or ``data``), if any.

    A wheel carries the folders inside the package (``growth8/configs``); an
    editable install or a source checkout has them at the repository root.
    """
    try:
        packaged = Path(str(resources.files("growth8") / name))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - defensive
        packaged = None
    if packaged is not None and packaged.is_dir():
        return packaged
    for parent in Path(__file__).resolve().parents:
        candidate = parent / name
        if (parent / "pyproject.toml").is_file() and candidate.is_dir():
            return candidate
    return None


def defaults_path() -> Path:
    """Return the path of the bundled ``configs/defaults.yaml``."""
    folder = bundled_dir("configs")
    if folder is None:  # pragma: no cover - broken installation
        raise FileNotFoundError("growth8's bundled configs/ folder is missing; reinstall growth8")
    return folder / "defaults.yaml"


def default_config_path() -> Path:
    """Return ``configs/default.yaml`` in the working directory if present, else the bundled one."""
    local = Path("configs") / "default.yaml"
    if local.is_file():
        return local
    folder = bundled_dir("configs")
    if folder is None:  # pragma: no cover - broken installation
        raise FileNotFoundError("growth8's bundled configs/ folder is missing; reinstall growth8")
    return folder / "default.yaml"

"""A running explorer server on a free loopback port, shared by the explorer tests (default config)."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator

import pytest

import growth8
from growth8.explore import Explorer, make_server
from helpers import CONFIGS


@pytest.fixture(scope="session")
def explorer_url() -> Iterator[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        explorer = Explorer.open(CONFIGS / "default.yaml")
    server = make_server(explorer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()

"""The explorer's local web server: Python's standard library only, the page and its script served from the package.

Routes (JSON in and out unless stated):

- ``GET /`` the page; ``GET /static/<file>`` its script and style (no CDN: works offline);
- ``GET /api/state?lang=id`` provinces, levers with their baseline values, the page's words;
- ``POST /api/evaluate`` ``{"province", "values", "lang"}`` -> growth, investment, financing table;
- ``POST /api/maxima`` the same body -> the two maximum growth rates and the probability (the slow part);
- ``POST /api/scenario`` the same body -> the scenario YAML (text) extending the config;
- ``POST /api/report`` the same body -> the PDF report of that scenario.

A request the library refuses gets status 400 and ``{"problems": [{"key", "message"}]}`` with the same
messages a YAML file would get; anything else that goes wrong is a 500 with one line, and the server
goes on. It binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlparse

from growth8.errors import Growth8Error
from growth8.explore.session import Explorer
from growth8.i18n import LANGS

#: Files the page may fetch, with their content types.
STATIC = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}
#: The largest request body accepted (the settings are a few hundred bytes).
MAX_BODY = 64 * 1024


def _static(name: str) -> bytes:
    return (resources.files("growth8.explore") / "static" / name).read_bytes()


def make_handler(explorer: Explorer) -> type[BaseHTTPRequestHandler]:
    """A request handler bound to one explorer session."""
    lock = threading.Lock()  # one evaluation at a time: the model is fast, the machine small

    class Handler(BaseHTTPRequestHandler):
        server_version = "growth8-explore"

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the console belongs to the analyst

        def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, payload: Any) -> None:
            self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json")

        def _lang(self, value: Any) -> str:
            return value if isinstance(value, str) and value in LANGS else "en"

        def do_GET(self) -> None:
            url = urlparse(self.path)
            try:
                if url.path in ("/", "/index.html"):
                    self._send(HTTPStatus.OK, _static("index.html"), "text/html; charset=utf-8")
                elif url.path.startswith("/static/") and url.path.removeprefix("/static/") in STATIC:
                    name = url.path.removeprefix("/static/")
                    self._send(HTTPStatus.OK, _static(name), STATIC[name])
                elif url.path == "/api/state":
                    lang = self._lang(parse_qs(url.query).get("lang", ["en"])[0])
                    with lock:
                        self._json(HTTPStatus.OK, explorer.state(lang))
                else:
                    self._json(
                        HTTPStatus.NOT_FOUND, {"problems": [{"key": "", "message": f"no such page: {url.path}"}]}
                    )
            except Exception as exc:  # never let a request take the server down
                self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"problems": [{"key": "", "message": _one_line(exc)}]})

        def do_POST(self) -> None:
            url = urlparse(self.path)
            try:
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_BODY:
                    self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"problems": [{"key": "", "message": "too large"}]})
                    return
                body = json.loads(self.rfile.read(length) or b"{}")
                if not isinstance(body, dict):
                    raise ValueError("the request body must be a JSON object")
                lang = self._lang(body.get("lang"))
                with lock:
                    if url.path == "/api/evaluate":
                        self._json(HTTPStatus.OK, explorer.evaluate(body, lang))
                    elif url.path == "/api/maxima":
                        self._json(HTTPStatus.OK, explorer.maxima(body, lang))
                    elif url.path == "/api/scenario":
                        text = explorer.scenario_yaml(body, lang=lang).encode("utf-8")
                        disposition = {"Content-Disposition": 'attachment; filename="explore.yaml"'}
                        self._send(HTTPStatus.OK, text, "application/x-yaml; charset=utf-8", disposition)
                    elif url.path == "/api/report":
                        pdf = explorer.report_pdf(body, lang)
                        disposition = {"Content-Disposition": 'attachment; filename="explore.pdf"'}
                        self._send(HTTPStatus.OK, pdf, "application/pdf", disposition)
                    else:
                        self._json(
                            HTTPStatus.NOT_FOUND, {"problems": [{"key": "", "message": f"no such action: {url.path}"}]}
                        )
            except Growth8Error as exc:
                problems = [{"key": p.key or "", "message": _field_message(p)} for p in getattr(exc, "problems", [])]
                self._json(HTTPStatus.BAD_REQUEST, {"problems": problems or [{"key": "", "message": str(exc)}]})
            except (ValueError, TypeError) as exc:
                self._json(HTTPStatus.BAD_REQUEST, {"problems": [{"key": "", "message": _one_line(exc)}]})
            except Exception as exc:  # never let a request take the server down
                self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"problems": [{"key": "", "message": _one_line(exc)}]})

    return Handler


def _field_message(problem: Any) -> str:
    """A problem as shown next to its field: without the temporary file's path and line, from the key on."""
    text = str(problem)
    key = getattr(problem, "key", None)
    if key and f"{key}: " in text:
        return f"{key}: " + text.split(f"{key}: ", 1)[1]
    return text


def _one_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def make_server(explorer: Explorer, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A server for ``explorer`` on ``host``:``port`` (0: a free port); ``server.server_address`` says which."""
    server = ThreadingHTTPServer((host, port), make_handler(explorer))
    server.daemon_threads = True
    return server

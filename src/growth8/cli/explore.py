"""``growth8 explore``: the scenario explorer, a page in the browser served from this machine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from growth8.cli.common import handled


def register(app: typer.Typer) -> None:
    """Add the ``explore`` command to ``app``."""

    @app.command("explore")
    @handled
    def explore(
        config: Annotated[
            Path | None,
            typer.Argument(help="Scenario config (YAML). Default: configs/default.yaml.", metavar="[config]"),
        ] = None,
        port: Annotated[int, typer.Option("--port", help="Port (0: a free one).", min=0, max=65535)] = 0,
        host: Annotated[
            str, typer.Option("--host", help="Address to listen on. Default 127.0.0.1 (this machine only).")
        ] = "127.0.0.1",
        browser: Annotated[
            bool, typer.Option("--browser/--no-browser", help="Open the page in the browser.", show_default=True)
        ] = True,
        data_dir: Annotated[
            Path | None, typer.Option("--data", help="Data folder (default: the bundled data).")
        ] = None,
        lang: Annotated[str, typer.Option("--lang", help="Language of console messages: id or en.")] = "en",
    ) -> None:
        """Explore scenarios in the browser: move a lever, see growth, investment and financing follow.

        Starts a local web server (127.0.0.1 unless --host says otherwise) and opens the page. The page
        saves the current settings as a scenario YAML extending CONFIG, and downloads its PDF report.
        """
        import webbrowser

        from growth8.explore import Explorer, make_server
        from growth8.i18n import t

        explorer = Explorer.open(config, data_dir=data_dir)
        server = make_server(explorer, host=host, port=port)
        shown = server.server_address[0]
        url = f"http://{shown.decode() if isinstance(shown, bytes) else shown}:{server.server_address[1]}/"
        typer.echo(t("explore.cli.serving", lang, url=url))
        if browser:
            webbrowser.open(url)
        try:
            server.serve_forever()
        finally:
            server.server_close()

"""A plain static file server for tests: a folder served as files, with no application behind it.

The published site must work from any static host, so the tests serve it with the standard
library's file handler alone: what it answers is what nginx or a CDN would answer for the files.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _FileHandler(SimpleHTTPRequestHandler):
    """Serves files, keeps a list of the paths asked for, and logs nothing to the test's output."""

    # The handler's own types cover .json and .js; name the packed points' type, as a host would.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".bin": "application/octet-stream"}

    def log_message(self, format: str, *args: Any) -> None:
        """Record the request line rather than print it, so a failure report can show what was fetched."""
        log: list[str] = getattr(self.server, "requests", [])
        log.append(f"{self.command} {self.path} -> {args[1] if len(args) > 1 else '?'}")


class StaticServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that keeps the request lines its handler logs."""

    daemon_threads = True

    def __init__(self, folder: Path) -> None:
        self.requests: list[str] = []
        # Port 0: the system picks a free port, so parallel runs never collide.
        super().__init__(("127.0.0.1", 0), partial(_FileHandler, directory=str(folder)))

    @property
    def url(self) -> str:
        """The server's root URL."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


@contextmanager
def static_server(folder: Path) -> Iterator[StaticServer]:
    """Serve a folder's files on 127.0.0.1 at a free port, in a thread, for the block's duration."""
    server = StaticServer(folder)
    thread = threading.Thread(target=server.serve_forever, name=f"static {folder.name}", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

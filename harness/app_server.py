"""The app served for real, and a real browser to drive it: shared by the browser tests and the app benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import requests

import kg.app

#: The Overview page's script inside the installed package.
HOME = Path(kg.app.__file__).resolve().parent / "Home.py"

#: Debian's chromium, headless, with nothing reaching out to the network on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(build_dir: Path, port: int, cwd: Path | None = None, log: IO[bytes] | None = None) -> subprocess.Popen:
    """The Streamlit app over a built graph, served on 127.0.0.1:port (stop it with :func:`stop_app`).

    ``log``, when given, receives the server's output (its warnings included), for tests that read it.
    """
    env = {**os.environ, "KG_BUILD_DIR": str(build_dir)}
    env.pop("KG_ENDPOINT", None)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(HOME),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    out = log if log is not None else subprocess.DEVNULL
    return subprocess.Popen(command, cwd=cwd or Path.cwd(), env=env, stdout=out, stderr=log)


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stderr.read().decode()[-2000:]}")
        try:
            if requests.get(f"{url}/_stcore/health", timeout=1).text.strip() == "ok":
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} not healthy within {seconds} s")


def stop_app(process: subprocess.Popen) -> None:
    """Terminate the app's server, and kill it if it has not gone within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def settle(page, timeout: float = 30_000) -> None:
    """Wait until the app has finished running the script (no 'Running...' status)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=timeout,
    )
    page.wait_for_timeout(600)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()

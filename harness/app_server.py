"""The app served for real, and a real browser to drive it: shared by the browser tests and the app benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import requests
from kg.app.launch import HOME, streamlit_command

from harness.servers import free_port

__all__ = [
    "CHROMIUM_ARGS",
    "HOME",
    "app_on_endpoint",
    "free_port",
    "running_app",
    "chromium",
    "start_app",
    "stop_app",
    "wait_healthy",
]

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


@contextmanager
def chromium() -> Iterator:
    """Debian's chromium, launched headless through Playwright (``playwright install`` cannot download here)."""
    import shutil

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def start_app(build_dir: Path, port: int, cwd: Path | None = None, log: IO[bytes] | None = None) -> subprocess.Popen:
    """The Streamlit app over a built graph, served on 127.0.0.1:port (stop it with :func:`stop_app`).

    ``log``, when given, receives the server's output (its warnings included), for tests that read it.
    """
    env = {**os.environ, "KG_BUILD_DIR": str(build_dir)}
    env.pop("KG_ENDPOINT", None)
    command = streamlit_command(port)
    out = log if log is not None else subprocess.DEVNULL
    return subprocess.Popen(command, cwd=cwd or Path.cwd(), env=env, stdout=out, stderr=log)


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
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


@contextmanager
def running_app(build_dir: Path, log: IO[bytes] | None = None) -> Iterator[str]:
    """The app over a built graph on a free port: its URL while the block runs, stopped after."""
    port = free_port()
    process = start_app(build_dir, port, log=log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        stop_app(process)


@contextmanager
def app_on_endpoint(endpoint: str, build_dir: Path, cwd: Path) -> Iterator[str]:
    """``kg app --endpoint URL --build DIR`` as a user starts it: its URL while the block runs, stopped after.

    Give an empty ``build_dir`` to prove nothing comes from a local graph.
    """
    port = free_port()
    command = [sys.executable, "-m", "kg.cli", "app", "--port", str(port), "--endpoint", endpoint]
    process = subprocess.Popen([*command, "--build", str(build_dir)], cwd=cwd, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        stop_app(process)


#: True while a script runs: Streamlit's status widget then says "Running…" or offers "Stop".
RUNNING_JS = (
    "() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
    " return !!w && /Running|Stop/.test(w.innerText); }"
)


def settle(page, timeout: float = 30_000) -> None:
    """Wait until the app has finished running the script (the status widget shows neither Running nor Stop)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_timeout(300)  # a rerun the last action asked for has begun
    page.wait_for_function(f"() => !({RUNNING_JS})()", timeout=timeout)
    page.wait_for_timeout(300)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()

"""The one command that serves the app, used by ``kg app``, the tests and the benchmarks alike.

The toolbar is the viewer's (``client.toolbarMode viewer``): a student sees no "Deploy" button
and no developer menu; usage statistics are never sent; the server is headless (it opens no
browser of its own) and listens where it is told, 127.0.0.1 unless asked otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

HOME = Path(__file__).resolve().parent / "Home.py"


def streamlit_command(port: int, address: str = "127.0.0.1") -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(HOME),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",
    ]

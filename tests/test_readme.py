"""The README's quick start works on a fresh Debian machine as written, and CI runs its test command unchanged."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command(number: int) -> str:
    match = re.search(rf"^# {number}\. .*\n(.+)$", README, re.MULTILINE)
    assert match, f"README.md: no command {number} in the quick start"
    return match.group(1)


def test_both_quick_start_commands_install_the_venv_module_first():
    """Debian's python3 has no venv module without python3-venv: `python3 -m venv` would fail."""
    for number in (1, 2):
        command = _command(number)
        assert command.index("python3-venv") < command.index("python3 -m venv"), command


def test_the_test_command_runs_on_every_core():
    assert re.search(r"\.venv/bin/pytest -n (auto|\d+)( --dist \w+)?$", _command(2))
    assert '"pytest-xdist' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_ci_runs_the_readmes_test_command_unchanged():
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extraction = re.search(r"^command=\$\((.+)\)$", script, re.MULTILINE)
    assert extraction, ".ci/run reads the command from README.md"
    read = subprocess.run(["bash", "-c", extraction.group(1)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert read.stdout.strip() == _command(2)
    assert 'bash -euo pipefail -c "$command"' in script


def test_your_own_project_installs_into_a_venv():
    """Debian's system pip refuses `pip install .` (externally managed), so the README never asks for it."""
    own = README[README.index("## Your own project") : README.index("## The command line")]
    assert "python3 -m venv" in own and "/bin/pip install" in own
    assert not re.search(r"^\s*pip install", own, re.MULTILINE)

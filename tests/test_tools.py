"""The tools run by hand (benchmarks/, scripts/, the Makefile) still start.

Nothing else runs them between measurements, so a renamed module or a moved
constant would otherwise only show when someone next needs a figure. Each one
is started as `make` starts it, in a process of its own (some configure Django
or change settings as they load), but only as far as `--help`: no server, no
browser, no measurement. The modules that are not run by themselves are
imported, and `make help` lists every target.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    path.relative_to(ROOT)
    for folder in ("benchmarks", "scripts")
    for path in (ROOT / folder).glob("*.py")
)
# Enough configuration for Django to load without secrets: the test settings.
ENV = os.environ | {"DJANGO_SETTINGS_MODULE": "tests.settings"}


def is_tool(path: Path) -> bool:
    return 'if __name__ == "__main__":' in (ROOT / path).read_text()


def command_for(path: Path) -> list[str]:
    """As the Makefile starts it: a package's module with -m, a script by its path."""
    if (ROOT / path.parent / "__init__.py").exists():
        return [sys.executable, "-m", ".".join(path.with_suffix("").parts)]
    return [sys.executable, str(path)]


def run(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=60)


def test_there_are_tools_to_check():
    assert Path("benchmarks/bench.py") in MODULES
    assert Path("scripts/screenshots.py") in MODULES


@pytest.mark.parametrize("path", [path for path in MODULES if is_tool(path)], ids=str)
def test_each_tool_answers_help(path):
    result = run([*command_for(path), "--help"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage:"), result.stdout


def test_the_modules_the_tools_use_import():
    modules = [
        ".".join(path.with_suffix("").parts).removesuffix(".__init__")
        for path in MODULES
        if not is_tool(path)
    ]
    assert "benchmarks.urls" in modules
    result = run(
        [sys.executable, "-c", f"import django; django.setup(); import {', '.join(modules)}"]
    )
    assert result.returncode == 0, result.stderr


def phony_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    return {
        target
        for line in re.findall(r"^\.PHONY:(.*)$", makefile, flags=re.MULTILINE)
        for target in line.split()
    }


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_help_lists_every_target():
    result = run(["make", "--no-print-directory", "help"])
    assert result.returncode == 0, result.stderr
    listed = {line.split()[1] for line in result.stdout.splitlines() if line.startswith("make ")}
    assert {"test", "serve", "lighthouse", "screenshots", "clean"} <= phony_targets()
    assert phony_targets() - listed == set()

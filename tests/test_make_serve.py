"""`make serve` refuses to start a configuration that production would refuse.

Each test runs the Makefile's own target, with a secret key of its own and
only the variables it names. `-o .venv/.runtime` takes the installed
requirements as they are, so no test ever runs pip.
"""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def make(tmp_path: Path, *args: str, **variables: str) -> subprocess.CompletedProcess:
    secret_key = tmp_path / "secret_key"
    secret_key.write_text(secrets.token_urlsafe(50))
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **variables}
    command = ["make", "--no-print-directory", "-o", ".venv/.runtime", *args]
    command += [f"SECRET_KEY_FILE={secret_key}", f"PY={sys.executable}"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_it_stops_when_password_resets_would_be_printed_to_the_log(tmp_path):
    result = make(tmp_path, "check-deploy")
    assert result.returncode != 0
    assert "mail.E001" in result.stderr
    assert "make serve stops" in result.stderr
    assert "set EMAIL_HOST" in result.stderr


def test_it_goes_on_with_a_mail_server_checking_https_as_production_has_it(tmp_path):
    # make serve itself runs with DJANGO_HTTPS=0; its deploy check turns HTTPS on.
    result = make(tmp_path, "check-deploy", EMAIL_HOST="smtp.example", DJANGO_HTTPS="0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_check_comes_before_anything_is_served(tmp_path):
    recipe = make(tmp_path, "--dry-run", "serve").stdout
    assert recipe.index("check --deploy --fail-level WARNING") < recipe.index("gunicorn")

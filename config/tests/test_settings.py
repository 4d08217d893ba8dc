"""Settings come from the environment: production settings pass ``check --deploy``, and a
missing secret or a bad value stops the process with a message that names it."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The test run's own settings (pytest.ini's env) must not leak into these processes.
    clean = {
        name: value
        for name, value in os.environ.items()
        if name not in ("SECRET_KEY", "DEBUG") and not name.startswith("SECURE_")
    }
    # A developer's .env is read only for variables not set here; pin the ones that matter.
    clean.update({"DATABASE_URL": "sqlite:///:memory:", "SECRET_KEY": "", **env})
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tableorder.example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_the_app_refuses_to_start():
    result = manage("check", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "maybe"), ("JWT_ACCESS_HOURS", "soon")])
def test_a_bad_value_fails_loudly_naming_the_variable(name, value):
    result = manage("check", **{"SECRET_KEY": "x" * 50, "DEBUG": "false", name: value})

    assert result.returncode != 0
    assert f'Environment variable "{name}" invalid' in result.stderr


def test_secrets_may_come_from_files(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("from-a-file-" + "k" * 50 + "\n")

    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        DEBUG="false",
        SECRET_KEY_FILE=str(key_file),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("from-a-file-" + "k" * 50)

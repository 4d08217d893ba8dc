"""The Korean translations: complete, and the compiled catalogues in git match their sources."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))


def test_there_are_catalogues():
    assert Path(settings.BASE_DIR, "locale/ko/LC_MESSAGES/django.po") in CATALOGUES


@pytest.mark.parametrize(
    "source", CATALOGUES, ids=lambda path: str(path.parent.parent.name + "/" + path.name)
)
def test_compiled_catalogue_matches_its_source_and_misses_nothing(source: Path, tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt is missing: apt-get install gettext (make test does)")
    compiled = tmp_path / "compiled.mo"
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--statistics", "-o", str(compiled), str(source)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
    assert compiled.read_bytes() == source.with_suffix(".mo").read_bytes(), (
        f"{source.with_suffix('.mo')} is stale: run msgfmt -o on it"
    )

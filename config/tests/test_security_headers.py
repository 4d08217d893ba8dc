"""Security headers on every kind of response: pages, API, errors."""

from __future__ import annotations

import pytest

CSP = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/manager/login/", "/table/", "/api/v1/menu/", "/api/v1/nowhere/", "/healthz"]
)
def test_every_response_carries_the_headers(client, path):
    response = client.get(path)

    assert set(response["Content-Security-Policy"].split("; ")) == CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_photos_on_s3_are_allowed_as_images(monkeypatch):
    import subprocess
    import sys

    script = (
        "from django.conf import settings;"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = {
        "AWS_STORAGE_BUCKET_NAME": "photos",
        "AWS_S3_CUSTOM_DOMAIN": "cdn.example.com",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert "https://cdn.example.com" in out
    assert "'self'" in out


@pytest.mark.django_db
def test_production_cookies_are_secure_httponly_and_same_site(client, world):
    from conftest import MANAGER_PASSWORD

    response = client.post(
        "/manager/login/", {"store": "alpha", "username": "manager", "password": MANAGER_PASSWORD}
    )

    session = response.cookies["sessionid"]
    csrf = client.get("/manager/login/").cookies.get("csrftoken") or response.cookies["csrftoken"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert csrf["secure"]
    assert csrf["samesite"] == "Lax"

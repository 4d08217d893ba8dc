"""The Content-Security-Policy allows only our own scripts and styles, and every page still
works under it: no violation reported by a real browser on any of them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from orders.tests.test_dashboard_browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def watch_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_no_page_breaks_the_policy(page, app_server, world, menu):
    violations = watch_violations(page)
    sign_in(page)
    for path in (
        "/manager/",
        f"/manager/tables/{world.table.id}/",
        "/manager/menu/",
        f"/manager/menu/items/{menu.stew.id}/",
        "/manager/tables/",
        "/table/",
        "/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")

    assert violations == []


def test_admin_and_api_docs_work_under_the_policy(page, app_server, world):
    get_user_model().objects.create_superuser(username="root", password="staff-pass-1")
    violations = watch_violations(page)

    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Table Order")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("staff-pass-1")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()
    page.goto("/admin/stores/table/")
    page.wait_for_load_state("networkidle")

    assert violations == []

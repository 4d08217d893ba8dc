"""The lockout under attack: however many wrong passwords arrive at once, at most five are
ever checked in the window, on SQLite and on PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from stores import services
from stores.errors import InvalidCredentials, TooManyAttempts
from stores.models import Table, User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The passwords the real check was asked about."""
    asked: list[str] = []
    for model in (Table, User):
        check = model.check_password

        def counting(self, raw_password, check=check):
            asked.append(raw_password)
            return check(self, raw_password)

        monkeypatch.setattr(model, "check_password", counting)
    return asked


def fifty_at_once(login) -> list[str]:
    def attempt(_) -> str:
        try:
            login()
        except (InvalidCredentials, TooManyAttempts) as refusal:
            return type(refusal).__name__
        finally:
            connections.close_all()
        return "signed in"

    with ThreadPoolExecutor(max_workers=10) as threads:
        return list(threads.map(attempt, range(50)))


def test_a_table_password_is_checked_at_most_five_times(world, checked):
    outcomes = fifty_at_once(
        lambda: services.table_login(store_code="alpha", table_number=1, password="guess")
    )

    assert len(checked) <= 5
    assert outcomes.count("InvalidCredentials") == len(checked)
    assert outcomes.count("TooManyAttempts") == 50 - len(checked)


def test_a_manager_password_is_checked_at_most_five_times(world, checked):
    outcomes = fifty_at_once(
        lambda: services.manager_login(store_code="alpha", username="manager", password="guess")
    )

    assert len(checked) <= 5
    assert outcomes.count("TooManyAttempts") == 50 - len(checked)

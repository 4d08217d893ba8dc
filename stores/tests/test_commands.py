"""``manage.py createstore``, as the contract's Operations section says."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from stores.models import Store, User
from stores.services import manager_login

STRONG = "correct-horse-battery-9"


def createstore(*args: str) -> str:
    out = io.StringIO()
    call_command("createstore", *args, stdout=out)
    return out.getvalue()


class TestCreateStore:
    def test_creates_a_store_and_a_manager_who_can_log_in(self, db):
        out = createstore(
            "bistro", "--name", "Le Bistro", "--manager", "chef", "--password", STRONG
        )

        store = Store.objects.get(code="bistro")
        assert store.name == "Le Bistro"
        assert "Created store 'bistro'" in out
        assert STRONG not in out
        manager = manager_login(store_code="bistro", username="chef", password=STRONG)
        assert manager.store == store
        assert manager.password != STRONG
        assert not manager.is_staff

    def test_takes_the_password_from_the_environment(self, db, monkeypatch):
        monkeypatch.setenv("STORE_MANAGER_PASSWORD", STRONG)

        createstore("bistro", "--name", "Le Bistro", "--manager", "chef")

        assert manager_login(store_code="bistro", username="chef", password=STRONG)

    def test_asks_for_the_password_twice_at_a_terminal(self, db, monkeypatch):
        answers = iter([STRONG, STRONG])
        monkeypatch.delenv("STORE_MANAGER_PASSWORD", raising=False)
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)
        monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

        createstore("bistro", "--name", "Le Bistro", "--manager", "chef")

        assert manager_login(store_code="bistro", username="chef", password=STRONG)

    def test_mismatched_prompts_create_nothing(self, db, monkeypatch):
        answers = iter([STRONG, "something-else-1"])
        monkeypatch.delenv("STORE_MANAGER_PASSWORD", raising=False)
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)
        monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

        with pytest.raises(CommandError, match="do not match"):
            createstore("bistro", "--name", "Le Bistro", "--manager", "chef")

        assert not Store.objects.exists()

    def test_without_a_password_or_terminal_it_says_how(self, db, monkeypatch):
        monkeypatch.delenv("STORE_MANAGER_PASSWORD", raising=False)
        monkeypatch.setattr("sys.stdin.isatty", lambda: False)

        with pytest.raises(CommandError, match="pass --password or set STORE_MANAGER_PASSWORD"):
            createstore("bistro", "--name", "Le Bistro", "--manager", "chef")

    def test_rerunning_with_an_existing_code_fails_and_changes_nothing(self, world):
        before = (Store.objects.count(), User.objects.count(), world.manager.password)

        with pytest.raises(CommandError, match=r"'alpha' already exists\. Nothing was changed"):
            createstore("alpha", "--name", "Other", "--manager", "boss", "--password", STRONG)

        world.manager.refresh_from_db()
        assert (Store.objects.count(), User.objects.count(), world.manager.password) == before
        assert Store.objects.get(code="alpha").name == "Alpha Grill"

    @pytest.mark.parametrize(
        ("code", "password", "message"),
        [
            ("Bad Code!", STRONG, "code:"),
            ("bistro", "1234", "too short"),
        ],
    )
    def test_invalid_input_stores_nothing(self, db, code, password, message):
        with pytest.raises(CommandError, match=message):
            createstore(code, "--name", "X", "--manager", "chef", "--password", password)

        assert not Store.objects.exists()
        assert not User.objects.exists()

"""The manager's sign-in and sign-out pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from conftest import MANAGER_PASSWORD


class TestLogin:
    def login(self, client: Client, password: str = MANAGER_PASSWORD, **fields):
        data = {"store": "alpha", "username": "manager", "password": password, **fields}
        return client.post("/manager/login/", data)

    def test_signs_in_for_a_shift(self, world):
        client = Client()

        response = self.login(client)

        assert response.status_code == 302
        assert response["Location"] == "/manager/"
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert cookie["max-age"] == 16 * 3600
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"
        assert client.get("/manager/").status_code == 200

    def test_the_form_carries_a_csrf_token_and_is_checked(self, world):
        client = Client(enforce_csrf_checks=True)
        page = client.get("/manager/login/")
        assert 'name="csrfmiddlewaretoken"' in page.content.decode()

        assert self.login(client).status_code == 403
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
        assert self.login(client, csrfmiddlewaretoken=token).status_code == 302

    @pytest.mark.parametrize(
        "fields",
        [{"store": "beta-not"}, {"username": "chef"}, {"password": "wrong"}, {"store": "beta"}],
    )
    def test_every_wrong_input_gets_the_same_answer(self, world, fields):
        data = {"store": "alpha", "username": "manager", "password": MANAGER_PASSWORD, **fields}
        if fields == {"store": "beta"}:
            data["password"] = "wrong"

        client = Client()

        response = client.post("/manager/login/", data)

        assert response.status_code == 401
        assert "The store code, username or password is not right." in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_a_failure_tells_how_many_tries_are_left(self, world):
        client = Client()
        self.login(client, password="wrong")

        body = self.login(client, password="wrong").content.decode()

        assert "3 more tries before a pause of 15 minutes." in body

    def test_locks_out_like_the_api_and_counts_the_apis_failures(self, world, api_client):
        for _ in range(3):
            api_client.post(
                "/api/v1/auth/admin/",
                {"store": "alpha", "username": "manager", "password": "wrong"},
                format="json",
            )
        client = Client()
        for _ in range(2):
            assert self.login(client, password="wrong").status_code == 401

        response = self.login(client)  # the right password, too late

        assert response.status_code == 429
        assert int(response["Retry-After"]) > 14 * 60
        assert "Try again in 15 minutes" in response.content.decode()
        assert client.get("/manager/").status_code == 302

    def test_a_lockout_ends_after_15_minutes(self, world, time_machine):
        time_machine.move_to(timezone.now())
        client = Client()
        for _ in range(5):
            self.login(client, password="wrong")
        time_machine.shift(timedelta(minutes=15, seconds=1))

        assert self.login(client).status_code == 302

    def test_next_leads_back_to_the_page_but_never_off_the_site(self, world):
        assert self.login(Client(), next="/manager/menu/")["Location"] == "/manager/menu/"
        assert self.login(Client(), next="https://evil.example/")["Location"] == "/manager/"
        assert self.login(Client(), next="//evil.example/")["Location"] == "/manager/"

    def test_logout_needs_a_post_and_ends_the_session(self, world):
        client = Client()
        self.login(client)

        assert client.get("/manager/logout/").status_code == 405
        assert client.post("/manager/logout/").status_code == 302
        assert client.get("/manager/")["Location"].startswith("/manager/login/")

    def test_a_deactivated_manager_is_signed_out(self, world):
        client = Client()
        self.login(client)
        world.manager.is_active = False
        world.manager.save()

        assert client.get("/manager/").status_code == 302

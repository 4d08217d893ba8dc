"""The kitchen display's page, ``/kitchen/``: who may open it, and what its shell holds (the
tickets themselves are drawn in the browser: ``test_kitchen_browser``)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import signed_in
from menus.selectors import store_stations


class TestWhoMayOpenIt:
    def test_anonymous_goes_to_sign_in(self, world):
        response = Client().get("/kitchen/?station=1")

        assert response.status_code == 302
        assert response["Location"] == "/manager/login/?next=/kitchen/%3Fstation%3D1"

    def test_platform_staff_may_not(self, staff_client):
        assert staff_client.get("/kitchen/").status_code == 403

    def test_a_kitchen_account_may(self, kitchen_account):
        response = signed_in(kitchen_account).get("/kitchen/")

        assert response.status_code == 200
        assert "Alpha Grill" in response.text
        # A kitchen account sees no way into the manager's pages.
        assert 'href="/manager/"' not in response.text

    def test_a_kitchen_account_may_not_open_the_managers_pages(self, kitchen_account):
        assert signed_in(kitchen_account).get("/manager/").status_code == 403

    def test_a_manager_may_and_has_a_way_back(self, world):
        response = signed_in(world.manager).get("/kitchen/")

        assert response.status_code == 200
        assert 'href="/manager/"' in response.text

    def test_a_deactivated_kitchen_account_may_not(self, kitchen_account):
        client = signed_in(kitchen_account)
        kitchen_account.is_active = False
        kitchen_account.save(update_fields=["is_active"])

        assert client.get("/kitchen/").status_code == 302


class TestTheOtherStore:
    def test_their_manager_sees_their_store_only(self, world, bar):
        response = signed_in(world.other_manager).get("/kitchen/")

        assert response.status_code == 200
        assert "Beta Noodles" in response.text
        assert "Alpha Grill" not in response.text
        assert ">Bar<" not in response.text
        theirs = store_stations(store_id=world.other_store.id).get()
        assert station_links(response.text) == [None, theirs.id]

    def test_our_station_is_not_found_from_theirs(self, world, bar):
        assert signed_in(world.other_manager).get(f"/kitchen/?station={bar.id}").status_code == 404


def station_links(html: str) -> list[int | None]:
    """The switcher's links, by station id (None: every station's display)."""
    links = re.findall(r'href="/kitchen/(?:\?station=(\d+))?"', html)
    return [int(link) if link else None for link in links]


class TestTheShell:
    def test_the_switcher_names_every_station_and_marks_the_one_shown(self, world, bar):
        kitchen = store_stations(store_id=world.store.id).first()
        response = signed_in(world.manager).get(f"/kitchen/?station={bar.id}")

        assert station_links(response.text) == [None, kitchen.id, bar.id]
        assert f'href="/kitchen/?station={bar.id}" aria-current="page"' in response.text
        assert f'data-station-id="{bar.id}"' in response.text
        assert '<h1 class="station-name">Bar</h1>' in response.text

    def test_every_station_without_a_station(self, world, bar):
        response = signed_in(world.manager).get("/kitchen/")

        assert 'href="/kitchen/" aria-current="page"' in response.text
        assert 'data-station-id=""' in response.text

    @pytest.mark.parametrize("station", ["0", "x", "1e3", " "])
    def test_a_station_that_is_none_of_ours_is_not_found(self, world, station):
        assert signed_in(world.manager).get(f"/kitchen/?station={station}").status_code == 404

    def test_the_api_the_page_calls_is_named_in_it(self, world):
        response = signed_in(world.manager).get("/kitchen/")

        for attribute, url in [
            ("data-kitchen-url", "/api/v1/kitchen/"),
            ("data-bump-url", "/api/v1/kitchen/orders/0/bump/"),
            ("data-recall-url", "/api/v1/kitchen/orders/0/recall/"),
            ("data-check-url", "/api/v1/kitchen/lines/0/check/"),
            ("data-events-url", "/api/v1/events/kitchen/"),
        ]:
            assert f'{attribute}="{url}"' in response.text

    def test_no_inline_script_or_style(self, world):
        response = signed_in(world.manager).get("/kitchen/")

        assert "script-src 'self'" in response["Content-Security-Policy"]
        scripts = re.findall(r"<script([^>]*)>", response.text)
        assert scripts
        assert all("src=" in attributes for attributes in scripts)
        assert "<style" not in response.text
        assert " style=" not in response.text

    def test_in_korean(self, world):
        response = signed_in(world.manager).get("/kitchen/", HTTP_ACCEPT_LANGUAGE="ko")

        assert '<html lang="ko">' in response.text
        assert "로그아웃" in response.text  # Sign out

    def test_queries(self, world, bar, django_assert_num_queries):
        client = signed_in(world.manager)

        # 1 the session, 2 its user, 3 the user's store, 4 the store's stations.
        with django_assert_num_queries(4):
            assert client.get("/kitchen/").status_code == 200

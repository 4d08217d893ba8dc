"""The store's settings page, /manager/store/: each manager edits their own store only; and
when a waiting order turns amber, then red, as ``stores.services.store_update`` checks it."""

from __future__ import annotations

import re
from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import signed_in
from stores import services
from stores.models import Store
from stores.tokens import manager_token, table_token

URL = "/manager/store/"
SETTINGS = {
    "name": "Alpha Bistro",
    "language": "en",
    "business_day_starts": "04:30",
    "ticket_amber_minutes": "10",
    "ticket_red_minutes": "20",
}


def settings_of(store: Store) -> tuple:
    store = Store.objects.get(pk=store.pk)
    return store.name, store.language, store.business_day_starts, store.menu_version


def untouched(store: Store) -> tuple:
    return store.name, "ko", time(5, 0), store.menu_version


def fields_with_errors(response) -> list[str]:
    """The names of the form's fields shown with an error under them."""
    blocks = response.content.decode().split('<div class="field')
    return [
        re.search(r'name="(\w+)"', block)[1] for block in blocks if 'class="field-error"' in block
    ]


def test_the_page_shows_the_stores_settings(world):
    response = signed_in(world.manager).get(URL)

    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Alpha Grill"' in body
    assert '<option value="ko" selected>한국어</option>' in body
    # Each language in its own words, whatever the page's language.
    assert '<option value="ja">日本語</option>' in body
    assert '<option value="zh-hans">简体中文</option>' in body
    assert 'type="time" name="business_day_starts" value="05:00"' in body
    assert "a sale at 01:30 counts for the evening before" in body
    assert f'<a href="{URL}" aria-current="page">Store</a>' in body


def test_a_manager_saves_their_stores_settings(world):
    client = signed_in(world.manager)

    response = client.post(URL, SETTINGS)

    assert response.status_code == 302
    assert response["Location"] == URL
    assert settings_of(world.store) == (
        "Alpha Bistro",
        "en",
        time(4, 30),
        world.store.menu_version + 1,  # tablets read the menu again
    )
    assert settings_of(world.other_store) == untouched(world.other_store)
    page = client.get(URL).content.decode()
    assert "The store&#x27;s settings are saved." in page
    assert 'value="04:30"' in page


def test_another_stores_manager_sees_and_changes_only_their_own(world):
    client = signed_in(world.other_manager)

    page = client.get(URL).content.decode()
    response = client.post(URL, SETTINGS)

    assert "Beta Noodles" in page
    assert "Alpha Grill" not in page
    assert response.status_code == 302
    assert settings_of(world.other_store)[:3] == ("Alpha Bistro", "en", time(4, 30))
    assert settings_of(world.store) == untouched(world.store)


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(world, method):
    response = getattr(Client(), method)(URL, SETTINGS if method == "post" else None)

    assert response.status_code == 302
    assert response["Location"] == f"/manager/login/?next={URL}"
    assert settings_of(world.store) == untouched(world.store)


@pytest.mark.parametrize("token", [table_token, manager_token], ids=["table", "manager"])
def test_a_bearer_token_does_not_open_the_page(world, token):
    caller = world.table if token is table_token else world.manager
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token(caller)}")

    for response in (client.get(URL), client.post(URL, SETTINGS)):
        assert response.status_code == 302
        assert response["Location"].startswith("/manager/login/")
    assert settings_of(world.store) == untouched(world.store)


def test_platform_staff_without_a_store_is_refused(world, staff_client):
    assert staff_client.get(URL).status_code == 403
    assert staff_client.post(URL, SETTINGS).status_code == 403
    assert settings_of(world.store) == untouched(world.store)


def test_the_form_needs_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.manager)
    page = client.get(URL).content.decode()

    assert client.post(URL, SETTINGS).status_code == 403
    assert settings_of(world.store) == untouched(world.store)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    assert client.post(URL, {**SETTINGS, "csrfmiddlewaretoken": token}).status_code == 302


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("business_day_starts", "25:00"),
        ("business_day_starts", "five"),
        ("business_day_starts", ""),
        ("language", "fr"),
        ("name", ""),
        ("name", "   "),
        ("ticket_amber_minutes", "0"),
        ("ticket_amber_minutes", ""),
        ("ticket_amber_minutes", "ten"),
        ("ticket_red_minutes", "241"),
        ("ticket_red_minutes", "-5"),
    ],
)
def test_a_bad_value_is_a_form_error_and_nothing_is_saved(world, field, value):
    response = signed_in(world.manager).post(URL, {**SETTINGS, field: value})

    assert response.status_code == 400
    assert fields_with_errors(response) == [field]
    assert settings_of(world.store) == untouched(world.store)


def test_the_page_speaks_korean(world):
    response = signed_in(world.manager).get(URL, HTTP_ACCEPT_LANGUAGE="ko")

    assert response.status_code == 200
    assert '<html lang="ko">' in response.content.decode()
    assert '<option value="en">English</option>' in response.content.decode()


def colours_of(store: Store) -> tuple[int, int]:
    store = Store.objects.get(pk=store.pk)
    return store.ticket_amber_minutes, store.ticket_red_minutes


def test_the_page_shows_when_orders_turn_amber_and_red(world):
    body = signed_in(world.manager).get(URL).content.decode()

    assert 'name="ticket_amber_minutes" value="10"' in body
    assert 'name="ticket_red_minutes" value="20"' in body
    assert "An order waiting this long turns amber on the kitchen display." in body


def test_a_manager_changes_when_orders_turn_amber_and_red(world):
    client = signed_in(world.manager)
    same = {"name": "Alpha Grill", "language": "ko", "business_day_starts": "05:00"}

    response = client.post(URL, {**same, "ticket_amber_minutes": 5, "ticket_red_minutes": 12})

    assert response.status_code == 302
    assert colours_of(world.store) == (5, 12)
    assert settings_of(world.store) == untouched(world.store)  # no menu change: same version
    assert colours_of(world.other_store) == (10, 20)


@pytest.mark.parametrize(("amber", "red"), [(20, 20), (25, 20)])
def test_red_before_amber_is_an_error_on_red_and_nothing_is_saved(world, amber, red):
    response = signed_in(world.manager).post(
        URL, {**SETTINGS, "ticket_amber_minutes": amber, "ticket_red_minutes": red}
    )

    assert response.status_code == 400
    assert fields_with_errors(response) == ["ticket_red_minutes"]
    body = response.content.decode()
    assert body.count("Red comes after amber: give it more minutes.") == 1
    assert colours_of(world.store) == (10, 20)
    assert settings_of(world.store) == untouched(world.store)


@pytest.mark.parametrize(
    "change", [{"ticket_amber_minutes": 20}, {"ticket_red_minutes": 10}, {"ticket_red_minutes": 3}]
)
def test_the_service_checks_one_threshold_against_the_other_as_stored(world, change):
    with pytest.raises(ValidationError) as refused:
        services.store_update(store=world.store, **change)

    assert refused.value.message_dict == {
        "ticket_red_minutes": ["Red comes after amber: give it more minutes."]
    }
    assert colours_of(world.store) == (10, 20)


def test_the_service_saves_only_the_thresholds_changed(world):
    store = services.store_update(store=world.store, ticket_amber_minutes=15, ticket_red_minutes=30)

    assert colours_of(store) == (15, 30)
    assert store.menu_version == world.store.menu_version

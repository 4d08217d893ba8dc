"""The /manager/ pages through Django's test client: who gets in, CSRF, the login's lockout,
what a refused action leaves behind, and how many queries a page costs.

The access tests walk the manager URL configuration, so a page added later is covered
without anyone remembering to."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from config import manager_urls
from conftest import MANAGER_PASSWORD
from orders.models import Order
from orders.services import OrderLine, order_place
from stores.models import Table, User
from stores.tokens import manager_token, table_token

PUBLIC = {"login", "logout"}


def manager_pages() -> list[URLPattern]:
    return [p for p in manager_urls.urlpatterns if p.name not in PUBLIC]


def page_url(pattern: URLPattern, victim) -> str:
    """The page's URL with the victim's ids in it (store alpha's objects)."""
    ids = {
        "table_id": victim.table.id,
        "order_id": victim.order.id,
        "category_id": victim.category.id,
        "item_id": victim.item.id,
    }
    kwargs = {name: ids[name] for name in re.findall(r"<int:(\w+)>", str(pattern.pattern))}
    return reverse(f"manager:{pattern.name}", kwargs=kwargs)


ACTION_DATA = {"status": "completed", "direction": "down", "number": 9, "password": "x"}


def call(client: Client, pattern: URLPattern, url: str, **headers):
    """A page's GET, or an action's POST with data that would change something."""
    if is_action(pattern):
        return client.post(url, ACTION_DATA, **headers)
    return client.get(url, **headers)


def is_action(pattern: URLPattern) -> bool:
    return getattr(pattern.callback, "view_class", None) is not None and (
        pattern.callback.view_class.http_method_names == ["post"]
    )


@pytest.fixture
def victim(world, menu):
    order = order_place(table=world.table, lines=[OrderLine(menu.bibimbap.id, 1)])
    return type(
        "Victim",
        (),
        {"table": world.table, "order": order, "category": menu.mains, "item": menu.bibimbap},
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def victim_is_intact(victim) -> None:
    victim.order.refresh_from_db()
    assert victim.order.status == "pending"
    victim.item.refresh_from_db()
    assert (victim.item.is_available, victim.item.is_deleted, victim.item.display_order) == (
        True,
        False,
        1,
    )
    assert Table.objects.get(pk=victim.table.pk).deleted_at is None
    assert victim.table.sessions.filter(ended_at=None).exists()


@pytest.mark.parametrize("pattern", manager_pages(), ids=lambda p: p.name)
def test_an_anonymous_visitor_is_sent_to_the_login_page(pattern, victim):
    url = page_url(pattern, victim)

    response = call(Client(), pattern, url)

    assert response.status_code == 302
    assert response["Location"] == f"/manager/login/?next={url}"
    victim_is_intact(victim)


@pytest.mark.parametrize("pattern", manager_pages(), ids=lambda p: p.name)
def test_a_bearer_token_does_not_open_a_page(pattern, victim, world):
    for token in (manager_token(world.manager), table_token(world.table)):
        response = call(
            Client(), pattern, page_url(pattern, victim), HTTP_AUTHORIZATION=f"Bearer {token}"
        )

        assert response.status_code == 302
        assert response["Location"].startswith("/manager/login/")
    victim_is_intact(victim)


@pytest.mark.parametrize("pattern", manager_pages(), ids=lambda p: p.name)
def test_another_stores_manager_finds_nothing(pattern, victim, world):
    client = signed_in(world.other_manager)
    url = page_url(pattern, victim)
    if not any(
        f"<int:{name}>" in str(pattern.pattern)
        for name in ("table_id", "order_id", "category_id", "item_id")
    ):
        # A page of the caller's own store (dashboard, lists): none of the victim's data.
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Alpha Grill" not in body
        assert "Bibimbap" not in body
        assert f'id="table-{victim.table.id}"' not in body
        return

    response = call(client, pattern, url)

    assert response.status_code == 404
    assert "Bibimbap" not in response.content.decode()
    victim_is_intact(victim)


@pytest.mark.parametrize("pattern", manager_pages(), ids=lambda p: p.name)
def test_platform_staff_without_a_store_is_refused(pattern, victim):
    staff = User.objects.create_superuser(username="root", password="staff-pass-1")

    response = call(signed_in(staff), pattern, page_url(pattern, victim))

    assert response.status_code == 403
    victim_is_intact(victim)


@pytest.mark.parametrize(
    "pattern", [p for p in manager_pages() if is_action(p)], ids=lambda p: p.name
)
def test_every_action_needs_the_csrf_token(pattern, victim, world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.manager)

    response = call(client, pattern, page_url(pattern, victim))

    assert response.status_code == 403
    victim_is_intact(victim)


@pytest.mark.parametrize(
    "pattern", [p for p in manager_pages() if is_action(p)], ids=lambda p: p.name
)
def test_an_action_is_never_done_by_a_get(pattern, victim, world):
    response = signed_in(world.manager).get(page_url(pattern, victim))

    assert response.status_code == 405
    victim_is_intact(victim)


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


class TestRefusals:
    def test_a_backwards_status_is_refused_with_a_message(self, world, victim):
        client = signed_in(world.manager)
        client.post(f"/manager/orders/{victim.order.id}/status/", {"status": "completed"})

        response = client.post(
            f"/manager/orders/{victim.order.id}/status/", {"status": "preparing"}, follow=True
        )

        assert "An order cannot go from completed to preparing." in response.content.decode()
        victim.order.refresh_from_db()
        assert victim.order.status == "completed"

    def test_deleting_a_table_in_use_is_refused_with_a_message(self, world, victim):
        response = signed_in(world.manager).post(
            f"/manager/tables/{world.table.id}/delete/", follow=True
        )

        assert "This table has an open visit; complete it first." in response.content.decode()
        assert Table.objects.get(pk=world.table.pk).deleted_at is None

    def test_deleting_a_category_with_items_is_refused_with_a_message(self, world, menu):
        response = signed_in(world.manager).post(
            f"/manager/menu/categories/{menu.mains.id}/delete/", follow=True
        )

        assert "This category still has menu items." in response.content.decode()
        menu.mains.refresh_from_db()
        assert not menu.mains.is_deleted

    def test_completing_a_free_table_is_refused(self, world):
        response = signed_in(world.manager).post(
            f"/manager/tables/{world.other_table.id}/complete/", follow=True
        )

        assert "This table has no open visit." in response.content.decode()

    def test_names_are_shown_as_text_never_as_markup(self, world, menu):
        hostile, escaped = '<script>alert("x")</script>', "&lt;script&gt;alert(&quot;x&quot;)"
        menu.stew.name = hostile
        menu.stew.description = hostile + " description"
        menu.stew.save()
        menu.mains.name = hostile + " category"
        menu.mains.save()
        order_place(table=world.table, lines=[OrderLine(menu.stew.id, 1)])
        client = signed_in(world.manager)

        pages = {
            "/manager/": 1,  # the dish in the card's newest orders
            f"/manager/tables/{world.table.id}/": 1,
            "/manager/menu/": 3,  # category, dish, description
            f"/manager/menu/items/{menu.stew.id}/": 3,  # the form's fields and category choice
        }
        for url, times in pages.items():
            body = client.get(url).content.decode()
            assert hostile not in body, url
            assert body.count(escaped) >= times, url


class TestQueryCounts:
    """Pages cost the same number of queries however many tables and orders there are."""

    def fill_the_floor(self, world, menu, tables: int) -> None:
        from stores.services import table_create

        for number in range(3, 3 + tables):
            table = table_create(store=world.store, number=number, password="x")
            for _ in range(2):
                order_place(
                    table=table, lines=[OrderLine(menu.bibimbap.id, 1), OrderLine(menu.cola.id, 2)]
                )

    @pytest.mark.parametrize(
        ("url", "queries"),
        [("/manager/", 7), ("/manager/tables/", 7), ("/manager/menu/", 6)],
    )
    def test_lists(self, world, menu, django_assert_num_queries, url, queries):
        self.fill_the_floor(world, menu, tables=30)
        client = signed_in(world.manager)

        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200

    def test_a_visit(self, world, menu, django_assert_num_queries):
        self.fill_the_floor(world, menu, tables=1)
        table = Table.objects.get(store=world.store, number=3)
        for _ in range(10):
            order_place(table=table, lines=[OrderLine(menu.stew.id, 1)])
        client = signed_in(world.manager)

        with django_assert_num_queries(9):
            assert client.get(f"/manager/tables/{table.id}/").status_code == 200
        assert Order.objects.filter(session__table=table).count() == 12


class TestHistory:
    def visit_ended_on(self, world, menu, time_machine, when) -> Order:
        time_machine.move_to(when)
        order = order_place(table=world.table, lines=[OrderLine(menu.stew.id, 3)])
        signed_in(world.manager).post(f"/manager/tables/{world.table.id}/complete/")
        return order

    def test_finds_visits_by_the_dates_they_ended_in(self, world, menu, time_machine):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        seoul = ZoneInfo("Asia/Seoul")
        early = self.visit_ended_on(
            world, menu, time_machine, datetime(2026, 11, 2, 20, tzinfo=seoul)
        )
        late = self.visit_ended_on(
            world, menu, time_machine, datetime(2026, 11, 20, 21, tzinfo=seoul)
        )
        client = signed_in(world.manager)
        url = f"/manager/tables/{world.table.id}/history/"

        november = client.get(url, {"date_from": "2026-11-01", "date_to": "2026-11-30"})
        first_week = client.get(url, {"date_from": "2026-11-01", "date_to": "2026-11-07"})
        last_seven_days = client.get(url)  # "today" is 20 November

        assert november.status_code == 200
        assert november.content.decode().count('class="past-visit"') == 2
        assert f"#{early.number}" in first_week.content.decode()
        assert f"#{late.number}" not in first_week.content.decode()
        assert "₩24,000" in first_week.content.decode()
        assert last_seven_days.content.decode().count('class="past-visit"') == 1
        assert f"#{late.number}" in last_seven_days.content.decode()

    def test_dates_the_wrong_way_round_are_refused_on_the_form(self, world):
        response = signed_in(world.manager).get(
            f"/manager/tables/{world.table.id}/history/",
            {"date_from": "2026-11-10", "date_to": "2026-11-01"},
        )

        assert response.status_code == 400
        assert "The first date must not be after the second." in response.content.decode()


class TestMenuOrder:
    def test_an_item_moves_up_and_down_within_its_category(self, world, menu):
        client = signed_in(world.manager)

        client.post(f"/manager/menu/items/{menu.stew.id}/move/", {"direction": "up"})

        mains = list(
            menu.mains.menu_items.filter(is_deleted=False)
            .order_by("display_order")
            .values_list("name", flat=True)
        )
        assert mains[:2] == ["Kimchi stew", "Bibimbap"]
        client.post(f"/manager/menu/items/{menu.stew.id}/move/", {"direction": "down"})
        mains = list(
            menu.mains.menu_items.filter(is_deleted=False)
            .order_by("display_order")
            .values_list("name", flat=True)
        )
        assert mains[:2] == ["Bibimbap", "Kimchi stew"]

    def test_editing_an_item_keeps_its_photo_unless_removed(
        self, world, menu, settings, tmp_path, django_capture_on_commit_callbacks
    ):
        import io

        from django.core.files.uploadedfile import SimpleUploadedFile
        from PIL import Image

        settings.MEDIA_ROOT = tmp_path
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), "#27ae60").save(buffer, format="PNG")
        client = signed_in(world.manager)
        fields = {"category": menu.mains.id, "name": "Kimchi stew", "price": 8000}

        client.post(
            f"/manager/menu/items/{menu.stew.id}/",
            {**fields, "image": SimpleUploadedFile("stew.png", buffer.getvalue())},
        )
        menu.stew.refresh_from_db()
        photo = menu.stew.image.name
        assert photo.endswith(".png")
        client.post(f"/manager/menu/items/{menu.stew.id}/", {**fields, "price": 8500})
        menu.stew.refresh_from_db()
        assert (menu.stew.price, menu.stew.image.name) == (8500, photo)

        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/manager/menu/items/{menu.stew.id}/", {**fields, "image-clear": "on"})

        menu.stew.refresh_from_db()
        assert not menu.stew.image
        assert not (tmp_path / photo).exists()

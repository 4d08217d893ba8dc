"""The kitchen stations' pages, /manager/menu/stations/: the store's stations with the categories
each makes, added, renamed, moved, deleted, and the station of each category; only the store's
manager gets in, and another store's manager reaches none of it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import signed_in
from menus.models import Category, Station

URL = "/manager/menu/stations/"


def station_names(store) -> list[str]:
    return [station.name for station in Station.objects.filter(store=store)]


def station_of(category: Category) -> int | None:
    return Category.objects.get(pk=category.pk).station_id


def messages_on(client: Client) -> str:
    """The page's messages, as the manager reads them after a button."""
    page = client.get(URL).content.decode()
    return " ".join(re.findall(r'<p class="message [^"]+">([^<]*)</p>', page))


@pytest.fixture
def kitchen(world) -> Station:
    return Station.objects.filter(store=world.store).order_by("position", "id").first()


@pytest.fixture
def client(world) -> Client:
    return signed_in(world.manager)


class TestList:
    def test_shows_each_station_in_order_with_what_it_makes(self, client, menu, kitchen, bar):
        body = client.get(URL).content.decode()

        first, second = (
            body.index(f'id="station-{kitchen.id}"'),
            body.index(f'id="station-{bar.id}"'),
        )
        assert first < second
        kitchen_row = body[first:second]
        # The mains are on no station: the first makes them, and the page says so.
        assert 'class="first-badge">First</span>' in kitchen_row
        assert "On no station: Mains" in kitchen_row
        bar_row = body[second : body.index("</tr>", second)]
        assert "Drinks" in bar_row
        assert "first-badge" not in bar_row
        assert "orders already in the kitchen keep their station" in body
        assert "The first station makes every category on no station, orders in the kitchen" in body

    def test_each_category_offers_the_stores_stations(self, client, menu, kitchen, bar):
        body = client.get(URL).content.decode()

        mains = re.search(rf'<select name="category-{menu.mains.id}".*?</select>', body, re.S)[0]
        assert re.findall(r'<option value="(\d*)"( selected)?>([^<]*)</option>', mains) == [
            ("", " selected", f"Not set: made at {kitchen.name}"),
            (str(kitchen.id), "", kitchen.name),
            (str(bar.id), "", "Bar"),
        ]
        drinks = re.search(rf'<select name="category-{menu.drinks.id}".*?</select>', body, re.S)[0]
        assert f'<option value="{bar.id}" selected>Bar</option>' in drinks
        # Another store's category is not on the page.
        their_category = Category.objects.get(store=menu.their_noodles.store)
        assert f'name="category-{their_category.id}"' not in body

    def test_without_categories_the_page_points_to_the_menu(self, client, world):
        body = client.get(URL).content.decode()

        assert "No categories yet: add them on the menu page." in body
        assert "<select" not in body

    def test_another_stores_manager_sees_only_their_own(self, world, menu, bar):
        body = signed_in(world.other_manager).get(URL).content.decode()

        assert f'id="station-{bar.id}"' not in body
        assert "Mains" not in body
        assert "Noodles" in body

    def test_the_store_settings_page_leads_here(self, client):
        body = client.get("/manager/store/").content.decode()

        assert f'href="{URL}"' in body
        assert 'href="/manager/kitchen-accounts/"' in body

    def test_the_top_bar_opens_the_kitchen_display(self, client):
        body = client.get(URL).content.decode()

        assert '<a href="/kitchen/">Kitchen</a>' in body

    @pytest.mark.parametrize("categories", [2, 30])
    def test_costs_the_same_queries_for_few_or_many(
        self, world, menu, bar, client, categories, django_assert_num_queries
    ):
        for number in range(categories):
            Category.objects.create(store=world.store, name=f"Category {number}", station=bar)

        # 1-3 session, manager, store; 4-5 the top bar's open calls and unseen orders;
        # 6 the stations, 7 the categories.
        with django_assert_num_queries(7):
            assert client.get(URL).status_code == 200


class TestAdd:
    def test_a_station_is_added_last(self, world, client, kitchen):
        response = client.post(URL, {"name": "Bar"})

        bar = Station.objects.get(store=world.store, name="Bar")
        assert response.status_code == 302
        assert response["Location"] == f"{URL}#station-{bar.id}"
        assert station_names(world.store) == [kitchen.name, "Bar"]
        assert "Station “Bar” added." in messages_on(client)

    @pytest.mark.parametrize(
        ("name", "error"),
        [("", "This field is required."), ("x" * 51, "at most 50 characters")],
    )
    def test_a_bad_name_is_a_form_error(self, world, client, name, error):
        response = client.post(URL, {"name": name})

        assert response.status_code == 400
        assert error in response.content.decode()
        assert Station.objects.filter(store=world.store).count() == 1

    def test_a_name_in_use_is_a_form_error(self, world, client, kitchen):
        response = client.post(URL, {"name": f" {kitchen.name} "})

        assert response.status_code == 400
        assert "Another station has this name." in response.content.decode()
        assert station_names(world.store) == [kitchen.name]


class TestRename:
    def test_a_station_is_renamed_and_keeps_its_categories(self, world, client, menu, bar):
        page = client.get(f"{URL}{bar.id}/")
        response = client.post(f"{URL}{bar.id}/", {"name": "Drinks bar"})

        assert 'value="Bar"' in page.content.decode()
        assert response.status_code == 302
        assert response["Location"] == f"{URL}#station-{bar.id}"
        assert Station.objects.get(pk=bar.pk).name == "Drinks bar"
        assert station_of(menu.drinks) == bar.id

    def test_a_name_in_use_is_a_form_error_under_the_old_heading(self, world, client, kitchen, bar):
        response = client.post(f"{URL}{bar.id}/", {"name": kitchen.name})

        assert response.status_code == 400
        body = response.content.decode()
        assert "Another station has this name." in body
        assert "<h1>Bar</h1>" in body
        assert Station.objects.get(pk=bar.pk).name == "Bar"


class TestMoveAndDelete:
    def test_a_station_moves_up_and_becomes_the_first(self, world, client, menu, kitchen, bar):
        response = client.post(f"{URL}{bar.id}/move/", {"direction": "up"})

        assert response.status_code == 302
        assert response["Location"] == f"{URL}#station-{bar.id}"
        assert station_names(world.store) == ["Bar", kitchen.name]
        body = client.get(URL).content.decode()
        bar_row = body[body.index(f'id="station-{bar.id}"') :]
        assert bar_row.index("first-badge") < bar_row.index("</tr>")
        assert "and, on no station: Mains" in bar_row[: bar_row.index("</tr>")]

    def test_a_station_is_deleted_and_its_categories_go_to_the_first(
        self, world, client, menu, kitchen, bar
    ):
        response = client.post(f"{URL}{bar.id}/delete/")

        assert response.status_code == 302
        assert response["Location"] == URL
        assert station_names(world.store) == [kitchen.name]
        assert station_of(menu.drinks) is None
        assert "Station “Bar” deleted" in messages_on(client)

    def test_the_last_station_is_kept_and_the_page_says_why(self, world, client, kitchen):
        response = client.post(f"{URL}{kitchen.id}/delete/")

        assert response.status_code == 302
        assert station_names(world.store) == [kitchen.name]
        assert "A store needs one station at the least: this is its last." in messages_on(client)


class TestRoutes:
    ROUTES = f"{URL}categories/"

    def test_each_category_goes_to_the_station_chosen(self, world, client, menu, kitchen, bar):
        response = client.post(
            self.ROUTES,
            {f"category-{menu.mains.id}": bar.id, f"category-{menu.drinks.id}": ""},
        )

        assert response.status_code == 302
        assert response["Location"] == f"{URL}#routes"
        assert (station_of(menu.mains), station_of(menu.drinks)) == (bar.id, None)
        assert "the next orders go there" in messages_on(client)

    def test_a_category_not_sent_stays_where_it_is(self, world, client, menu, bar):
        client.post(self.ROUTES, {f"category-{menu.mains.id}": bar.id})

        assert (station_of(menu.mains), station_of(menu.drinks)) == (bar.id, bar.id)

    def test_another_stores_station_is_refused_and_nothing_moves(self, world, client, menu, bar):
        theirs = Station.objects.get(store=world.other_store)

        client.post(
            self.ROUTES,
            {f"category-{menu.mains.id}": bar.id, f"category-{menu.drinks.id}": theirs.id},
        )

        assert (station_of(menu.mains), station_of(menu.drinks)) == (None, bar.id)
        assert "Drinks: Select a valid choice." in messages_on(client)

    def test_another_stores_category_is_left_alone(self, world, client, menu, bar):
        their_category = Category.objects.get(store=world.other_store)

        client.post(self.ROUTES, {f"category-{their_category.id}": bar.id})

        assert station_of(their_category) is None


class TestWhoGetsIn:
    """Every page and button, for each caller who must not get in."""

    @pytest.fixture
    def urls(self, kitchen, bar):
        """Each page (GET) and button (POST) of the stations, with what it would post."""
        return [
            ("get", URL, None),
            ("post", URL, {"name": "Grill"}),
            ("get", f"{URL}{bar.id}/", None),
            ("post", f"{URL}{bar.id}/", {"name": "Grill"}),
            ("post", f"{URL}{bar.id}/move/", {"direction": "up"}),
            ("post", f"{URL}{bar.id}/delete/", None),
            ("post", f"{URL}categories/", {}),
        ]

    def untouched(self, world, kitchen) -> None:
        assert station_names(world.store) == [kitchen.name, "Bar"]

    def test_an_anonymous_visitor_is_sent_to_the_login_page(self, world, kitchen, urls):
        for method, url, data in urls:
            response = getattr(Client(), method)(url, data)

            assert response.status_code == 302, url
            assert response["Location"] == f"/manager/login/?next={url}"
        self.untouched(world, kitchen)

    def test_platform_staff_are_refused(self, world, kitchen, staff_client, urls):
        for method, url, data in urls:
            assert getattr(staff_client, method)(url, data).status_code == 403, url
        self.untouched(world, kitchen)

    def test_a_kitchen_account_is_refused(self, world, kitchen, kitchen_account, urls):
        client = signed_in(kitchen_account)

        for method, url, data in urls:
            assert getattr(client, method)(url, data).status_code == 403, url
        self.untouched(world, kitchen)

    def test_another_stores_manager_finds_none_of_our_stations(self, world, kitchen, bar, urls):
        client = signed_in(world.other_manager)

        for method, url, data in urls:
            if str(bar.id) in url:
                assert getattr(client, method)(url, data).status_code == 404, url
        self.untouched(world, kitchen)

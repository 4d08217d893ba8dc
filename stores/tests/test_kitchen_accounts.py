"""The kitchen's accounts: the services that add one, give it a new password or remove it
(ending its sessions), and their page, /manager/kitchen-accounts/, for the store's manager
only."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import MANAGER_PASSWORD, signed_in
from core.errors import NotFound
from stores import services
from stores.models import StaffRole, User

URL = "/manager/kitchen-accounts/"
STRONG = "hot-pans-and-cold-beer-7"


def kitchen_names(store) -> list[str]:
    return sorted(
        User.objects.filter(store=store, role=StaffRole.KITCHEN).values_list("username", flat=True)
    )


def signed_in_display(account: User) -> Client:
    """The kitchen's screen, signed in with ``account``."""
    client = signed_in(account)
    assert not is_signed_out(client)
    return client


def is_signed_out(client: Client) -> bool:
    """Whether the sign-in page asks the screen to sign in (rather than sending it on to the
    kitchen display): its session no longer holds a user."""
    response = client.get("/manager/login/")
    if response.status_code == 302:
        assert response["Location"] == "/kitchen/"
        return False
    assert response.status_code == 200
    return True


class TestCreate:
    def test_a_kitchen_account_signs_in_and_lands_on_the_display(self, world):
        account = services.kitchen_account_create(
            store=world.store, username=" grill ", password=STRONG
        )

        assert (account.username, account.role, account.store) == (
            "grill",
            StaffRole.KITCHEN,
            world.store,
        )
        assert account.is_kitchen_staff
        assert not account.is_manager
        assert not account.is_staff
        response = Client().post(
            "/manager/login/", {"store": "alpha", "username": "grill", "password": STRONG}
        )
        assert response.status_code == 302
        assert response["Location"] == "/kitchen/"

    @pytest.mark.parametrize("password", ["short", "12345678901", "password123", "grill123"])
    def test_the_password_validators_apply(self, world, password):
        with pytest.raises(ValidationError) as refused:
            services.kitchen_account_create(store=world.store, username="grill", password=password)

        assert list(refused.value.error_dict) == ["password"]
        assert kitchen_names(world.store) == []

    @pytest.mark.parametrize("username", ["manager", "Manager", "kitchen"])
    def test_a_name_in_use_in_the_store_is_refused(self, world, kitchen_account, username):
        with pytest.raises(ValidationError) as refused:
            services.kitchen_account_create(store=world.store, username=username, password=STRONG)

        assert refused.value.message_dict == {
            "username": ["This store already has an account with this name."]
        }
        assert User.objects.filter(store=world.store).count() == 2

    def test_another_store_may_use_the_name(self, world, kitchen_account):
        account = services.kitchen_account_create(
            store=world.other_store, username="kitchen", password=STRONG
        )

        assert account.store == world.other_store

    @pytest.mark.parametrize("username", ["", "a b", "x" * 151])
    def test_a_bad_username_is_refused(self, world, username):
        with pytest.raises(ValidationError) as refused:
            services.kitchen_account_create(store=world.store, username=username, password=STRONG)

        assert "username" in refused.value.error_dict


class TestPassword:
    def test_a_new_password_signs_its_screens_out(self, world, kitchen_account):
        screen = signed_in_display(kitchen_account)
        manager = signed_in(world.manager)

        services.kitchen_account_set_password(account=kitchen_account, password=STRONG)

        assert is_signed_out(screen)
        assert manager.get("/manager/").status_code == 200  # the manager's own session stays
        assert services.manager_login(
            store_code="alpha", username="kitchen", password=STRONG, kitchen_accounts=True
        ) == User.objects.get(pk=kitchen_account.pk)

    def test_the_password_validators_apply(self, world, kitchen_account):
        screen = signed_in_display(kitchen_account)

        with pytest.raises(ValidationError) as refused:
            services.kitchen_account_set_password(account=kitchen_account, password="1234")

        assert list(refused.value.error_dict) == ["password"]
        assert User.objects.get(pk=kitchen_account.pk).check_password(MANAGER_PASSWORD)
        assert not is_signed_out(screen)

    def test_a_manager_is_no_kitchen_account(self, world):
        with pytest.raises(NotFound):
            services.kitchen_account_set_password(account=world.manager, password=STRONG)

        assert User.objects.get(pk=world.manager.pk).check_password(MANAGER_PASSWORD)


class TestDelete:
    def test_a_removed_account_is_signed_out_and_its_name_is_free(self, world, kitchen_account):
        screen = signed_in_display(kitchen_account)

        services.kitchen_account_delete(account=kitchen_account)

        assert is_signed_out(screen)
        assert not User.objects.filter(pk=kitchen_account.pk).exists()
        again = services.kitchen_account_create(
            store=world.store, username="kitchen", password=STRONG
        )
        assert again.pk != kitchen_account.pk

    def test_a_manager_is_never_removed_here(self, world):
        with pytest.raises(NotFound):
            services.kitchen_account_delete(account=world.manager)

        assert User.objects.filter(pk=world.manager.pk).exists()


# --- The page ------------------------------------------------------------------------------


@pytest.fixture
def client(world) -> Client:
    return signed_in(world.manager)


def messages_on(client: Client) -> str:
    page = client.get(URL).content.decode()
    return " ".join(re.findall(r'<p class="message [^"]+">([^<]*)</p>', page))


@pytest.fixture
def their_account(world) -> User:
    return services.manager_create(
        store=world.other_store,
        username="their-kitchen",
        password=MANAGER_PASSWORD,
        role=StaffRole.KITCHEN,
        check_password_strength=False,
    )


class TestPage:
    def test_lists_the_stores_kitchen_accounts_only(self, client, kitchen_account, their_account):
        body = client.get(URL).content.decode()

        assert f'id="account-{kitchen_account.id}"' in body
        assert "<strong>kitchen</strong>" in body
        assert "<strong>manager</strong>" not in body  # managers are not listed
        assert "their-kitchen" not in body
        assert "with the store code <strong>alpha</strong>" in body

    def test_says_so_when_there_are_none(self, client):
        assert "No kitchen accounts yet" in client.get(URL).content.decode()

    def test_a_manager_adds_an_account(self, world, client):
        response = client.post(URL, {"username": "grill", "password": STRONG})

        account = User.objects.get(store=world.store, username="grill")
        assert response.status_code == 302
        assert response["Location"] == f"{URL}#account-{account.id}"
        assert account.role == StaffRole.KITCHEN
        assert account.check_password(STRONG)
        assert "Kitchen account “grill” added." in messages_on(client)

    @pytest.mark.parametrize(
        ("data", "field", "error"),
        [
            ({"username": "grill", "password": "1234"}, "password", "This password is too short."),
            ({"username": "manager", "password": STRONG}, "username", "already has an account"),
            ({"username": "", "password": STRONG}, "username", "This field is required."),
        ],
    )
    def test_a_refusal_is_shown_on_its_field(self, world, client, data, field, error):
        response = client.post(URL, data)

        assert response.status_code == 400
        body = response.content.decode()
        block = body[body.index(f'name="{field}"') :]
        assert error in block[: block.index("</div>")]
        assert STRONG not in body  # a password is never shown again
        assert kitchen_names(world.store) == []

    def test_a_manager_gives_an_account_a_new_password(self, client, kitchen_account):
        screen = signed_in_display(kitchen_account)
        url = f"{URL}{kitchen_account.id}/password/"

        page = client.get(url)
        response = client.post(url, {"password": STRONG})

        assert page.status_code == 200
        assert "<h1>kitchen</h1>" in page.content.decode()
        assert response.status_code == 302
        assert response["Location"] == f"{URL}#account-{kitchen_account.id}"
        assert User.objects.get(pk=kitchen_account.pk).check_password(STRONG)
        assert is_signed_out(screen)
        assert "its screens are signed out" in messages_on(client)

    def test_a_weak_new_password_is_a_form_error(self, client, kitchen_account):
        response = client.post(f"{URL}{kitchen_account.id}/password/", {"password": "kitchen"})

        assert response.status_code == 400
        assert "too short" in response.content.decode()
        assert User.objects.get(pk=kitchen_account.pk).check_password(MANAGER_PASSWORD)

    def test_a_manager_removes_an_account(self, world, client, kitchen_account):
        screen = signed_in_display(kitchen_account)

        response = client.post(f"{URL}{kitchen_account.id}/delete/")

        assert response.status_code == 302
        assert response["Location"] == URL
        assert kitchen_names(world.store) == []
        assert is_signed_out(screen)
        assert "Kitchen account “kitchen” removed" in messages_on(client)

    def test_a_manager_is_not_reached_through_these_pages(self, world, client):
        assert client.get(f"{URL}{world.manager.id}/password/").status_code == 404
        assert client.post(f"{URL}{world.manager.id}/delete/").status_code == 404
        assert User.objects.filter(pk=world.manager.pk).exists()

    @pytest.mark.parametrize("accounts", [1, 20])
    def test_costs_the_same_queries_for_few_or_many(
        self, world, client, accounts, django_assert_num_queries
    ):
        for number in range(accounts):
            services.manager_create(
                store=world.store,
                username=f"screen-{number}",
                password=MANAGER_PASSWORD,
                role=StaffRole.KITCHEN,
                check_password_strength=False,
            )

        # 1-3 session, manager, store; 4-5 the top bar's open calls and unseen orders;
        # 6 the accounts.
        with django_assert_num_queries(6):
            assert client.get(URL).status_code == 200


class TestWhoGetsIn:
    @pytest.fixture
    def urls(self, kitchen_account):
        account = kitchen_account.id
        return [
            ("get", URL, None),
            ("post", URL, {"username": "grill", "password": STRONG}),
            ("get", f"{URL}{account}/password/", None),
            ("post", f"{URL}{account}/password/", {"password": STRONG}),
            ("post", f"{URL}{account}/delete/", None),
        ]

    def untouched(self, world, kitchen_account) -> None:
        assert kitchen_names(world.store) == ["kitchen"]
        assert User.objects.get(pk=kitchen_account.pk).check_password(MANAGER_PASSWORD)

    def test_an_anonymous_visitor_is_sent_to_the_login_page(self, world, kitchen_account, urls):
        for method, url, data in urls:
            response = getattr(Client(), method)(url, data)

            assert response.status_code == 302, url
            assert response["Location"] == f"/manager/login/?next={url}"
        self.untouched(world, kitchen_account)

    def test_platform_staff_are_refused(self, world, kitchen_account, staff_client, urls):
        for method, url, data in urls:
            assert getattr(staff_client, method)(url, data).status_code == 403, url
        self.untouched(world, kitchen_account)

    def test_a_kitchen_account_is_refused_even_its_own(self, world, kitchen_account, urls):
        client = signed_in(kitchen_account)

        for method, url, data in urls:
            assert getattr(client, method)(url, data).status_code == 403, url
        self.untouched(world, kitchen_account)

    def test_another_stores_manager_finds_none_of_our_accounts(self, world, kitchen_account, urls):
        client = signed_in(world.other_manager)

        for method, url, data in urls:
            if url != URL:
                assert getattr(client, method)(url, data).status_code == 404, url
        self.untouched(world, kitchen_account)

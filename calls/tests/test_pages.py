"""The manager's pages for staff calls: the calls on the floor, one-tap answers, the top
bar's count on every page, and the reasons a store offers. (Who may not get in:
tests/test_manager_pages.py walks every page.)"""

from __future__ import annotations

import pytest

from calls import services
from calls.models import CallReason, CallSettings, StaffCall
from conftest import signed_in


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def call(world):
    return services.staff_call_create(
        table=world.table, reason_code="other", text="A high chair"
    ).call


class TestTheFloor:
    def test_every_page_counts_the_open_calls(self, world, call):
        services.staff_call_create(table=world.their_table, reason_code="water")
        client = signed_in(world.manager)

        for url in ("/manager/", "/manager/menu/", "/manager/store/"):
            body = client.get(url).content.decode()
            assert 'class="open-calls" href="/manager/calls/" data-count="1"' in body
            assert ">1 call</a>" in body

    def test_the_badge_alone(self, world, call):
        response = signed_in(world.manager).get("/manager/calls/open/")
        assert 'data-count="1"' in response.content.decode()
        services.staff_call_resolve(call=call, actor=world.manager)
        response = signed_in(world.manager).get("/manager/calls/open/")
        assert 'data-count="0" hidden' in response.content.decode()

    def test_the_call_on_its_tables_card(self, world, call):
        client = signed_in(world.manager)

        for url in ("/manager/", f"/manager/tables/{world.table.id}/card/"):
            body = client.get(url).content.decode()
            assert f'id="call-{call.id}"' in body
            assert "“A high chair”" in body
            assert f'action="/manager/calls/{call.id}/acknowledge/"' in body
            assert f'action="/manager/calls/{call.id}/resolve/"' in body
        card = client.get(f"/manager/tables/{world.other_table.id}/card/").content.decode()
        assert "staff-call" not in card

    def test_the_open_calls_page(self, world, call):
        body = signed_in(world.manager).get("/manager/calls/").content.decode()
        assert "Table 1" in body
        assert "“A high chair”" in body
        assert 'name="next" value="/manager/calls/"' in body
        fragment = signed_in(world.manager).get("/manager/calls/?fragment=list")
        assert fragment.content.decode().startswith('<div id="call-list"')


class TestAnswers:
    def test_acknowledge_then_resolve_in_one_tap_each(self, world, call):
        client = signed_in(world.manager)

        response = client.post(f"/manager/calls/{call.id}/acknowledge/", follow=True)

        assert response.redirect_chain == [("/manager/", 302)]
        assert "Table 1: on the way." in response.content.decode()
        call.refresh_from_db()
        assert call.status == "acknowledged"
        assert call.acknowledged_by == f"manager:{world.manager.id}:manager"
        body = client.get("/manager/").content.decode()
        assert f'action="/manager/calls/{call.id}/acknowledge/"' not in body  # done already

        response = client.post(
            f"/manager/calls/{call.id}/resolve/", {"next": "/manager/calls/"}, follow=True
        )

        assert response.redirect_chain == [("/manager/calls/", 302)]
        assert "No open calls." in response.content.decode()
        call.refresh_from_db()
        assert call.status == "resolved"

    def test_a_refusal_is_a_message(self, world, call):
        services.staff_call_resolve(call=call, actor=world.manager)
        response = signed_in(world.manager).post(
            f"/manager/calls/{call.id}/acknowledge/", follow=True
        )
        assert "This call was already resolved." in response.content.decode()


class TestReasonsPage:
    def post(self, client, store, **fields):
        reasons = list(CallReason.objects.filter(store=store))
        data = {"cooldown_seconds": "30", "new_label": "", "reason": [r.id for r in reasons]}
        data.update({f"active-{r.id}": "on" for r in reasons})
        data.update(fields)
        return client.post("/manager/calls/reasons/", data)

    def test_shows_the_reasons_in_order(self, world):
        body = signed_in(world.manager).get("/manager/calls/reasons/").content.decode()
        order = [body.index(f'placeholder="{name}"') for name in ("Water", "Cutlery", "Other")]
        assert order == sorted(order)
        assert 'name="cooldown_seconds" value="30"' in body

    def test_saves_names_offers_order_cooldown_and_a_new_reason(self, world):
        water, cutlery, napkins, bill, other = CallReason.objects.filter(store=world.store)
        client = signed_in(world.manager)
        data = {
            "cooldown_seconds": "60",
            "new_label": "A high chair",
            "reason": [bill.id, water.id, cutlery.id, napkins.id, other.id],
            f"label-{bill.id}": "The check",
            **{f"active-{r.id}": "on" for r in (bill, water, napkins, other)},
        }

        response = client.post("/manager/calls/reasons/", data)

        assert response.status_code == 302
        saved = [
            (r.code, r.display_label, r.is_active)
            for r in CallReason.objects.filter(store=world.store)
        ]
        assert saved[:3] == [("bill", "The check", True), ("water", "Water", True),
                             ("cutlery", "Cutlery", False)]  # fmt: skip
        assert saved[-1][1:] == ("A high chair", True)
        assert CallSettings.objects.get(store=world.store).cooldown_seconds == 60

    def test_a_bad_cooldown_is_shown_on_the_form(self, world):
        response = self.post(signed_in(world.manager), world.store, cooldown_seconds="9999")
        assert response.status_code == 400
        assert CallSettings.objects.get(store=world.store).cooldown_seconds == 30

    def test_another_stores_reasons_are_left_alone(self, world):
        theirs = list(CallReason.objects.filter(store=world.other_store))
        client = signed_in(world.manager)
        data = {"cooldown_seconds": "30", "reason": [r.id for r in theirs]}
        data.update({f"label-{r.id}": "Taken over" for r in theirs})

        response = client.post("/manager/calls/reasons/", data)

        assert response.status_code == 400
        assert not CallReason.objects.filter(label="Taken over").exists()
        assert StaffCall.objects.count() == 0


def test_a_guests_words_are_shown_as_text(world):
    call = services.staff_call_create(
        table=world.table, reason_code="other", text="<b>now</b><script>x()</script>"
    ).call
    for url in ("/manager/", "/manager/calls/"):
        body = signed_in(world.manager).get(url).content.decode()
        assert "&lt;b&gt;now&lt;/b&gt;&lt;script&gt;" in body
        assert "<script>x()" not in body
    assert call.text.startswith("<b>")

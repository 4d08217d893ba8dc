"""The manager's pages for staff calls: the calls on the floor, one-tap answers (a redirect
without JavaScript, the call redrawn in JSON with it), the day's resolved calls, the top
bar's count on every page, and the reasons a store offers. (Who may not get in:
tests/test_manager_pages.py walks every page.)"""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.test import Client

from calls import services
from calls.models import CallReason, CallSettings, StaffCall
from calls.tests.conftest import at
from calls.tests.test_api import manager_call
from conftest import ISO_UTC_MILLIS, signed_in

# What a browser's own form post asks for, and what call-actions.js asks for.
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
JSON = {"HTTP_ACCEPT": "application/json"}


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


class TestAnswersInPlace:
    """What call-actions.js sends: the form as it is, asking for JSON."""

    def post(self, client, call, action, **fields):
        response = client.post(f"/manager/calls/{call.id}/{action}/", fields, **JSON)
        assert response["Content-Type"] == "application/json"
        return response.status_code, json.loads(response.content)

    def test_acknowledged_on_the_calls_page_comes_back_redrawn(self, world, call):
        status, body = self.post(
            signed_in(world.manager), call, "acknowledge", next="/manager/calls/"
        )

        assert status == 200
        call.refresh_from_db()
        assert call.acknowledged_by == f"manager:{world.manager.id}:manager"
        html = body.pop("html")
        assert body == {"detail": "Table 1: on the way.", "call": manager_call(call)}
        assert body["call"]["status"] == "acknowledged"
        # The call as the calls page draws it: its table, the one button left, the way back.
        assert html.startswith(f'<div class="staff-call call-acknowledged" id="call-{call.id}"')
        assert '<span class="call-table">Table 1</span>' in html
        assert "/acknowledge/" not in html
        assert f'action="/manager/calls/{call.id}/resolve/" data-call-action>' in html
        assert '<input type="hidden" name="next" value="/manager/calls/">' in html
        assert 'name="csrfmiddlewaretoken"' in html

    def test_a_next_of_another_site_is_not_drawn_back(self, world, call):
        _, body = self.post(signed_in(world.manager), call, "acknowledge", next="https://x.test/")
        assert "x.test" not in body["html"]

    def test_resolved_it_has_nothing_to_draw(self, world, call):
        status, body = self.post(signed_in(world.manager), call, "resolve")

        assert status == 200
        call.refresh_from_db()
        assert body == {"detail": "Table 1: call done.", "call": manager_call(call), "html": None}
        assert body["call"]["status"] == "resolved"
        assert call.resolved_by == f"manager:{world.manager.id}:manager"

    def test_resolved_already_is_a_409_with_the_call_as_it_is(self, world, call):
        services.staff_call_resolve(call=call, actor=world.other_manager)

        status, body = self.post(signed_in(world.manager), call, "acknowledge")

        assert status == 409
        call.refresh_from_db()
        assert ISO_UTC_MILLIS.match(body.pop("timestamp"))
        assert body == {
            "detail": "This call was already resolved.",
            "error_code": "CALL_RESOLVED",
            "call": manager_call(call),
            "html": None,
        }
        assert call.acknowledged_at is None

    def test_resolving_twice_changes_nothing(self, world, call):
        client = signed_in(world.manager)
        self.post(client, call, "resolve")
        call.refresh_from_db()

        status, body = self.post(client, call, "resolve")

        assert (status, body["html"]) == (200, None)
        assert StaffCall.objects.get(pk=call.pk).resolved_at == call.resolved_at

    def test_another_stores_manager_finds_nothing(self, world, call):
        response = signed_in(world.other_manager).post(f"/manager/calls/{call.id}/resolve/", **JSON)

        assert response.status_code == 404
        call.refresh_from_db()
        assert call.status == "open"
        assert "A high chair" not in response.content.decode()

    def test_the_forms_csrf_token_is_needed(self, world, call):
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.manager)

        response = client.post(f"/manager/calls/{call.id}/resolve/", **JSON)

        assert response.status_code == 403
        call.refresh_from_db()
        assert call.status == "open"

    def test_a_browsers_own_post_is_still_sent_back(self, world, call):
        response = signed_in(world.manager).post(
            f"/manager/calls/{call.id}/acknowledge/",
            {"next": "/manager/calls/"},
            HTTP_ACCEPT=BROWSER_ACCEPT,
        )

        assert (response.status_code, response["Location"]) == (302, "/manager/calls/")


def resolved_rows(body: str) -> list[str]:
    """The resolved calls' table: each row's cells' text, " | " between."""
    table = body[body.index('<table class="data-table">') : body.index("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    return [
        " | ".join(text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
        for row in rows
    ]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


class TestResolvedCalls:
    @pytest.fixture
    def evening(self, world, answered, time_machine):
        """Two calls answered on the evening of 20 November, and one of the day before; it is
        21:00 now."""
        answered(world.table, called=at(19, 20), resolved=at(19, 20, 2))
        first = answered(
            world.table,
            called=at(20, 19),
            acknowledged=at(20, 19, 0, 40),
            resolved=at(20, 19, 3, 20),
            reason="other",
            text="A high chair",
        )
        second = answered(world.other_table, called=at(20, 20), resolved=at(20, 20, 1))
        time_machine.move_to(at(20, 21), tick=False)
        return first, second

    def test_todays_newest_first_with_how_long_they_took(self, world, evening):
        body = signed_in(world.manager).get("/manager/calls/").content.decode()

        assert 'Resolved calls <span class="muted">2026-11-20</span>' in body
        assert resolved_rows(body) == [
            "2 | 물 | 20:00 | — | 1 min 0 s · manager",
            "1 | 기타 “A high chair” | 19:00 | 40 s · manager | 3 min 20 s · manager",
        ]
        assert 'href="?day=2026-11-19" rel="prev"' in body
        assert 'rel="next"' not in body  # no day after today
        assert 'href="?">Today</a>' not in body

    def test_another_day(self, world, evening):
        body = signed_in(world.manager).get("/manager/calls/?day=2026-11-19").content.decode()

        assert resolved_rows(body) == ["1 | 물 | 20:00 | — | 2 min 0 s · manager"]
        assert 'href="?day=2026-11-18" rel="prev"' in body
        assert 'href="?day=2026-11-20" rel="next"' in body
        assert 'href="?">Today</a>' in body
        body = signed_in(world.manager).get("/manager/calls/?day=2026-11-18").content.decode()
        assert resolved_rows(body) == ["No calls were resolved on this day."]

    def test_another_stores_calls_never_appear(self, world, evening):
        body = signed_in(world.other_manager).get("/manager/calls/").content.decode()

        assert resolved_rows(body) == ["No calls were resolved on this day."]
        assert "A high chair" not in body

    @pytest.mark.parametrize("day", ["yesterday", "2026-13-01", "1999-12-31", "2100-01-01"])
    def test_a_day_that_is_none_is_refused(self, world, evening, day):
        response = signed_in(world.manager).get(f"/manager/calls/?day={day}")

        assert response.status_code == 400
        body = response.content.decode()
        assert '<p class="form-error" role="alert">' in body
        assert '<table class="data-table">' not in body
        assert 'href="?">Today</a>' in body

    def test_fifty_a_page(self, world, answered, time_machine):
        first = at(20, 12)
        for n in range(51):
            called = first + timedelta(minutes=n)
            answered(world.table, called=called, resolved=called + timedelta(seconds=30))
        time_machine.move_to(at(20, 21), tick=False)
        client = signed_in(world.manager)

        body = client.get("/manager/calls/").content.decode()

        assert len(resolved_rows(body)) == 50
        assert resolved_rows(body)[0].startswith("1 | 물 | 12:50 |")
        assert "<span>1 / 2</span>" in body
        assert 'href="?day=2026-11-20&amp;page=2">Older →</a>' in body
        body = client.get("/manager/calls/?day=2026-11-20&page=2").content.decode()
        assert resolved_rows(body) == ["1 | 물 | 12:00 | — | 30 s · manager"]
        assert 'href="?day=2026-11-20&amp;page=1">← Newer</a>' in body

    @pytest.mark.parametrize("calls", [1, 12])
    def test_what_the_page_costs(
        self, world, answered, time_machine, calls, django_assert_num_queries
    ):
        for n in range(calls):
            table = (world.table, world.other_table)[n % 2]
            called = at(20, 12) + timedelta(minutes=n)
            answered(table, called=called, acknowledged=called, resolved=called)
        time_machine.move_to(at(20, 21), tick=False)
        services.staff_call_create(table=world.table, reason_code="bill")
        client = signed_in(world.manager)

        # 1 the session, 2 its manager, 3 the manager's store; 4 how many calls the day's
        # resolved (the pager's count); then as the page shows them: 5 the top bar's count of
        # open calls, 6 its count of new orders, 7 the open calls with their tables, 8 the
        # page of resolved calls with their tables.
        with django_assert_num_queries(8):
            response = client.get("/manager/calls/?day=2026-11-20")
        assert len(resolved_rows(response.content.decode())) == calls

    def test_the_fragment_live_fetches_is_both_lists_of_the_day_shown(self, world, evening, call):
        client = signed_in(world.manager)

        page = client.get("/manager/calls/?day=2026-11-19").content.decode()
        fragment = client.get("/manager/calls/?day=2026-11-19&fragment=list").content.decode()

        assert 'data-list-url="/manager/calls/?day=2026-11-19&amp;fragment=list"' in page
        assert fragment.startswith('<div id="call-list">')
        assert f'id="call-{call.id}"' in fragment
        assert resolved_rows(fragment) == ["1 | 물 | 20:00 | — | 2 min 0 s · manager"]
        assert "<html" not in fragment


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
    body = signed_in(world.manager).get("/manager/calls/").content.decode()
    assert "&lt;b&gt;now&lt;/b&gt;&lt;script&gt;" in body
    assert "<script>x()" not in body
    assert call.text.startswith("<b>")

"""Staff calls: a table calls, a manager acknowledges and resolves; completing a table
resolves its open call. And the reasons a store offers, with its cooldown.

Every change is announced live (``calls.live_events``), stored in the change's transaction
and delivered once it commits. A call locks its table's row first, as every change at a
table does (``orders.services``): two taps at once make one call.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from calls import live_events, selectors
from calls.errors import CallResolved, CallTooSoon
from calls.models import (
    COOLDOWN_MAX_SECONDS,
    DEFAULT_REASONS,
    REASON_LABEL_MAX_LENGTH,
    CallReason,
    CallSettings,
    StaffCall,
)
from stores.actors import Actor, actor_label
from stores.models import Store, Table

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallMade:
    """The table's open call, and whether this request made it (else it was open already)."""

    call: StaffCall
    created: bool


@transaction.atomic
def staff_call_create(*, table: Table, reason_code: str, text: str = "") -> CallMade:
    """The table calls the staff for ``reason_code`` (one of the store's offered reasons;
    ``text`` only for "other"). A call still open is the answer, unchanged: a table has one
    open call at a time. Otherwise a table that called less than the store's cooldown ago is
    refused (``CallTooSoon``, with the seconds left)."""
    table = (
        Table.objects.select_for_update(of=("self",))
        .select_related("store")
        .get(pk=table.pk, deleted_at=None)
    )
    open_call = selectors.table_open_call(table=table)
    if open_call is not None:
        return CallMade(open_call, created=False)
    reason = selectors.store_call_reasons(store=table.store, offered_only=True).filter(
        code=reason_code
    )
    reason = reason.first()
    if reason is None:
        raise ValidationError({"reason": [_("This store offers no such reason.")]})
    text = text.strip()
    if text and not reason.takes_text:
        raise ValidationError({"text": [_("Only a call for another reason takes a text.")]})
    now = timezone.now()
    next_at = selectors.table_next_call_at(table=table, now=now)
    if next_at is not None:
        raise CallTooSoon(retry_after_seconds=math.ceil((next_at - now).total_seconds()))
    with translation.override(table.store.language):  # kept as the store reads it
        label = reason.display_label
    call = StaffCall.objects.create(
        store_id=table.store_id,
        table=table,
        visit=table.visits.filter(ended_at=None).first(),
        reason=reason,
        reason_code=reason.code,
        reason_label=label,
        text=text,
        created_at=now,
    )
    live_events.publish_staff_call(call)
    logger.info(
        "Staff called",
        extra={"store_id": table.store_id, "table_id": table.id, "call_id": call.id},
    )
    return CallMade(call, created=True)


@transaction.atomic
def staff_call_acknowledge(*, call: StaffCall, actor: Actor) -> StaffCall:
    """Someone is on the way. Acknowledging twice changes nothing; a resolved call is
    ``CallResolved``."""
    call = _lock_call(call)
    if call.resolved_at is not None:
        raise CallResolved()
    if call.acknowledged_at is not None:
        return call
    call.acknowledged_at = timezone.now()
    call.acknowledged_by = actor_label(actor)
    call.save(update_fields=["acknowledged_at", "acknowledged_by"])
    live_events.publish_staff_call_updated(call)
    logger.info("Staff call acknowledged", extra=_log_fields(call))
    return call


@transaction.atomic
def staff_call_resolve(*, call: StaffCall, actor: Actor) -> StaffCall:
    """Done: the call leaves the floor and stays in the store's history. Resolving twice
    changes nothing."""
    return _resolve(_lock_call(call), actor)


@transaction.atomic
def table_calls_resolve(*, table: Table, actor: Actor) -> list[StaffCall]:
    """Resolve the table's open call, if any (the table is being completed)."""
    calls = StaffCall.objects.select_for_update(of=("self",)).select_related("table")
    return [_resolve(call, actor) for call in calls.filter(table=table, resolved_at=None)]


def _resolve(call: StaffCall, actor: Actor) -> StaffCall:
    if call.resolved_at is not None:
        return call
    call.resolved_at = timezone.now()
    call.resolved_by = actor_label(actor)
    call.save(update_fields=["resolved_at", "resolved_by"])
    live_events.publish_staff_call_updated(call)
    logger.info("Staff call resolved", extra=_log_fields(call))
    return call


def _lock_call(call: StaffCall) -> StaffCall:
    return StaffCall.objects.select_for_update(of=("self",)).select_related("table").get(pk=call.pk)


def _log_fields(call: StaffCall) -> dict:
    return {"store_id": call.store_id, "table_id": call.table_id, "call_id": call.id}


@dataclass(frozen=True)
class ReasonInput:
    """One of the store's reasons as the page edits it: its name (empty: the default's) and
    whether it is offered."""

    id: int
    label: str
    is_active: bool


def call_defaults_create(*, store: Store) -> None:
    """The store's call settings and the default reasons, unless it has them."""
    CallSettings.objects.get_or_create(store=store)
    have = set(CallReason.objects.filter(store=store).values_list("code", flat=True))
    CallReason.objects.bulk_create(
        CallReason(store=store, code=code, position=position)
        for position, code in enumerate(DEFAULT_REASONS, start=1)
        if code not in have
    )


@transaction.atomic
def call_reasons_update(
    *,
    store: Store,
    cooldown_seconds: int,
    reasons: Sequence[ReasonInput],
    new_label: str = "",
) -> None:
    """Save the store's cooldown and its reasons, in the order given (every one of the
    store's reasons, each once), and add a reason named ``new_label`` at the end."""
    if not 0 <= cooldown_seconds <= COOLDOWN_MAX_SECONDS:
        raise ValidationError(
            {"cooldown_seconds": [_("From 0 to %(max)d seconds.") % {"max": COOLDOWN_MAX_SECONDS}]}
        )
    existing = {reason.id: reason for reason in CallReason.objects.filter(store=store)}
    if sorted(reason.id for reason in reasons) != sorted(existing):
        raise ValidationError(_("The list of reasons changed meanwhile; please try again."))
    for position, given in enumerate(reasons, start=1):
        reason = existing[given.id]
        label = given.label.strip()
        if not label and reason.code not in DEFAULT_REASONS:
            raise ValidationError({"label": [_("A reason of your own needs a name.")]})
        reason.label, reason.is_active, reason.position = label, given.is_active, position
    for label in (*(r.label for r in existing.values()), new_label.strip()):
        if len(label) > REASON_LABEL_MAX_LENGTH:
            raise ValidationError({"label": [_("A name has at most 60 characters.")]})
    CallReason.objects.bulk_update(existing.values(), ["label", "is_active", "position"])
    if new_label.strip():
        last = CallReason.objects.filter(store=store).aggregate(Max("id"))["id__max"] or 0
        CallReason.objects.create(
            store=store,
            code=f"custom-{last + 1}",
            label=new_label.strip(),
            position=len(existing) + 1,
        )
    CallSettings.objects.update_or_create(
        store=store, defaults={"cooldown_seconds": cooldown_seconds}
    )
    logger.info("Call reasons saved", extra={"store_id": store.id})

"""The live events about staff calls: ``staff_call`` when a table calls,
``staff_call_updated`` when a manager acknowledges or resolves it. Both go to the store (with
who answered) and to the calling table."""

from __future__ import annotations

from calls.models import StaffCall
from calls.serializers import ManagerStaffCallSerializer, StaffCallSerializer
from live.channels import store_channel, table_channel
from live.publish import publish

STAFF_CALL = "staff_call"
STAFF_CALL_UPDATED = "staff_call_updated"


def publish_staff_call(call: StaffCall) -> None:
    _publish(STAFF_CALL, call)


def publish_staff_call_updated(call: StaffCall) -> None:
    _publish(STAFF_CALL_UPDATED, call)


def _publish(event_type: str, call: StaffCall) -> None:
    publish(
        event_type, ManagerStaffCallSerializer(call).data, channels=[store_channel(call.store_id)]
    )
    publish(event_type, StaffCallSerializer(call).data, channels=[table_channel(call.table_id)])

"""The contract's CallReason, StaffCall and ManagerStaffCall, and the bodies the call
endpoints take."""

from __future__ import annotations

from rest_framework import serializers

from calls.models import CALL_TEXT_MAX_LENGTH, CallReason, CallStatus, StaffCall
from core.serializers import ContractModelSerializer, StrictCharField


class CallReasonSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="display_label")
    takes_text = serializers.BooleanField()

    class Meta:
        model = CallReason
        fields = ["code", "label", "takes_text"]


class CallTableSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()


class StaffCallSerializer(ContractModelSerializer):
    """A call as its table sees it."""

    table = CallTableSerializer()
    session_id = serializers.IntegerField(source="visit_id", allow_null=True)
    reason = serializers.CharField(source="reason_code")
    status = serializers.ChoiceField(choices=CallStatus.choices)

    class Meta:
        model = StaffCall
        fields = [
            "id",
            "table",
            "session_id",
            "reason",
            "reason_label",
            "text",
            "status",
            "created_at",
            "acknowledged_at",
            "resolved_at",
        ]


class ManagerStaffCallSerializer(StaffCallSerializer):
    """A call as the store's managers see it: who answered it, too."""

    class Meta(StaffCallSerializer.Meta):
        fields = [*StaffCallSerializer.Meta.fields, "acknowledged_by", "resolved_by"]


class StaffCallCreateSerializer(serializers.Serializer):
    reason = StrictCharField(max_length=30)
    text = StrictCharField(max_length=CALL_TEXT_MAX_LENGTH, required=False, allow_blank=True)


class TabletCallStateSerializer(serializers.Serializer):
    """What the tablet's button needs: the open call, what may be called for, and when."""

    call = StaffCallSerializer(allow_null=True)
    reasons = CallReasonSerializer(many=True)
    cooldown_seconds = serializers.IntegerField()
    next_call_in = serializers.IntegerField(help_text="Seconds until the table may call again.")

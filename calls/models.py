"""Staff calls: a table asking for someone (water, the bill, ...), the reasons each store
offers its guests, and how soon a table may call again.

Calls are kept once resolved, with who acknowledged and resolved them and when: the store's
history and reports read them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stores.models import Store, Table

CALL_TEXT_MAX_LENGTH = 60  # "a high chair, please"
REASON_LABEL_MAX_LENGTH = 60
COOLDOWN_DEFAULT_SECONDS = 30
COOLDOWN_MAX_SECONDS = 600
# The reason whose call carries the guest's own words.
OTHER = "other"
# The reasons every store starts with, in this order; their names follow the reader's
# language until the store writes its own.
DEFAULT_REASONS = {
    "water": _("Water"),
    "cutlery": _("Cutlery"),
    "napkins": _("Napkins"),
    "bill": _("The bill"),
    OTHER: _("Other"),
}


class CallSettings(models.Model):
    """A store's rules for calls, made with the store."""

    store = models.OneToOneField(
        Store, on_delete=models.CASCADE, primary_key=True, related_name="call_settings"
    )
    # A child at the tablet cannot call every few seconds; a call still open is answered
    # with itself, whatever the cooldown.
    cooldown_seconds = models.PositiveSmallIntegerField(
        _("time between calls (seconds)"),
        default=COOLDOWN_DEFAULT_SECONDS,
        validators=[MaxValueValidator(COOLDOWN_MAX_SECONDS)],
        help_text=_("How long a table waits after calling before it can call again."),
    )

    class Meta:
        verbose_name_plural = "call settings"

    def __str__(self) -> str:
        return f"Call settings of store {self.store_id}"


class CallReason(models.Model):
    """What a guest may call for, in the store's order. A reason is never deleted (calls name
    it); a store hides the ones it does not offer."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="call_reasons")
    # Stable for reports: a default's name ("water") or "custom-N" for the store's own.
    code = models.SlugField(_("code"), max_length=30)
    # Empty: the default's name, in the reader's language.
    label = models.CharField(_("name"), max_length=REASON_LABEL_MAX_LENGTH, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["store", "code"], name="call_reason_code_unique"),
        ]

    def __str__(self) -> str:
        return str(self.display_label)

    @property
    def display_label(self) -> str:
        return self.label or str(DEFAULT_REASONS.get(self.code, self.code))

    @property
    def takes_text(self) -> bool:
        return self.code == OTHER


class CallStatus(models.TextChoices):
    OPEN = "open", _("Called")
    ACKNOWLEDGED = "acknowledged", _("On the way")
    RESOLVED = "resolved", _("Done")


class StaffCall(models.Model):
    """One call from a table: open until a manager resolves it (or completes the table). At
    most one is open per table."""

    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="staff_calls")
    table = models.ForeignKey(Table, on_delete=models.PROTECT, related_name="staff_calls")
    # The guests' visit, if one was open (a call may come before the first order). Named by
    # its label: the floor (orders) builds on calls, not the other way round.
    visit = models.ForeignKey(
        "orders.Visit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_calls",
    )
    reason = models.ForeignKey(CallReason, on_delete=models.PROTECT, related_name="calls")
    # Snapshots, as the table called: a reason renamed later changes no call.
    reason_code = models.SlugField(max_length=30)
    reason_label = models.CharField(max_length=REASON_LABEL_MAX_LENGTH)
    text = models.CharField(_("text"), max_length=CALL_TEXT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.CharField(max_length=200, blank=True)  # stores.actors.actor_label
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["table"], condition=Q(resolved_at=None), name="one_open_call_per_table"
            ),
        ]
        indexes = [
            # The few open calls of a store, counted on every manager page.
            models.Index(fields=["store"], condition=Q(resolved_at=None), name="call_open_idx"),
            models.Index(fields=["table", "-created_at"], name="call_table_created_idx"),
        ]

    def __str__(self) -> str:
        return f"Call {self.pk} from table {self.table_id}: {self.reason_code}"

    @property
    def status(self) -> str:
        if self.resolved_at is not None:
            return CallStatus.RESOLVED
        if self.acknowledged_at is not None:
            return CallStatus.ACKNOWLEDGED
        return CallStatus.OPEN

    def get_status_display(self) -> str:
        return str(CallStatus(self.status).label)

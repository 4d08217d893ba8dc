"""Orders placed at a table during a visit, and what was in them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from menus.models import PRICE_MAX, MenuItem
from stores.models import Store, Table, TableSession

QUANTITY_MAX = 99


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PREPARING = "preparing", _("Preparing")
    COMPLETED = "completed", _("Completed")


class Order(models.Model):
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="orders")
    session = models.ForeignKey(TableSession, on_delete=models.PROTECT, related_name="orders")
    # Unique and strictly increasing per store, handed out by the order service.
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=16, choices=OrderStatus, default=OrderStatus.PENDING
    )
    # Computed by the server from the items' snapshots, never taken from a client.
    total_amount = models.PositiveBigIntegerField(_("total amount"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["store", "number"], name="order_number_unique_in_store"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="order_number_positive"),
            models.CheckConstraint(
                condition=Q(status__in=OrderStatus.values), name="order_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["session", "-created_at"], name="order_session_idx")]

    def __str__(self) -> str:
        return f"Order #{self.number}"


class OrderItem(models.Model):
    """A line of an order, with the name and unit price it was sold at."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    menu_item = models.ForeignKey(MenuItem, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    unit_price = models.PositiveIntegerField(
        _("unit price"), validators=[MinValueValidator(0), MaxValueValidator(PRICE_MAX)]
    )
    quantity = models.PositiveSmallIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(QUANTITY_MAX)]
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1, quantity__lte=QUANTITY_MAX),
                name="order_item_quantity_in_range",
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0, unit_price__lte=PRICE_MAX),
                name="order_item_unit_price_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.name}"

    @property
    def subtotal(self) -> int:
        return self.unit_price * self.quantity


class OrderNumberCounter(models.Model):
    """The last order number handed out in a store. Its row is locked while an order takes
    the next number, so numbers never repeat or skip, whatever runs concurrently."""

    store = models.OneToOneField(
        Store, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Store {self.store_id}: last order #{self.last_number}"


class IdempotencyKey(models.Model):
    """A tablet's ``Idempotency-Key``: a retry within 24 h returns the order it placed."""

    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the request's items.")
    order = models.ForeignKey(Order, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["table", "key"], name="idempotency_key_unique_per_table"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} (table {self.table_id})"


class OrderEventKind(models.TextChoices):
    PLACED = "placed", _("Placed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    DELETED = "deleted", _("Deleted")
    TABLE_COMPLETED = "table_completed", _("Table completed")


class OrderEvent(models.Model):
    """Append-only record of every change to orders: who, when, what.

    Keeps plain ids rather than foreign keys to the order, so the record of a deleted order
    outlives it.
    """

    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=OrderEventKind)
    order_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    order_number = models.PositiveIntegerField(null=True, blank=True)
    session_id = models.BigIntegerField(db_index=True)
    table_number = models.PositiveSmallIntegerField()
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    actor = models.CharField(
        max_length=200, help_text=_('Who did it: "table:7", "manager:3:alice" or "staff:2:root".')
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.order_number or '-'} by {self.actor}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Order events are append-only.")
        super().save(*args, **kwargs)

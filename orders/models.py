"""Orders placed at a table during a visit, and what was in them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from menus.models import PRICE_MAX, MenuItem
from stores.models import Store, TableSession

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

"""The floor: visits of guests at tables, the orders placed during them, what was in them, and
the record of every change."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from menus.models import PRICE_MAX, MenuItem, OptionChoice, Station
from stores.models import Store, Table

QUANTITY_MAX = 99
ORDER_LINES_MAX = 50
NOTE_MAX_LENGTH = 140  # "no green onion, please": a line's note, and an order's


class Visit(models.Model):
    """One visit of guests at a table (the contract calls it a session): opened by its first
    order, closed when the manager completes the table. At most one is open per table."""

    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="visits")
    table = models.ForeignKey(Table, on_delete=models.PROTECT, related_name="visits")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "stores_tablesession"  # the table it had before the floor moved to orders
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["table"],
                condition=Q(ended_at__isnull=True),
                name="one_open_session_per_table",
            ),
        ]
        indexes = [models.Index(fields=["table", "ended_at"], name="session_table_ended_idx")]

    def __str__(self) -> str:
        return f"Visit {self.pk} at table {self.table_id}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PREPARING = "preparing", _("Preparing")
    COMPLETED = "completed", _("Completed")


# The one statement of which way statuses move: only forward. The services enforce it, the
# manager's pages draw their buttons from it.
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    OrderStatus.PENDING: (OrderStatus.PREPARING, OrderStatus.COMPLETED),
    OrderStatus.PREPARING: (OrderStatus.COMPLETED,),
    OrderStatus.COMPLETED: (),
}
# What a button that moves an order to each status says.
STATUS_ACTIONS = {
    OrderStatus.PREPARING: _("Start preparing"),
    OrderStatus.COMPLETED: _("Mark completed"),
}


class Order(models.Model):
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="orders")
    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, related_name="orders", db_column="session_id"
    )
    # Unique and strictly increasing per store, handed out by the order service. Empty only
    # inside the transaction that places the order, which numbers it last, just before it
    # commits (``orders.services.order_place``): every committed order has its number.
    number = models.PositiveIntegerField(_("number"), null=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OrderStatus, default=OrderStatus.PENDING
    )
    # Computed by the server from the items' snapshots, never taken from a client.
    total_amount = models.PositiveBigIntegerField(_("total amount"), default=0)
    note = models.CharField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When a manager first saw it (opened its table, acknowledged it, or moved it on): until
    # then it is new on every device of the store (``orders.services.orders_mark_seen``).
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)

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
        indexes = [
            models.Index(fields=["visit", "-created_at"], name="order_session_idx"),
            # The few orders nobody has seen yet, counted on every manager page.
            models.Index(fields=["store"], condition=Q(seen_at=None), name="order_unseen_idx"),
            # The sales reports: a store's orders placed within a range of days.
            models.Index(fields=["store", "created_at"], name="order_store_created_idx"),
        ]

    def __str__(self) -> str:
        return f"Order #{self.number}"

    def can_move_to(self, status: str) -> bool:
        return status in NEXT_STATUSES[self.status]

    @property
    def next_steps(self) -> list[tuple[str, str]]:
        """``(status, button label)`` for each status this order may move to."""
        return [(status, STATUS_ACTIONS[status]) for status in NEXT_STATUSES[self.status]]


class OrderItem(models.Model):
    """A line of an order, with the name and unit price it was sold at (the dish's price
    and its options' price changes, ``options``), and the guest's note."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    menu_item = models.ForeignKey(MenuItem, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    unit_price = models.PositiveIntegerField(
        _("unit price"), validators=[MinValueValidator(0), MaxValueValidator(PRICE_MAX)]
    )
    quantity = models.PositiveSmallIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(QUANTITY_MAX)]
    )
    note = models.CharField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    # Where it is made, as the menu said when it was ordered (its category's station); empty
    # for a category on no station, or a station deleted since: the store's first station.
    station = models.ForeignKey(
        Station, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When the kitchen checked it off on its display (``orders.kitchen.line_check``).
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

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


class OrderItemOption(models.Model):
    """A choice made for an order line, as the menu named and priced it then."""

    order_item = models.ForeignKey(OrderItem, on_delete=models.CASCADE, related_name="options")
    choice = models.ForeignKey(
        OptionChoice, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    group_name = models.CharField(_("option"), max_length=100)
    choice_name = models.CharField(_("choice"), max_length=100)
    price_delta = models.PositiveIntegerField(
        _("price change"), validators=[MinValueValidator(0), MaxValueValidator(PRICE_MAX)]
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.group_name}: {self.choice_name}"


class Ticket(models.Model):
    """An order's part at one station, as the kitchen works it (``orders.kitchen``): started
    when the station first taps it, bumped when its lines are out. The order is preparing
    once any station starts and completed once every station with lines in it has bumped.
    Made when a station first touches it; an order no station has touched has none."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="tickets")
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(null=True, blank=True)
    bumped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["station_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "station"], name="ticket_unique_per_order_station"
            )
        ]

    def __str__(self) -> str:
        return f"Order {self.order_id} at station {self.station_id}"


class OrderNumberCounter(models.Model):
    """The last order number handed out in a store, made with the store. Its row is locked
    while an order takes the next number, so numbers never repeat or skip, whatever runs
    concurrently."""

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


class OrderChangeKind(models.TextChoices):
    PLACED = "placed", _("Placed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    DELETED = "deleted", _("Deleted")
    TABLE_COMPLETED = "table_completed", _("Table completed")


class OrderChange(models.Model):
    """Append-only record of every change to orders: who, when, what.

    Keeps plain ids rather than foreign keys to the order, so the record of a deleted order
    outlives it. (Not a live event: those are ``orders.live_events``.)
    """

    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=OrderChangeKind)
    order_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    order_number = models.PositiveIntegerField(null=True, blank=True)
    visit_id = models.BigIntegerField(db_index=True, db_column="session_id")
    table_number = models.PositiveSmallIntegerField()
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    actor = models.CharField(
        max_length=200,
        help_text=_(
            'Who did it: "table:7", "manager:3:alice", "kitchen:4:grill" or "staff:2:root".'
        ),
    )
    # What a deleted order came to, kept because the order itself is gone: the sales reports
    # count deleted orders apart, never in revenue. Empty for every other kind of change.
    total_amount = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "orders_orderevent"  # its name before "event" came to mean a live event
        ordering = ["created_at", "id"]
        indexes = [
            # The sales reports: a store's deleted orders within a range of days.
            models.Index(fields=["store", "kind", "created_at"], name="orderchange_store_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.order_number or '-'} by {self.actor}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Order changes are append-only.")
        super().save(*args, **kwargs)

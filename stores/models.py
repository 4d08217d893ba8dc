"""Stores, the people who run them, and their tables."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

TABLE_NUMBER_MAX = 999
# A table's password is typed once, at the tablet's setup; four characters at the least keep
# a guest from guessing it in the five tries the lockout allows.
TABLE_PASSWORD_MIN_LENGTH = 4
STORE_CODE_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TICKET_MINUTES_MAX = 240


def credentials_fingerprint(kind: str, password_hash: str) -> str:
    """A short HMAC of a password hash: carried in tokens, it changes with the password.

    Tokens are checked against it on every request, so changing a table's or a manager's
    password ends every token issued before, without a token blacklist.
    """
    return salted_hmac(f"table-order.credentials.{kind}", password_hash).hexdigest()[:16]


class Store(models.Model):
    code = models.CharField(
        _("code"),
        max_length=50,
        unique=True,
        validators=[
            RegexValidator(
                STORE_CODE_PATTERN,
                _("Lowercase letters, digits and single hyphens, like 'demo' or 'bistro-2'."),
            )
        ],
        help_text=_("What managers and tablets type at login."),
    )
    name = models.CharField(_("name"), max_length=100)
    # Bumped by every menu change (menus.services): names the menu in ETags and caches.
    menu_version = models.PositiveIntegerField(default=1, editable=False)
    # When the store's day begins, in its time zone (TIME_ZONE): a sale at 01:30 belongs to
    # the evening before, and what sold out "today" is back from then on (stores.business_day).
    business_day_starts = models.TimeField(
        _("business day starts"),
        default=time(5, 0),
        help_text=_("Dishes sold out for the day are back from this time."),
    )
    # The language the menu's names are written in, which orders keep; guests may read the
    # menu in the others where it is translated (menus.languages).
    language = models.CharField(
        _("menu language"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="ko",
        help_text=_("The language the menu is written in: kitchens read orders in it."),
    )
    # When an order is late, on the kitchen display and the dashboard: amber, then red.
    ticket_amber_minutes = models.PositiveSmallIntegerField(
        _("amber after (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(TICKET_MINUTES_MAX)],
        help_text=_("An order waiting this long turns amber on the kitchen display."),
    )
    ticket_red_minutes = models.PositiveSmallIntegerField(
        _("red after (minutes)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(TICKET_MINUTES_MAX)],
        help_text=_("An order waiting this long turns red."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=STORE_CODE_PATTERN), name="store_code_is_slug"
            ),
            models.CheckConstraint(
                condition=Q(ticket_red_minutes__gt=F("ticket_amber_minutes")),
                name="store_ticket_red_after_amber",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        if (
            self.ticket_amber_minutes
            and self.ticket_red_minutes
            and self.ticket_red_minutes <= self.ticket_amber_minutes
        ):
            raise ValidationError(
                {"ticket_red_minutes": _("Red comes after amber: give it more minutes.")}
            )


class StaffRole(models.TextChoices):
    """What a store's account may do: a manager runs the store; a kitchen account sees only the
    kitchen display (no menu, tables or money)."""

    MANAGER = "manager", _("Manager")
    KITCHEN = "kitchen", _("Kitchen")


class UserManager(DjangoUserManager):
    def get_by_natural_key(self, username: str) -> User:
        # Only platform staff log in by username alone (Django admin, createsuperuser);
        # managers always name their store too.
        return self.get(store__isnull=True, username=username)


class User(AbstractUser):
    """A store's manager (``store`` set) or platform staff (``store`` empty, ``is_staff``)."""

    store = models.ForeignKey(
        Store,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managers",
        help_text=_("The store this manager runs. Empty for platform staff."),
    )
    username = models.CharField(
        _("username"),
        max_length=150,
        validators=[AbstractUser.username_validator],
        help_text=_("Unique within its store. Letters, digits and @/./+/-/_ only."),
    )

    role = models.CharField(_("role"), max_length=16, choices=StaffRole, default=StaffRole.MANAGER)

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["store", "username"], name="username_unique_in_store"),
            models.UniqueConstraint(
                fields=["username"],
                condition=Q(store__isnull=True),
                name="username_unique_among_staff",
            ),
            models.CheckConstraint(
                condition=Q(store__isnull=True) | Q(is_staff=False, is_superuser=False),
                name="managers_are_not_platform_staff",
            ),
            models.CheckConstraint(condition=Q(role__in=StaffRole.values), name="user_role_valid"),
        ]

    @property
    def is_manager(self) -> bool:
        return self.store_id is not None and self.is_active and self.role == StaffRole.MANAGER

    @property
    def is_kitchen_staff(self) -> bool:
        """A manager or a kitchen account: may run the kitchen display."""
        return self.store_id is not None and self.is_active

    @property
    def credentials_fingerprint(self) -> str:
        return credentials_fingerprint("manager", self.password)


class Table(models.Model):
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="tables")
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(TABLE_NUMBER_MAX)]
    )
    password = models.CharField(_("password"), max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    # Deleting a table hides it and frees its number; its past visits stay history.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["store", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["store", "number"],
                condition=Q(deleted_at__isnull=True),
                name="table_number_unique_in_store",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=TABLE_NUMBER_MAX),
                name="table_number_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Table {self.number}"

    def set_password(self, raw_password: str) -> None:
        self.password = make_password(raw_password)

    def check_password(self, raw_password: str) -> bool:
        return check_password(raw_password, self.password)

    @property
    def credentials_fingerprint(self) -> str:
        return credentials_fingerprint("table", self.password)


class DeviceCredential(models.Model):
    """What a table's tablet logs in with after its setup, instead of keeping the table's
    password: a random key issued at the password login, kept only as its SHA-256. Changing
    the table's password or deleting the table ends every credential of the table."""

    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="devices")
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Device of table {self.table_id} ({self.created_at:%Y-%m-%d})"


class LoginThrottle(models.Model):
    """Failed logins per account, and per account and client address
    (``stores.login_throttle``), in the database so that the lockout holds across every
    server process."""

    key = models.CharField(max_length=320, unique=True)
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.key

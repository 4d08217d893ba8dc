"""State changes and logins for stores, managers and tables: the one place for each rule.

The API, the manager pages, Django admin and the management commands all call these.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from datetime import time
from typing import TypeVar

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import NotFound
from stores.errors import (
    DeviceCredentialEnded,
    InvalidCredentials,
    StoreCodeTaken,
    TableInUse,
    TableNumberTaken,
)
from stores.login_throttle import (
    Attempt,
    login_attempt_begin,
    login_attempt_succeeded,
    login_lockout_clear,
    manager_login_account,
    staff_login_account,
    table_login_account,
)
from stores.models import TABLE_PASSWORD_MIN_LENGTH, DeviceCredential, StaffRole, Store, Table, User

logger = logging.getLogger(__name__)

LoginT = TypeVar("LoginT", Table, User)


def normalize_store_code(code: str) -> str:
    return code.strip().lower()


@transaction.atomic
def store_create(
    *,
    code: str,
    name: str,
    manager_username: str,
    manager_password: str,
    check_password_strength: bool = True,
) -> tuple[Store, User]:
    """Create a store and its first manager together, or neither.

    Raises ``StoreCodeTaken`` if the code exists, Django's ``ValidationError`` for a bad code,
    name, username or a password the password validators refuse.
    """
    code = normalize_store_code(code)
    if Store.objects.filter(code=code).exists():
        raise StoreCodeTaken(f"A store with code '{code}' already exists.")
    store = Store(code=code, name=name.strip())
    store.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            store.save()
    except IntegrityError as error:
        raise StoreCodeTaken(f"A store with code '{code}' already exists.") from error
    manager = manager_create(
        store=store,
        username=manager_username,
        password=manager_password,
        check_password_strength=check_password_strength,
    )
    logger.info("Store created", extra={"store_id": store.id, "store_code": store.code})
    return store, manager


@transaction.atomic
def store_update(
    *,
    store: Store,
    code: str | None = None,
    name: str | None = None,
    language: str | None = None,
    business_day_starts: time | None = None,
    ticket_amber_minutes: int | None = None,
    ticket_red_minutes: int | None = None,
) -> Store:
    """Change a store's code (platform staff only), name, menu language, the time its
    business day starts or when a waiting order turns amber, then red; None leaves a setting
    as it is. Returns the store as saved, with only the changed fields (``update_fields``: a
    new language or day start is a menu change, menus.signals). ``StoreCodeTaken`` for
    another store's code, a ``ValidationError`` for a bad code, name or language, or red not
    after amber (with the other as stored, when only one is given); nothing is saved then.
    """
    store = Store.objects.select_for_update().get(pk=store.pk)  # compare with what is stored
    changes = {
        "code": None if code is None else normalize_store_code(code),
        "name": None if name is None else name.strip(),
        "language": language,
        "business_day_starts": business_day_starts,
        "ticket_amber_minutes": ticket_amber_minutes,
        "ticket_red_minutes": ticket_red_minutes,
    }
    changed = [
        field
        for field, value in changes.items()
        if value is not None and value != getattr(store, field)
    ]
    if not changed:
        return store
    for field in changed:
        setattr(store, field, changes[field])
    if "code" in changed and Store.objects.filter(code=store.code).exclude(pk=store.pk).exists():
        raise StoreCodeTaken(f"A store with code '{store.code}' already exists.")
    store.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            store.save(update_fields=changed)
    except IntegrityError as error:  # the code, taken by a concurrent request meanwhile
        raise StoreCodeTaken(f"A store with code '{store.code}' already exists.") from error
    logger.info("Store updated", extra={"store_id": store.id, "fields": changed})
    return store


@transaction.atomic
def manager_create(
    *,
    store: Store,
    username: str,
    password: str,
    check_password_strength: bool = True,
    role: str = StaffRole.MANAGER,
) -> User:
    """A manager of ``store`` (or, with ``role``, a kitchen account): a user that is never
    platform staff.

    The password validators apply unless ``check_password_strength`` is off (the demo store's
    published password would not pass them).
    """
    manager = User(store=store, username=username.strip(), role=role)
    if check_password_strength:
        validate_password(password, user=manager)
    manager.set_password(password)
    manager.full_clean(exclude=["password"], validate_constraints=True)
    manager.save()
    return manager


@transaction.atomic
def kitchen_account_create(*, store: Store, username: str, password: str) -> User:
    """A kitchen account of ``store``: it signs in where managers do and sees only the
    kitchen display. Its username is unique in the store, among managers too (whatever its
    case, as Django admin checks it); the password validators apply. ``ValidationError``
    (by field) otherwise."""
    username = username.strip()
    if User.objects.filter(store=store, username__iexact=username).exists():
        raise ValidationError({"username": _("This store already has an account with this name.")})
    try:
        account = manager_create(
            store=store, username=username, password=password, role=StaffRole.KITCHEN
        )
    except ValidationError as refusal:
        if hasattr(refusal, "error_dict"):
            raise
        raise ValidationError({"password": refusal.error_list}) from refusal
    logger.info("Kitchen account created", extra={"store_id": store.id, "account_id": account.id})
    return account


@transaction.atomic
def kitchen_account_set_password(*, account: User, password: str) -> User:
    """A new password for a kitchen account, under the password validators. Every session it
    has ends at once: Django keeps the password's hash in each session
    (``get_session_auth_hash``) and signs out a session whose hash no longer matches, on the
    page's next request or the live stream's next keep-alive. ``NotFound`` for an account
    that is no kitchen account."""
    _check_kitchen_account(account)
    try:
        validate_password(password, user=account)
    except ValidationError as refusal:
        raise ValidationError({"password": refusal.error_list}) from refusal
    account.set_password(password)
    account.save(update_fields=["password"])
    logger.info(
        "Kitchen account password changed",
        extra={"store_id": account.store_id, "account_id": account.id},
    )
    return account


@transaction.atomic
def kitchen_account_delete(*, account: User) -> None:
    """Remove a kitchen account: its sessions end at once (a session of a user who is gone
    is anonymous) and its name is free again. What it did stays in the orders' history,
    which names its actor in text (``kitchen:4:grill``), not by a foreign key. ``NotFound``
    for an account that is no kitchen account."""
    _check_kitchen_account(account)
    account_id = account.id
    account.delete()
    logger.info(
        "Kitchen account deleted", extra={"store_id": account.store_id, "account_id": account_id}
    )


def _check_kitchen_account(account: User) -> None:
    # A manager is never changed or removed here: the store would lose who runs it.
    if account.store_id is None or account.role != StaffRole.KITCHEN:
        raise NotFound("No such kitchen account.")


@transaction.atomic
def table_create(*, store: Store, number: int, password: str) -> Table:
    """A table with a hashed password. ``TableNumberTaken`` if the number is in use; a
    ``ValidationError`` for a password under ``TABLE_PASSWORD_MIN_LENGTH`` characters."""
    _check_table_password(password)
    table = Table(store=store, number=number)
    table.set_password(password)
    _save_table_number(table, update_fields=None)
    logger.info("Table created", extra={"store_id": store.id, "table_id": table.id})
    return table


@transaction.atomic
def table_update(*, table: Table, number: int | None = None, password: str | None = None) -> Table:
    """Renumber a table and/or change its password (which ends every token issued for it).
    ``TableNumberTaken`` if another table of the store has the number."""
    if password is not None:
        table_set_password(table=table, password=password)
    if number is not None and number != table.number:
        table.number = number
        _save_table_number(table, update_fields=["number"])
        logger.info("Table renumbered", extra={"store_id": table.store_id, "table_id": table.id})
    return table


@transaction.atomic
def table_set_password(*, table: Table, password: str) -> Table:
    """Change a table's password; every token and device credential issued for it stops
    working at once. A ``ValidationError`` for a password under the minimum length."""
    _check_table_password(password)
    table.set_password(password)
    table.save(update_fields=["password"])
    table.devices.all().delete()
    logger.info("Table password changed", extra={"store_id": table.store_id, "table_id": table.id})
    return table


@transaction.atomic
def table_delete(*, table: Table) -> None:
    """Remove a table from the floor: ``TableInUse`` while its visit is open. The number is
    free again at once; past visits stay history; its tokens stop working."""
    table = Table.objects.select_for_update().get(pk=table.pk)  # no order can open a visit now
    if table.visits.filter(ended_at=None).exists():  # orders.Visit, the guests at the table
        raise TableInUse()
    table.deleted_at = timezone.now()
    table.save(update_fields=["deleted_at"])
    table.devices.all().delete()
    logger.info("Table deleted", extra={"store_id": table.store_id, "table_id": table.id})


def _check_table_password(password: str) -> None:
    if len(password) < TABLE_PASSWORD_MIN_LENGTH:
        message = _("A table's password needs at least %(count)d characters.") % {
            "count": TABLE_PASSWORD_MIN_LENGTH
        }
        raise ValidationError({"password": [message]})


def table_number_taken(*, store_id: int, number: int, table_id: int | None = None) -> bool:
    """Whether another live table of the store has ``number``."""
    taken = Table.objects.filter(store_id=store_id, number=number, deleted_at=None)
    return taken.exclude(pk=table_id).exists()


def _save_table_number(table: Table, update_fields: list[str] | None) -> None:
    if table_number_taken(store_id=table.store_id, number=table.number, table_id=table.pk):
        raise TableNumberTaken()
    try:
        with transaction.atomic():
            table.save(update_fields=update_fields)
    except IntegrityError as error:  # taken by a concurrent request meanwhile
        raise TableNumberTaken() from error


def table_login(
    *, store_code: str, table_number: int, password: str, address: str = "unknown"
) -> Table:
    """The table behind these credentials, or ``InvalidCredentials`` whatever was wrong (with
    the attempts left). Locked out (``TooManyAttempts``) after repeated failures from
    ``address``, or from anywhere, even with the right password (``stores.login_throttle``).
    """
    store_code = normalize_store_code(store_code)

    def matching_table() -> Table | None:
        table = (
            Table.objects.select_related("store")
            .filter(store__code=store_code, number=table_number, deleted_at=None)
            .first()
        )
        if table is None:
            Table().set_password(password)  # hash anyway: timing must not tell what was wrong
        return table if table and table.check_password(password) else None

    account = table_login_account(store_code=store_code, table_number=table_number)
    table = _login_guarded(
        attempt=Attempt(account, address),
        authenticate=matching_table,
        failure_log={"store_code": store_code, "table": table_number},
    )
    logger.info("Table logged in", extra={"store_id": table.store_id, "table_id": table.id})
    return table


def device_credential_issue(*, table: Table) -> str:
    """A new credential for a tablet of ``table``: the key to send, shown once (only its digest
    is kept)."""
    key = secrets.token_urlsafe(32)
    DeviceCredential.objects.create(table=table, key_digest=_digest(key))
    return key


def device_login(*, key: str) -> Table:
    """The table whose tablet holds ``key``, for a new access token without its password.
    ``DeviceCredentialEnded`` for a key that is unknown or was ended (a new table password,
    the table deleted). Never counted by the password lockout: nothing is being guessed."""
    device = (
        DeviceCredential.objects.select_related("table__store")
        .filter(key_digest=_digest(key), table__deleted_at=None)
        .first()
    )
    if device is None:
        raise DeviceCredentialEnded()
    DeviceCredential.objects.filter(pk=device.pk).update(last_used_at=timezone.now())
    return device.table


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def manager_login(
    *,
    store_code: str,
    username: str,
    password: str,
    address: str = "unknown",
    kitchen_accounts: bool = False,
) -> User:
    """The active manager behind these credentials (or kitchen account, with
    ``kitchen_accounts``: the pages' sign-in), or ``InvalidCredentials`` (with the attempts
    left). Locked out (``TooManyAttempts``) as a table's login is."""
    store_code = normalize_store_code(store_code)

    def matching_manager() -> User | None:
        manager = (
            User.objects.select_related("store")
            .filter(store__code=store_code, username=username)
            .first()
        )
        if manager is None:
            User().set_password(password)  # hash anyway: timing must not tell what was wrong
        valid = manager and manager.check_password(password) and manager.is_active
        allowed = manager and (manager.is_manager or kitchen_accounts)
        return manager if valid and allowed else None

    manager = _login_guarded(
        attempt=Attempt(manager_login_account(store_code=store_code, username=username), address),
        authenticate=matching_manager,
        failure_log={"store_code": store_code},
    )
    logger.info("Manager logged in", extra={"store_id": manager.store_id, "manager_id": manager.id})
    return manager


def staff_login(*, username: str, address: str, authenticate: Callable[[], User | None]) -> User:
    """Django admin's login, under the same lockout as the others: ``authenticate`` (Django's
    own) is asked only while the account and the address are not locked out."""
    return _login_guarded(
        attempt=Attempt(staff_login_account(username=username), address),
        authenticate=authenticate,
        failure_log={"staff": True},
    )


@transaction.atomic
def table_lockout_clear(*, table: Table) -> int:
    """Let the table's tablet sign in again at once, from every address (a manager's button
    after a guest's or a stranger's guesses)."""
    account = table_login_account(store_code=table.store.code, table_number=table.number)
    cleared = login_lockout_clear(account=account)
    logger.info("Table lockout cleared", extra={"store_id": table.store_id, "table_id": table.id})
    return cleared


def _login_guarded(
    *, attempt: Attempt, authenticate: Callable[[], LoginT | None], failure_log: dict
) -> LoginT:
    """The lockout around every login: each attempt counted before its password is checked
    (refused once locked), a success forgiving the count. ``InvalidCredentials`` whatever
    was wrong."""
    attempts_left = login_attempt_begin(attempt)
    who = authenticate()
    if who is None:
        logger.info("Login failed", extra=failure_log)
        raise InvalidCredentials(attempts_left=attempts_left)
    login_attempt_succeeded(attempt)
    return who

"""``manage.py createstore CODE --name NAME --manager USERNAME [--password P]``."""

from __future__ import annotations

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stores.errors import StoreCodeTaken
from stores.services import store_create

PASSWORD_ENV = "STORE_MANAGER_PASSWORD"  # noqa: S105 (a variable name)


class Command(BaseCommand):
    help = "Create a store and its first manager. Re-running with an existing code changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("code", help="What people type at login, like 'demo'.")
        parser.add_argument("--name", required=True, help="The store's name.")
        parser.add_argument("--manager", required=True, help="The first manager's username.")
        parser.add_argument(
            "--password",
            help=f"The manager's password (else ${PASSWORD_ENV}, else asked for).",
        )

    def handle(self, *args, code: str, name: str, manager: str, password: str | None, **options):
        password = password or os.environ.get(PASSWORD_ENV) or self._ask_password()
        try:
            store, created_manager = store_create(
                code=code, name=name, manager_username=manager, manager_password=password
            )
        except StoreCodeTaken as error:
            raise CommandError(f"{error.detail} Nothing was changed.") from error
        except ValidationError as error:
            raise CommandError(_describe(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Created store '{store.code}' ({store.name}) "
                f"with manager '{created_manager.username}'."
            )
        )

    def _ask_password(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError(f"No password: pass --password or set {PASSWORD_ENV}.")
        password = getpass.getpass("Manager password: ")
        if password != getpass.getpass("Manager password (again): "):
            raise CommandError("The passwords do not match. Nothing was changed.")
        return password


def _describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        lines = [f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()]
    else:
        lines = error.messages
    return "Nothing was created: " + " ".join(lines)

"""``manage.py prune_events``: delete the live events older than the 24 hours they are kept
for replay. Every ASGI server process runs it on a timer (``LIVE_EVENTS_PRUNE_SECONDS``);
run it by hand, or from cron, where no ASGI server runs."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from live.storage import events_prune


class Command(BaseCommand):
    help = "Delete live events older than the 24 hours they are kept for replay."

    def handle(self, *args, **options) -> None:
        deleted = events_prune()
        if options["verbosity"]:
            self.stdout.write(f"{deleted} old live events deleted.")

"""Every store's tablets now hear of its menu's changes on a channel of its own, opened with
the store (``live.signals``): open it for the stores that exist."""

from django.db import migrations


def open_menu_channels(apps, schema_editor):
    Store = apps.get_model("stores", "Store")
    EventCounter = apps.get_model("django_eventstream", "EventCounter")
    Event = apps.get_model("django_eventstream", "Event")
    opened = set(EventCounter.objects.values_list("name", flat=True))
    missing = [
        f"menu-{pk}" for pk in Store.objects.values_list("pk", flat=True) if f"menu-{pk}" not in opened
    ]
    EventCounter.objects.bulk_create(EventCounter(name=channel) for channel in missing)
    Event.objects.bulk_create(Event(channel=channel, eid=0) for channel in missing)


class Migration(migrations.Migration):

    dependencies = [
        ("orders", "0004_counters_for_every_store_and_table"),
        ("django_eventstream", "0001_initial"),
    ]

    operations = [migrations.RunPython(open_menu_channels, migrations.RunPython.noop)]

"""Every store's kitchen displays now hear of its orders on a channel of their own, opened
with the store (``live.signals``): open it for the stores that exist."""

from django.db import migrations


def open_kitchen_channels(apps, schema_editor):
    Store = apps.get_model("stores", "Store")
    EventCounter = apps.get_model("django_eventstream", "EventCounter")
    Event = apps.get_model("django_eventstream", "Event")
    opened = set(EventCounter.objects.values_list("name", flat=True))
    missing = [
        channel
        for channel in (f"kitchen-{pk}" for pk in Store.objects.values_list("pk", flat=True))
        if channel not in opened
    ]
    EventCounter.objects.bulk_create(EventCounter(name=channel) for channel in missing)
    Event.objects.bulk_create(Event(channel=channel, eid=0) for channel in missing)


class Migration(migrations.Migration):
    dependencies = [("live", "0001_menu_channels")]

    operations = [migrations.RunPython(open_kitchen_channels, migrations.RunPython.noop)]

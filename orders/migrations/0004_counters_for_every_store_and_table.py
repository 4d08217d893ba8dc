"""Counter rows are now made with their store or table (``orders.signals``) instead of on first
use: make the ones that older stores and tables lack."""

from django.db import migrations


def make_missing_counters(apps, schema_editor):
    Store = apps.get_model("stores", "Store")
    Table = apps.get_model("stores", "Table")
    OrderNumberCounter = apps.get_model("orders", "OrderNumberCounter")
    EventCounter = apps.get_model("django_eventstream", "EventCounter")
    Event = apps.get_model("django_eventstream", "Event")

    counted = set(OrderNumberCounter.objects.values_list("store_id", flat=True))
    OrderNumberCounter.objects.bulk_create(
        OrderNumberCounter(store_id=store_id)
        for store_id in Store.objects.values_list("pk", flat=True)
        if store_id not in counted
    )
    channels = [f"store-{pk}" for pk in Store.objects.values_list("pk", flat=True)]
    channels += [f"table-{pk}" for pk in Table.objects.values_list("pk", flat=True)]
    opened = set(EventCounter.objects.values_list("name", flat=True))
    missing = [channel for channel in channels if channel not in opened]
    EventCounter.objects.bulk_create(EventCounter(name=channel) for channel in missing)
    Event.objects.bulk_create(Event(channel=channel, eid=0) for channel in missing)


class Migration(migrations.Migration):

    dependencies = [
        ("orders", "0003_visit_and_order_change"),
        ("django_eventstream", "0001_initial"),
    ]

    operations = [migrations.RunPython(make_missing_counters, migrations.RunPython.noop)]

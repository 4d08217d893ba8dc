"""The stores that exist before calls did get the default reasons and cooldown, as new stores
do when they are created (``calls.signals``)."""

from django.db import migrations

DEFAULT_CODES = ["water", "cutlery", "napkins", "bill", "other"]


def defaults_for_every_store(apps, schema_editor):
    Store = apps.get_model("stores", "Store")
    CallSettings = apps.get_model("calls", "CallSettings")
    CallReason = apps.get_model("calls", "CallReason")
    for store in Store.objects.all():
        CallSettings.objects.get_or_create(store=store)
        have = set(CallReason.objects.filter(store=store).values_list("code", flat=True))
        CallReason.objects.bulk_create(
            CallReason(store=store, code=code, position=position)
            for position, code in enumerate(DEFAULT_CODES, start=1)
            if code not in have
        )


class Migration(migrations.Migration):
    dependencies = [("calls", "0001_staff_calls")]

    operations = [migrations.RunPython(defaults_for_every_store, migrations.RunPython.noop)]

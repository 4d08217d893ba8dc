"""The stores that exist before stations did get their first station, as new stores do when
they are created (``menus.signals``): every dish is made there until the store adds others."""

from django.db import migrations


def a_station_for_every_store(apps, schema_editor):
    Store = apps.get_model("stores", "Store")
    Station = apps.get_model("menus", "Station")
    Station.objects.bulk_create(
        Station(store=store, name="주방" if store.language == "ko" else "Kitchen", position=1)
        for store in Store.objects.filter(stations=None)
    )


class Migration(migrations.Migration):
    dependencies = [("menus", "0009_stations"), ("stores", "0008_kitchen_role_and_ticket_colours")]

    operations = [migrations.RunPython(a_station_for_every_store, migrations.RunPython.noop)]

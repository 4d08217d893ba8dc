"""``TableSession`` now lives in ``orders`` as ``Visit``, on the same table (see
``orders/migrations/0003_visit_and_order_change.py``)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("stores", "0002_store_menu_version"),
        ("orders", "0003_visit_and_order_change"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="TableSession")],
        ),
    ]

"""What is new is kept on the server (``Order.seen_at``). Orders placed before are taken as
seen: an upgrade must not greet the floor with every past order as new."""

from django.db import migrations, models
from django.db.models import F


def earlier_orders_were_seen(apps, schema_editor):
    Order = apps.get_model("orders", "Order")
    Order.objects.filter(seen_at=None).update(seen_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("orders", "0004_counters_for_every_store_and_table"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="seen_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="seen at"),
        ),
        migrations.RunPython(earlier_orders_were_seen, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(
                condition=models.Q(("seen_at", None)), fields=["store"], name="order_unseen_idx"
            ),
        ),
    ]

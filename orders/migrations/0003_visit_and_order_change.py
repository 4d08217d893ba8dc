"""The floor gets one owner: visits (``stores.TableSession``) move to ``orders.Visit``, and the
audit record ``OrderEvent`` becomes ``OrderChange``. Names only: the database keeps its tables
and columns (``stores_tablesession``, ``orders_orderevent``, ``session_id``)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("orders", "0002_initial"),
        ("stores", "0002_store_menu_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Visit",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("started_at", models.DateTimeField(auto_now_add=True)),
                        ("ended_at", models.DateTimeField(blank=True, null=True)),
                        ("store", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="visits", to="stores.store")),
                        ("table", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="visits", to="stores.table")),
                    ],
                    options={
                        "db_table": "stores_tablesession",
                        "ordering": ["-started_at", "-id"],
                        "indexes": [models.Index(fields=["table", "ended_at"], name="session_table_ended_idx")],
                        "constraints": [models.UniqueConstraint(condition=models.Q(("ended_at__isnull", True)), fields=("table",), name="one_open_session_per_table")],
                    },
                ),
                migrations.RemoveIndex(model_name="order", name="order_session_idx"),
                migrations.RemoveField(model_name="order", name="session"),
                migrations.AddField(
                    model_name="order",
                    name="visit",
                    field=models.ForeignKey(db_column="session_id", on_delete=django.db.models.deletion.PROTECT, related_name="orders", to="orders.visit"),
                ),
                migrations.AddIndex(
                    model_name="order",
                    index=models.Index(fields=["visit", "-created_at"], name="order_session_idx"),
                ),
                migrations.RenameModel(old_name="OrderEvent", new_name="OrderChange"),
                migrations.AlterModelTable(name="orderchange", table="orders_orderevent"),
                migrations.RemoveField(model_name="orderchange", name="session_id"),
                migrations.AddField(
                    model_name="orderchange",
                    name="visit_id",
                    field=models.BigIntegerField(db_column="session_id", db_index=True),
                ),
            ],
        ),
    ]

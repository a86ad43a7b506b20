"""Unique links (the chain cannot fork) and the triggers that refuse UPDATE and DELETE on
the audit table, per database (triggers.py has the SQL and the two allowed changes)."""

from django.db import migrations, models

from protocolwijzer.audit import triggers


def install_triggers(apps, schema_editor):
    for sql in triggers.statements(schema_editor.connection):
        schema_editor.execute(sql, params=None)


def remove_triggers(apps, schema_editor):
    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_compute_chain_for_existing_events")]

    operations = [
        migrations.AlterField(
            model_name="auditevent", name="previous_hash",
            field=models.CharField(editable=False, max_length=64, unique=True)),
        migrations.AlterField(
            model_name="auditevent", name="chain_hash",
            field=models.CharField(editable=False, max_length=64, unique=True)),
        migrations.RunPython(install_triggers, remove_triggers),
    ]

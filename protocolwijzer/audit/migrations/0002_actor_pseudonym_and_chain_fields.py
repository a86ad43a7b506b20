import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The fields of the hash chain, the actor's pseudonym and role, and the retention
    mark. The hashes are filled in by 0003 and made unique by 0004."""

    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditActor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("pseudonym", models.UUIDField(default=uuid.uuid4, editable=False,
                                               unique=True, verbose_name="pseudonym")),
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                              related_name="+", to=settings.AUTH_USER_MODEL,
                                              verbose_name="account")),
            ],
            options={"verbose_name": "audit pseudonym",
                     "verbose_name_plural": "audit pseudonyms"},
        ),
        migrations.AddField(
            model_name="auditevent", name="actor_pseudonym",
            field=models.CharField(blank=True, max_length=36, verbose_name="actor pseudonym")),
        migrations.AddField(
            model_name="auditevent", name="actor_role",
            field=models.CharField(blank=True, max_length=40, verbose_name="actor's role")),
        migrations.AddField(
            model_name="auditevent", name="reduced",
            field=models.BooleanField(default=False, verbose_name="removed by retention")),
        migrations.AddField(
            model_name="auditevent", name="salt",
            field=models.CharField(blank=True, editable=False, max_length=32)),
        migrations.AddField(
            model_name="auditevent", name="personal_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False),
        migrations.AddField(
            model_name="auditevent", name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False),
        migrations.AddField(
            model_name="auditevent", name="chain_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False),
    ]

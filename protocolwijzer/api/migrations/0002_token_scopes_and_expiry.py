"""API tokens get scopes and always an expiry (made required in 0003).

Tokens made before this migration keep working as before: they get both scopes (they
could read and check) and, when they had no expiry, one a year from the migration. New
tokens are read-only and last a year unless their maker says otherwise.
"""

from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone

import protocolwijzer.api.models

EXISTING_SCOPES = ["read", "check"]
LIFETIME = timedelta(days=365)


def keep_existing_tokens_working(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    ApiToken.objects.update(scopes=EXISTING_SCOPES)
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + LIFETIME)


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.JSONField(default=protocolwijzer.api.models.default_scopes,
                                   help_text="What the token may do: read, check.",
                                   verbose_name="scopes"),
        ),
        migrations.RunPython(keep_existing_tokens_working, migrations.RunPython.noop),
        # Making expires_at required is 0003: PostgreSQL refuses to alter a table in the
        # transaction that has just updated its rows ("pending trigger events").
    ]

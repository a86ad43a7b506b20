from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _reinstall_triggers(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """SQLite drops a table's triggers when a migration rebuilds the table; put them back
    after every migrate (and flush). Idempotent."""
    from protocolwijzer.audit import triggers

    connection = connections[using]
    if triggers.TABLE in connection.introspection.table_names():
        triggers.install(connection)


class AuditConfig(AppConfig):
    name = "protocolwijzer.audit"
    label = "audit"
    verbose_name = _("audit log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from protocolwijzer.audit import signals

        signals.connect()
        # Each app may say its own events in words in an ``audit_events.py`` (events.py).
        autodiscover_modules("audit_events")
        post_migrate.connect(_reinstall_triggers, sender=self,
                             dispatch_uid="audit_reinstall_triggers")

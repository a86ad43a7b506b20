from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "protocolwijzer.audit"
    label = "audit"
    verbose_name = _("audit log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from protocolwijzer.audit import signals

        signals.connect()

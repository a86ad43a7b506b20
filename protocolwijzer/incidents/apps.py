from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "protocolwijzer.incidents"
    verbose_name = _("incidents and measures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The words of the incident mails register with the notifications app.
        from protocolwijzer.incidents import notify, questions  # noqa: F401

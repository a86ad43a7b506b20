from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "protocolwijzer.publications"
    verbose_name = _("publication log and take-down tasks")
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "protocolwijzer.consent"
    verbose_name = _("consent register (beeldtoestemming)")
    default_auto_field = "django.db.models.BigAutoField"

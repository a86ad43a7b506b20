from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "protocolwijzer.media"
    label = "media"
    verbose_name = _("photos and videos of the checker")
    default_auto_field = "django.db.models.BigAutoField"

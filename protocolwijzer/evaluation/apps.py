from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "protocolwijzer.evaluation"
    verbose_name = _("yearly evaluation")
    default_auto_field = "django.db.models.BigAutoField"

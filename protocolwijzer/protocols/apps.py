from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolsConfig(AppConfig):
    name = "protocolwijzer.protocols"
    label = "protocols"
    verbose_name = _("Protocols")

    def ready(self) -> None:
        # The words of the mails that ask to read the protocol register with the
        # notifications app.
        from protocolwijzer.protocols import notify  # noqa: F401

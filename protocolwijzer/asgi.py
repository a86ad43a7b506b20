"""The ASGI entry point, for uvicorn and friends: ``protocolwijzer.asgi:application``."""

import os

from django.conf import settings
from django.core.asgi import get_asgi_application
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protocolwijzer.settings")

application = get_asgi_application()

# Outside debug mode the settings leave an unset key empty rather than invent one, and
# Django only objects when a request first signs something; a server should not start.
try:
    settings.SECRET_KEY  # noqa: B018 (reading it is the check)
except ImproperlyConfigured:
    raise ImproperlyConfigured("Set PW_SECRET_KEY or PW_SECRET_KEY_FILE to a long random "
                               "value, or PW_DEBUG=true for development.") from None

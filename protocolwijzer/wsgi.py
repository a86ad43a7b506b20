"""The WSGI entry point, for gunicorn and friends: ``protocolwijzer.wsgi:application``."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protocolwijzer.settings")

application = get_wsgi_application()

# Outside debug mode the settings leave an unset key empty rather than invent one, and
# Django only objects when a request first signs something; a server should not start.
try:
    settings.SECRET_KEY  # noqa: B018 (reading it is the check)
except ImproperlyConfigured:
    raise ImproperlyConfigured("Set PW_SECRET_KEY or PW_SECRET_KEY_FILE to a long random "
                               "value, or PW_DEBUG=true for development.") from None

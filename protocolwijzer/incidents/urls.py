"""The incidents app's pages, all in the namespace ``incidents``. Mounted at the site root
(protocolwijzer/urls.py), so every module here writes full paths. The reporting and
dossier pages live in their own modules, included below; they set no ``app_name`` of
their own (their names are ``incidents:<name>``).

``/meldingen/`` itself is the mail preferences page (notifications): the case list is
``/meldingen/overzicht/``.
"""

from django.urls import include, path

app_name = "incidents"

urlpatterns = [
    path("", include("protocolwijzer.incidents.reporting_urls")),
    path("", include("protocolwijzer.incidents.dossier_urls")),
]

from django.contrib import admin
from django.urls import include, path

from protocolwijzer import health
from protocolwijzer.api.api import api

urlpatterns = [
    path("", include("protocolwijzer.schools.urls")),
    path("", include("protocolwijzer.accounts.urls")),
    path("beheer-log/", include("protocolwijzer.audit.urls")),
    path("", include("protocolwijzer.protocols.urls")),
    path("check/", include("protocolwijzer.checks.urls")),
    path("toestemming/", include("protocolwijzer.consent.urls")),
    path("publicaties/", include("protocolwijzer.publications.urls")),
    path("meldingen/", include("protocolwijzer.notifications.urls")),
    path("beeld/", include("protocolwijzer.media.urls")),
    path("", include("protocolwijzer.incidents.urls")),
    path("", include("protocolwijzer.evaluation.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("api/v1/", api.urls),
    path("health/", health.health, name="health"),
]

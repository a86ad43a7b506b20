"""The incidents app's pages, all in the namespace ``incidents``. Mounted at the site root
(protocolwijzer/urls.py), so every module here writes full paths. The reporting and
dossier pages live in their own modules, included below; they set no ``app_name`` of
their own (their names are ``incidents:<name>``).

``/meldingen/`` itself is the mail preferences page (notifications): the case list is
``/meldingen/overzicht/``.
"""

from django.urls import include, path

from protocolwijzer.incidents import views

app_name = "incidents"

urlpatterns = [
    path("meldingen/overzicht/", views.case_list, name="cases"),
    path("meldingen/instellingen/", views.incident_settings, name="settings"),
    path("meldingen/bewijs/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("meldingen/<int:case_id>/", views.case_detail, name="case"),
    path("meldingen/<int:case_id>/triage/", views.triage, name="triage"),
    path("meldingen/<int:case_id>/koppelen/", views.link_person, name="link_person"),
    path("meldingen/<int:case_id>/ernst/", views.set_severity, name="severity"),
    path("meldingen/<int:case_id>/maatregel/", views.record_measure, name="measure"),
    path("meldingen/<int:case_id>/plichten/", views.duty, name="duty"),
    path("meldingen/<int:case_id>/sluiten/", views.close, name="close"),
    path("meldingen/<int:case_id>/delen/", views.share, name="share"),
    path("meldingen/<int:case_id>/behandelaar/", views.assign_handler, name="handler"),
    path("", include("protocolwijzer.incidents.reporting_urls")),
    path("", include("protocolwijzer.incidents.dossier_urls")),
]

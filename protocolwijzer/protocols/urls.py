from django.urls import path

from protocolwijzer.protocols import views

app_name = "protocols"

# Mounted at the root: the public pages live under protocollen/, a member's own school's
# protocol under protocol/ (one address that is the same for everyone who signs in).
urlpatterns = [
    path("protocollen/", views.protocol_list, name="list"),
    path("protocollen/<slug:protocol_id>/", views.protocol_detail, name="detail"),
    path("protocol/", views.my_protocol, name="mine"),
    path("protocol/gelezen/", views.acknowledge, name="acknowledge"),
    path("protocol/bevestigingen/", views.acknowledgement_overview, name="acknowledgements"),
]

# Asking to read it, reminding, and whether parents are asked (issue 16).
urlpatterns += [
    path("protocol/bevestigingen/<int:school_id>/vragen/", views.ask_to_acknowledge,
         name="ask"),
    path("protocol/bevestigingen/<int:school_id>/herinneren/", views.remind, name="remind"),
    path("protocol/bevestigingen/<int:school_id>/instellingen/",
         views.acknowledgement_settings, name="acknowledgement_settings"),
    # A parent who came with their guardian link (no account).
    path("protocol/ouder/", views.guardian_protocol, name="guardian"),
]

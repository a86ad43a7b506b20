from django.urls import path

from protocolwijzer.protocols import import_views, views

app_name = "protocols"

# Mounted at the root: the public pages live under protocollen/, a member's own school's
# protocol under protocol/ (one address that is the same for everyone who signs in).
urlpatterns = [
    path("protocollen/", views.protocol_list, name="list"),
    path("protocollen/<slug:protocol_id>/", views.protocol_detail, name="detail"),
    path("protocol/", views.my_protocol, name="mine"),
    path("protocol/gelezen/", views.acknowledge, name="acknowledge"),
    path("protocol/bevestigingen/", views.acknowledgement_overview, name="acknowledgements"),
    path("protocol/importeren/", import_views.import_document, name="import"),
    path("protocol/importeren/controleren/", import_views.import_review, name="import_review"),
]

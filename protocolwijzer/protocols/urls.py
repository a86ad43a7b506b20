from django.urls import path

from protocolwijzer.protocols import import_views, version_views, views

app_name = "protocols"

# Mounted at the root: the public pages live under protocollen/, a member's own school's
# protocol under protocol/ (one address that is the same for everyone who signs in).
urlpatterns = [
    path("protocollen/", views.protocol_list, name="list"),
    path("protocollen/<slug:protocol_id>/", views.protocol_detail, name="detail"),
    path("protocol/", views.my_protocol, name="mine"),
    path("protocol/gelezen/", views.acknowledge, name="acknowledge"),
    path("protocol/bevestigingen/", views.acknowledgement_overview, name="acknowledgements"),
    # The school's own versions (issue 16): concept, voorgelegd, vastgesteld, in force.
    path("protocol/versies/", version_views.adoptions, name="adoptions"),
    path("protocol/versies/kopieer/", version_views.adoption_copy, name="adoption_copy"),
    path("protocol/versies/<int:pk>/", version_views.adoption, name="adoption"),
    path("protocol/versies/<int:pk>/bewerken/", version_views.edit, name="edit"),
    path("protocol/versies/<int:pk>/controleer/", version_views.edit_check, name="edit_check"),
    path("protocol/versies/<int:pk>/verschil/", version_views.edit_changes, name="edit_changes"),
    path("protocol/versies/<int:pk>/artikel-toevoegen/", version_views.article_add,
         name="article_add"),
    path("protocol/versies/<int:pk>/artikel-verwijderen/", version_views.article_remove,
         name="article_remove"),
    path("protocol/versies/<int:pk>/verwijderen/", version_views.adoption_delete,
         name="adoption_delete"),
    path("protocol/versies/<int:pk>/voorleggen/", version_views.adoption_submit,
         name="adoption_submit"),
    path("protocol/versies/<int:pk>/besluit/", version_views.adoption_decide,
         name="adoption_decide"),
    path("protocol/versies/<int:pk>/vaststellen/", version_views.adoption_adopt,
         name="adoption_adopt"),
    path("protocol/versies/<int:pk>/in-werking/", version_views.adoption_in_force,
         name="adoption_in_force"),
    path("protocol/importeren/", import_views.import_document, name="import"),
    path("protocol/importeren/controleren/", import_views.import_review, name="import_review"),
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

"""The dossier pages (issue 15, helper "dossier"): mounted at the site root by
``incidents/urls.py``, so paths here are full ("dossier/<int:person_id>/",
"meldingen/cijfers/").
"""

from django.urls import URLPattern, URLResolver, path

from protocolwijzer.incidents import dossier_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("dossier/<int:person_id>/", dossier_views.dossier, name="dossier"),
    path("dossier/<int:person_id>.pdf", dossier_views.dossier_pdf, name="dossier_pdf"),
    path("mijn-dossier/", dossier_views.my_dossier, name="my_dossier"),
    path("mijn-dossier/<int:person_id>.pdf", dossier_views.my_dossier_pdf,
         name="my_dossier_pdf"),
    path("meldingen/cijfers/", dossier_views.figures, name="figures"),
    path("meldingen/cijfers.csv", dossier_views.figures_csv, name="figures_csv"),
]

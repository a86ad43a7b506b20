"""The dossier pages (issue 15, helper "dossier"): mounted at the site root by
``incidents/urls.py``, so paths here are full ("dossier/<int:person_id>/",
"meldingen/cijfers/").
"""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []

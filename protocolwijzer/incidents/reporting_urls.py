"""The reporting pages (issue 15, helper "report"): mounted at the site root by
``incidents/urls.py``, so paths here are full ("melden/", "vragen/<int:question_id>/").
"""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []

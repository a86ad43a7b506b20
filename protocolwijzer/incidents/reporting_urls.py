"""The reporting pages (issue 15, helper "report"): mounted at the site root by
``incidents/urls.py``, so paths here are full ("melden/", "vragen/<int:question_id>/").
"""

from django.urls import URLPattern, URLResolver, path

from protocolwijzer.incidents import question_views, reporting_views

urlpatterns: list[URLPattern | URLResolver] = [
    # Melden: signed in (a pupil may stay anonymous), a parent's link, anyone.
    path("melden/", reporting_views.report, name="report"),
    path("melden/anoniem/", reporting_views.report_anonymous, name="report_anonymous"),
    path("melden/ouder/", reporting_views.report_guardian, name="report_guardian"),
    path("melden/publiek/<slug:school_slug>/", reporting_views.report_public,
         name="report_public"),
    path("melden/status/", reporting_views.report_status, name="report_status"),
    # Twijfel: a staff member's question to their leidinggevende, from a verdict.
    path("vragen/", question_views.questions, name="questions"),
    path("vragen/stel/", question_views.ask, name="question_ask"),
    path("vragen/<int:question_id>/", question_views.question, name="question"),
]

from django.urls import path

from protocolwijzer.consent import (
    export_views,
    guardian_views,
    paper_views,
    student_views,
    trip_views,
    views,
)

app_name = "consent"

urlpatterns = [
    path("groepen/<int:group_id>/", views.group_list, name="group_list"),
    path("groepen/<int:group_id>/lijst.csv", views.group_list_csv, name="group_list_csv"),
    path("groepen/<int:group_id>/lijst.pdf", export_views.group_list_pdf, name="group_list_pdf"),
    path("groepen/<int:group_id>/lijst.xlsx", export_views.group_list_xlsx,
         name="group_list_xlsx"),
    path("mijn-gegevens/", export_views.my_data, name="my_data"),
]

# The guardian's page (issue 5).
urlpatterns += [
    # The link in the mail or letter; it redirects to the token-less page (issue 10).
    path("ouder/<str:token>/", guardian_views.guardian_link, name="guardian_link"),
    path("ouder/", guardian_views.guardian, name="guardian_page"),
    path("groepen/<int:group_id>/ouders/", guardian_views.group_guardians,
         name="group_guardians"),
    path("groepen/<int:group_id>/ouders/sturen/", guardian_views.send_links,
         name="send_guardian_links"),
    path("ouders/<int:guardian_id>/brief/", guardian_views.letter, name="guardian_letter"),
]

# A student's consent history and paper forms, recorded on behalf of a guardian (issue 10).
urlpatterns += [
    path("leerlingen/<int:student_id>/", paper_views.student_consent, name="student"),
    path("leerlingen/<int:student_id>/papieren-formulier/", paper_views.paper_form,
         name="paper_form"),
]

# "Wie mag niet op de foto?": the teacher's list on a phone (issue 14). The service worker
# lives at this prefix, so that it keeps only these pages offline.
urlpatterns += [
    path("niet-op-de-foto/", trip_views.trip, name="trip"),
    path("niet-op-de-foto/samen/", trip_views.trip_together, name="trip_together"),
    path("niet-op-de-foto/groepen/<int:group_id>/", trip_views.trip_group_list,
         name="trip_list"),
    path("niet-op-de-foto/offline.js", trip_views.trip_worker, name="trip_worker"),
]

# The student's own choice from 16, the scan of a paper form (issue 14).
urlpatterns += [
    path("mijn-keuze/", student_views.my_consent, name="my_consent"),
    # The link on a student's letter; it redirects to the token-less page.
    path("leerling/<str:token>/", student_views.student_link, name="student_link"),
    path("leerlingen/<int:student_id>/brief/", student_views.student_letter,
         name="student_letter"),
    path("papieren-formulieren/<int:form_id>/scan/", paper_views.paper_form_scan,
         name="paper_form_scan"),
]

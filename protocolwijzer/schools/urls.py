from django.urls import path

from protocolwijzer.schools import figures_views, views

app_name = "schools"

urlpatterns = [
    path("", views.home, name="home"),
    path("school/", views.my_school, name="my_school"),
    path("school/import/", views.import_upload, name="import_upload"),
    path("school/import/kolommen/", views.import_columns, name="import_columns"),
    path("school/import/controle/", views.import_preview, name="import_preview"),
    path("school/groepen/<int:group_id>/", views.group_detail, name="group"),
    path("school/personen/<int:person_id>/", views.person_detail, name="person"),
    path("school/personen/<int:person_id>/rol/", views.person_role, name="person_role"),
    path("school/personen/<int:person_id>/groepen/", views.person_groups,
         name="person_groups"),
    path("school/personen/<int:person_id>/alle-groepen/", views.person_all_groups,
         name="person_all_groups"),
    path("school/personen/<int:person_id>/uitnodigen/", views.person_invite,
         name="person_invite"),
]

# The figures the MR discusses (issue 14).
urlpatterns += [
    path("school/cijfers/", figures_views.figures, name="figures"),
]

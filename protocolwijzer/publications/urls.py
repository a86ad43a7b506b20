from django.urls import path

from protocolwijzer.publications import views

app_name = "publications"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("nieuw/", views.new_publication, name="new"),
    path("<int:publication_id>/", views.publication_detail, name="detail"),
    path("<int:publication_id>/offline/", views.take_offline, name="take_offline"),
    path("weghalen/", views.task_list, name="tasks"),
    path("weghalen/<int:task_id>/", views.task_detail, name="task"),
    path("instellingen/<int:school_id>/", views.publication_settings, name="settings"),
]

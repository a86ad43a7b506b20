from django.urls import path

from protocolwijzer.media import views

app_name = "media"

urlpatterns = [
    path("<int:item_id>/bestand/", views.file, name="file"),
    path("<int:item_id>/status/", views.status, name="status"),
]

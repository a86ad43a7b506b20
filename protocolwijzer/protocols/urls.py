from django.urls import path

from protocolwijzer.protocols import views

app_name = "protocols"

urlpatterns = [
    path("", views.protocol_list, name="list"),
    path("<slug:protocol_id>/", views.protocol_detail, name="detail"),
]

from django.urls import path

from protocolwijzer.checks import views

app_name = "checks"

urlpatterns = [
    path("", views.check, name="check"),
]

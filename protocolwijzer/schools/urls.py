from django.urls import path

from protocolwijzer.schools import views

app_name = "schools"

urlpatterns = [
    path("", views.home, name="home"),
]

from django.urls import path

from protocolwijzer.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.sign_in, name="login"),
    path("inloggen/wachtwoord-vergeten/", views.forgotten_password, name="password_reset"),
    path("inloggen/wachtwoord-vergeten/<str:uidb64>/<str:token>/", views.reset_password,
         name="password_reset_confirm"),
    path("inloggen/2fa/", views.two_factor, name="two_factor"),
    path("inloggen/2fa/instellen/", views.two_factor_setup, name="two_factor_setup"),
    path("uitloggen/", views.sign_out, name="logout"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
]

from django.urls import path

from protocolwijzer.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.sign_in, name="login"),
    path("inloggen/wachtwoord-vergeten/", views.forgotten_password, name="password_reset"),
    path("inloggen/wachtwoord-vergeten/nieuw-wachtwoord/", views.choose_new_password,
         name="password_reset_choose"),
    path("inloggen/wachtwoord-vergeten/<str:uidb64>/<str:token>/", views.reset_password,
         name="password_reset_confirm"),
    path("inloggen/2fa/", views.two_factor, name="two_factor"),
    path("inloggen/2fa/instellen/", views.two_factor_setup, name="two_factor_setup"),
    path("uitloggen/", views.sign_out, name="logout"),
    # Before the token route, which would otherwise take "account-maken" for a token.
    path("uitnodiging/account-maken/", views.accept_invitation, name="invitation_accept"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
]

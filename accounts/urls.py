from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views, views_otp

app_name = "accounts"
urlpatterns = [
    path("login/", views_otp.KhcnLoginView.as_view(), name="login"),
    path("login/verify/", views_otp.login_verify, name="login_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.profile, name="profile"),
    path("me/token/", views.rotate_token, name="rotate_token"),
    path("me/second-factor/", views_otp.otp_setup, name="otp_setup"),
]

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import member_views, views, views_otp

app_name = "accounts"
urlpatterns = [
    path("login/", views_otp.KhcnLoginView.as_view(), name="login"),
    path("login/verify/", views_otp.login_verify, name="login_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.profile, name="profile"),
    path("me/token/", views.rotate_token, name="rotate_token"),
    path("me/second-factor/", views_otp.otp_setup, name="otp_setup"),
    path("members/", member_views.MemberListView.as_view(), name="member_list"),
    path("members/units/", member_views.UnitMembersView.as_view(), name="unit_members"),
    path("members/new/", member_views.MemberAddView.as_view(), name="member_add"),
    path("members/<uuid:pk>/role/", member_views.MemberRoleView.as_view(), name="member_role"),
    path("members/<uuid:pk>/end/", member_views.MemberEndView.as_view(), name="member_end"),
    path(
        "members/<uuid:pk>/invite/", member_views.MemberInviteView.as_view(), name="member_invite"
    ),
    path("invite/<uidb64>/<token>/", member_views.InviteAcceptView.as_view(), name="invite_accept"),
]

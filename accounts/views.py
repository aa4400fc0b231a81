"""The signed-in user's own page: memberships and the personal API token."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from accounts.actions import rotate_api_token
from accounts.models import User


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    token = Token.objects.filter(user=user).first()
    memberships = user.memberships.filter(is_active=True).select_related("unit")
    return render(request, "accounts/profile.html", {"token": token, "memberships": memberships})


@login_required
@require_POST
def rotate_token(request: HttpRequest) -> HttpResponse:
    """Issue a new API token (the old one stops working at once)."""
    rotate_api_token(cast(User, request.user))
    messages.success(request, _("Đã cấp mã truy cập API mới."))
    return redirect("accounts:profile")

"""The signed-in user's own page: memberships and the personal API token.

Pages that show a secret (a newly issued API token, an authenticator secret) are sent with
``Cache-Control: no-store`` (``never_cache``) so no browser or proxy keeps a copy.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.actions import may_use_second_factor, rotate_api_token
from accounts.models import ApiToken, User


def _profile(request: HttpRequest, **extra: Any) -> HttpResponse:
    user = cast(User, request.user)
    context = {
        "token": ApiToken.objects.filter(user=user).first(),
        "memberships": user.memberships.filter(is_active=True).select_related("unit"),
        "may_use_second_factor": may_use_second_factor(user),
        "second_factor_on": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        **extra,
    }
    return render(request, "accounts/profile.html", context)


@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return _profile(request)


@never_cache
@login_required
@require_POST
def rotate_token(request: HttpRequest) -> HttpResponse:
    """Issue a new API token (the old one stops working at once) and show its key this once."""
    _token, key = rotate_api_token(cast(User, request.user))
    return _profile(request, new_key=key)

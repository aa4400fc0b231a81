"""Authentication backend that refuses the published demo passwords outside development."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from accounts.demo_passwords import DEMO_PASSWORDS


class KhcnBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if password in DEMO_PASSWORDS.values() and not settings.DEMO_ACCOUNTS_ENABLED:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for sign-ins that come from a request.

    Sign-ins without a request (Django's test client ``login()``, a shell) have no address to
    count and are not reachable from the network, so they pass on to the password check instead
    of failing with an error.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

"""Authentication backend that refuses the published demo passwords outside development."""

from __future__ import annotations

from typing import Any

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

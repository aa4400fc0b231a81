"""Personal API tokens kept hashed, with an expiry (mã truy cập API).

``issue_token`` makes a random key, stores its SHA-256 digest and returns the key for showing
once; ``HashedTokenAuthentication`` (DRF, header ``Authorization: Token <key>``) looks the
digest up and refuses expired tokens. SHA-256 without salt is enough here: the key is 40 random
characters (≈ 240 bits), so a digest cannot be reversed by guessing, and an unsalted digest can
be found by index in one query.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts.models import ApiToken, User

# Do not write "last used" more often than this: a script calling the API a hundred times a
# minute should not turn every read into a write.
_LAST_USED_EVERY = timedelta(minutes=5)


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue_token(user: User) -> tuple[ApiToken, str]:
    """Replace ``user``'s token with a new one; returns the row and the key (shown once).

    Called from ``accounts.actions.rotate_api_token`` inside its transaction (with the audit
    row); tests use it to get a working key.
    """
    key = secrets.token_urlsafe(30)
    ApiToken.objects.filter(user=user).delete()
    token = ApiToken.objects.create(
        user=user,
        digest=digest_of(key),
        prefix=key[:8],
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
    )
    return token, key


class HashedTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` against the stored digests; expired tokens answer 401."""

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        token = ApiToken.objects.select_related("user").filter(digest=digest_of(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ."))
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(
                _("Mã truy cập đã hết hạn; hãy cấp mã mới ở trang tài khoản.")
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Tài khoản đã bị khoá."))
        if token.last_used_at is None or now - token.last_used_at > _LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

"""Small hardening pieces of the served project: the client's address behind the proxy, the
Permissions-Policy header and the API description's access rule.

Content-Security-Policy comes from django-csp, sign-in lockout from django-axes (settings).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse


def client_ip(request: HttpRequest) -> str:
    """The address of the person signing in.

    Behind nginx every request comes from the proxy itself, which would make one person's typos
    lock out everyone by address; the site sets ``X-Real-IP`` to ``$remote_addr``
    (deploy/nginx-khcn.conf). Without a proxy the header is ignored: a client could forge it.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        if forwarded:
            return forwarded
    return str(request.META.get("REMOTE_ADDR", ""))


class PermissionsPolicyMiddleware:
    """Tell the browser that no page may use the camera, microphone, location and the like."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def docs_view(view: Callable[..., Any], *, page: bool) -> Callable[..., Any]:
    """Serve the API schema or its browsable page only to signed-in users in production.

    The schema lists every endpoint and field: useful to integrators, who have accounts, and a
    map for nobody else. ``API_DOCS_PUBLIC`` (on in development) opens it to anyone.
    """

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not settings.API_DOCS_PUBLIC and not request.user.is_authenticated:
            if page:
                return redirect_to_login(request.get_full_path())
            return JsonResponse({"detail": "Authentication required."}, status=401)
        return view(request, *args, **kwargs)

    return wrapped

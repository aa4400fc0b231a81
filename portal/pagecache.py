"""Public portal pages served from process memory to anonymous visitors (bộ đệm trang công khai).

Why: a cached portal page used to cost a full request: the whole middleware chain (session,
authentication, one-time passwords, messages, CSP…), then ``cache_page``'s two reads of the
database cache table ``khcn_cache``, so each hit was a database round trip (with a new
connection when connections are not kept). The rendered page carries nothing per visitor, so
the finished response - with every security header the chain added, CSP included - is kept
here, in each worker's memory, and handed out before the session is even looked at.

What may be served from here, all of it checked:
- only views that opt in with ``cached_page`` (the portal's public pages; never the feedback
  form, tracking, moderation, downloads or any page outside the portal);
- only GET/HEAD, only a request without a session cookie (a signed-in user, or anyone with a
  session, always goes through the whole chain and never gets this copy);
- only a 200 that sets no cookie, stored under path + query string + the visitor's language;
- never past the page's freshness: an entry expires ``seconds`` after the page was *rendered*
  (the ``Expires`` header ``cache_page`` set, even when the response itself came from the
  shared cache), so an unpublished object leaves every page within ``CACHE_SECONDS`` (60 s) of
  the change, as before, whatever the worker.

Each worker holds at most ``MAX_ENTRIES`` pages (a few kB each); the oldest go first.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page

MAX_ENTRIES = 512
_MARK = "_khcn_anonymous_page"
# Headers that belong to one exchange, not to the page.
_SKIP_HEADERS = frozenset({"set-cookie", "date"})

# The clocks, named here so a test can move them (tests/…/test_pagecache.py).
_monotonic = time.monotonic
_wall = time.time

Key = tuple[str, str, str]  # language, path, query string
Page = tuple[int, list[tuple[str, str]], bytes]  # status, headers, body


class _Store:
    """A small bounded LRU of finished pages: key -> (monotonic expiry, page)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.items: OrderedDict[Key, tuple[float, Page]] = OrderedDict()

    def get(self, key: Key) -> Page | None:
        with self.lock:
            entry = self.items.get(key)
            if entry is None:
                return None
            if entry[0] <= _monotonic():
                del self.items[key]
                return None
            self.items.move_to_end(key)
            return entry[1]

    def put(self, key: Key, expires: float, page: Page) -> None:
        with self.lock:
            self.items[key] = (expires, page)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


store = _Store(MAX_ENTRIES)


def cached_page(seconds: int) -> Callable[[Callable[..., HttpResponse]], Callable[..., Any]]:
    """For visitors without a session: ``cache_page(seconds)`` (shared between workers, in
    ``khcn_cache``) plus the mark that lets ``AnonymousPageCacheMiddleware`` keep the finished
    page in this process. With a session: the view itself, every time."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., Any]:
        shared = cache_page(seconds)(view)

        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Anyone with a session (every signed-in user) gets a page rendered for them,
                # neither reading nor filling the copies anonymous visitors share.
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, max_age=0)
                return response
            response = shared(request, *args, **kwargs)
            setattr(response, _MARK, seconds)
            return response

        return wrapped

    return decorator


def _prefix() -> str:
    return reverse("portal:home")


def _key(request: HttpRequest) -> Key | None:
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None  # a session (signed in or not): the whole chain, never this copy
    if not request.path.startswith(_prefix()):
        return None
    language = translation.get_language_from_request(request)
    return (language, request.path, request.META.get("QUERY_STRING", ""))


def _expires(response: HttpResponse, seconds: int) -> float:
    """Monotonic expiry: ``seconds`` from now, but never after the page's own Expires (a page
    the shared cache kept for a while has less of its freshness left)."""
    now = _monotonic()
    left = float(seconds)
    header = response.get("Expires")
    if header:
        try:
            left = min(left, parsedate_to_datetime(header).timestamp() - _wall())
        except (TypeError, ValueError):
            return now
    return now + left


class AnonymousPageCacheMiddleware:
    """Placed right after SecurityMiddleware (see the module docstring for what it serves)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _key(request)
        if key is not None:
            hit = store.get(key)
            if hit is not None:
                status, headers, body = hit
                response = HttpResponse(body if request.method == "GET" else b"", status=status)
                for name, value in headers:
                    response[name] = value
                return response
        response = self.get_response(request)
        seconds = getattr(response, _MARK, None)
        if (
            key is not None
            and seconds
            and request.method == "GET"
            and response.status_code == 200
            and not response.cookies
            and not response.has_header("Set-Cookie")
            and not getattr(response, "streaming", False)
            and not getattr(getattr(request, "user", None), "is_authenticated", False)
            # A safety net: a page with a form token is someone's, whatever its view says.
            and b"csrfmiddlewaretoken" not in response.content
        ):
            expires = _expires(response, int(seconds))
            if expires > _monotonic():
                headers = [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in _SKIP_HEADERS
                ]
                store.put(key, expires, (response.status_code, headers, response.content))
        return response

"""The platform's own error pages (trang báo lỗi): 400, 403, 404, 500 and a refused CSRF check.

Vietnamese by default and English when the user switched language (the request's active
language, set by ``LocaleMiddleware``). Pages under ``/api/`` answer JSON instead, as the API's
own errors do. The 500 page renders without a request context: when it is shown, the database or
a context processor may be what failed, so it must need nothing but the template and static CSS.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _


def _texts(status: int) -> tuple[str, str]:
    # Built per call so that gettext answers in the request's language.
    texts = {
        400: (
            _("Yêu cầu không hợp lệ"),
            _("Địa chỉ hoặc dữ liệu gửi lên không đúng dạng nên không xử lý được."),
        ),
        403: (
            _("Không có quyền truy cập"),
            _("Bạn không có quyền thực hiện thao tác này."),
        ),
        404: (
            _("Không tìm thấy trang"),
            _(
                "Trang bạn tìm không tồn tại hoặc bạn không có quyền xem. Hãy kiểm tra lại "
                "địa chỉ, hoặc quay về trang chủ."
            ),
        ),
        500: (
            _("Hệ thống gặp lỗi"),
            _("Đã có lỗi ngoài ý muốn; lỗi đã được ghi lại để khắc phục. Hãy thử lại sau ít phút."),
        ),
    }
    return texts[status]


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _page(
    request: HttpRequest, status: int, detail: str = "", *, bare: bool = False
) -> HttpResponse:
    title, text = _texts(status)
    if _is_api(request):
        return JsonResponse({"detail": title}, status=status)
    context: dict[str, Any] = {"status": status, "title": title, "text": detail or text}
    if bare:  # no request context: nothing that could fail again (database, sessions)
        body = loader.get_template("errors/500.html").render(context)
    else:
        body = loader.render_to_string("errors/error.html", context, request=request)
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(request, 500, bare=True)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token (an old tab, cookies blocked): say what to do."""
    return _page(
        request,
        403,
        _(
            "Phiên làm việc của biểu mẫu đã hết hạn hoặc trình duyệt chặn cookie, nên chưa lưu "
            "gì. Hãy tải lại trang rồi gửi lại."
        ),
    )

"""One way to run a form through a named action: the scoped form-action view.

Every write page used to spell out the same block — bind the form, call the action inside a
``try``, turn ``NotAllowed`` into a 404, flash the error, re-render or redirect — and each copy
drifted a little (one dropped the form's validity, several re-read the object by hand). The
block is written here once; a page declares only what differs::

    class TaskCloseView(ScopedFormActionView):
        model = Task                      # looked up in visible_to(user); missing → 404
        form_class = CloseTaskForm
        template_name = "plans/task_close.html"
        success_message = _("Đã đóng nhiệm vụ.")

        def allowed(self, obj): ...       # the model predicate; refused → 404
        def perform(self, form, obj):     # calls the named action, returns its result
            return actions.close_task(self.request.user, obj, **form.cleaned_data)
        def success_url(self, result): ...

What the base does:

- GET renders the unbound form; a ``VersionedModel`` object's ``version`` is in its initial
  data, so the POST says which copy the user read (``core.forms.VersionField`` refuses a POST
  without it: never a silent last-writer-wins).
- POST binds and validates; an invalid form is re-rendered (``invalid_status``) with what the
  user typed. A valid one goes to ``perform`` inside the error mapping: ``NotAllowed`` → 404;
  ``EditConflict`` → a non-field error on the re-rendered form, the user's input kept;
  any other ``ActionError`` → an error message (or a non-field error, ``errors_on_form``).
  After a refusal the object is read again, since the action's transaction rolled back
  whatever it had changed in memory.
- Success: ``success_message``, then a redirect to ``success_url(result)`` — for htmx an
  ``HX-Redirect`` header (the whole page moves), or ``success_partial_name`` rendered in place.
- A view without ``template_name`` is a button (POST only): errors become messages and the
  user goes back to ``return_url()``.
- ``optional_object``: without a pk in the URL the page acts without an object (create pages,
  the user's own settings); permission is then the action's to check.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core import idempotency
from core.errors import ActionError, EditConflict, NotAllowed
from core.forms import MISSING_VERSION
from core.models import VersionedModel
from core.params import bound_text_fields
from core.views import ScopedActionView


class ScopedFormActionView(ScopedActionView):
    """A page (or button) that runs one named action on one scoped object through a form."""

    object: Any = None  # the scoped object of this request (None for objectless pages)
    form_class: Any = None
    template_name: str | None = None
    partial_template_name: str | None = None  # re-rendered form for htmx requests
    success_partial_name: str | None = None  # htmx success: render this instead of redirecting
    object_name = "object"
    success_message: Any = ""
    invalid_message: Any = None  # flashed when a bound form does not validate
    invalid_status = 200
    errors_on_form = False
    optional_object = False

    # -- the object and the form ---------------------------------------------------------

    def get_object(self) -> Any:
        if self.optional_object and self.kwargs.get(self.pk_url_kwarg) is None:
            return None
        return super().get_object()

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {"version": obj.version} if isinstance(obj, VersionedModel) else {}

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        """Extra keyword arguments of the form (``instance``, ``user``, ``plan``…)."""
        return {}

    def get_form(self, obj: Any, data: Any = None, files: Any = None) -> Any:
        if self.form_class is None:
            return None
        kwargs = {"initial": self.get_initial(obj), **self.get_form_kwargs(obj)}
        return self.form_class(data, files, **kwargs)

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        return {self.object_name: obj, "form": form, **extra}

    def render_form(self, obj: Any, form: Any, *, status: int = 200, **extra: Any) -> HttpResponse:
        template = self.template_name
        if getattr(self.request, "htmx", False) and self.partial_template_name:
            template = self.partial_template_name
        if template is None:
            raise ImproperlyConfigured(f"{type(self).__name__} has no template_name.")
        context = self.get_context_data(obj, form, **extra)
        return render(self.request, template, context, status=status)

    # -- what a subclass declares --------------------------------------------------------

    def perform(self, form: Any, obj: Any) -> Any:
        """Call the named action with the form's cleaned data; return its result."""
        raise NotImplementedError

    def get_success_message(self, result: Any) -> str:
        return str(self.success_message)

    def return_url(self) -> str:
        """Where a button goes back to (and a form after success, unless ``success_url``)."""
        raise ImproperlyConfigured(f"{type(self).__name__} needs return_url or success_url.")

    def success_url(self, result: Any) -> str:
        return self.return_url()

    def success_context(self, result: Any) -> dict[str, Any]:
        return {self.object_name: result}

    def failure_context(self, error: ActionError) -> dict[str, Any]:
        """Extra context for the page re-rendered after a refusal (e.g. an import's row errors)."""
        return {}

    # -- the one request cycle -----------------------------------------------------------

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.template_name is None:
            return self.http_method_not_allowed(request, *args, **kwargs)
        obj = self.object = self.get_object()
        return self.render_form(obj, bound_text_fields(self.get_form(obj)))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.object = self.get_object()
        form = bound_text_fields(self.get_form(obj, request.POST, request.FILES))
        if form is not None and not form.is_valid():
            return self.form_invalid(obj, form)
        # The submission key is claimed (committed) before the action runs: a resent form
        # arriving meanwhile, or later, does nothing. A refused action releases it, so the
        # corrected form can be sent again.
        try:
            key = idempotency.claim(request)
        except idempotency.DuplicateSubmission:
            return self.duplicate()
        try:
            result = self.perform(form, self.stored(obj, form))
        except NotAllowed as error:
            idempotency.release(key)
            raise Http404 from error
        except ActionError as error:
            idempotency.release(key)
            return self.refused(obj, form, error)
        except BaseException:
            idempotency.release(key)
            raise
        return self.succeeded(result)

    def duplicate(self) -> HttpResponse:
        """A form sent a second time (double click, resend): said so, nothing done again."""
        messages.info(
            self.request, _("Yêu cầu này đã được gửi và thực hiện; không làm lại lần nữa.")
        )
        try:
            url = self.return_url()
        except (ImproperlyConfigured, AttributeError, TypeError):
            url = self.request.path
        if getattr(self.request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)

    def stored(self, obj: Any, form: Any) -> Any:
        """The object as stored. A ModelForm's validation copies the typed values onto its
        instance; the action must see the stored row (its "before" for the audit)."""
        if obj is not None and isinstance(form, forms.BaseModelForm) and form.instance is obj:
            return type(obj)._default_manager.get(pk=obj.pk)
        return obj

    def form_invalid(self, obj: Any, form: Any) -> HttpResponse:
        if self.template_name is None:
            missing_version = "version" in form.errors
            messages.error(
                self.request,
                str(
                    MISSING_VERSION
                    if missing_version
                    else self.invalid_message or form_errors(form)
                ),
            )
            return redirect(self.return_url())
        if self.invalid_message:
            messages.error(self.request, str(self.invalid_message))
        return self.render_form(obj, form, status=self.invalid_status)

    def refused(self, obj: Any, form: Any, error: ActionError) -> HttpResponse:
        if self.template_name is None:
            messages.error(self.request, error.message)
            return redirect(self.return_url())
        if obj is not None:  # the action rolled back; what it changed in memory did not happen
            obj = self.scoped_queryset().filter(pk=obj.pk).first() or obj
            self.object = obj
        if form is not None and (self.errors_on_form or isinstance(error, EditConflict)):
            form.add_error(None, error.message)
        else:
            messages.error(self.request, error.message)
        context = self.failure_context(error)
        return self.render_form(obj, form, status=self.invalid_status, **context)

    def succeeded(self, result: Any) -> HttpResponse:
        htmx = getattr(self.request, "htmx", False)
        if htmx and self.success_partial_name:
            return render(self.request, self.success_partial_name, self.success_context(result))
        message = self.get_success_message(result)
        if message:
            messages.success(self.request, message)
        url = self.success_url(result)
        if htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)


def form_errors(form: forms.BaseForm) -> str:
    """All of a form's messages on one line, for a button that has no page to show them on."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


class RecordEditView(ScopedFormActionView):
    """Create (no pk in the URL) or edit one registry record (bản ghi của sổ) through the
    owning app's named create/update actions.

    The registries (organisations, IP, events, experts, agreements) all had this page spelled
    out alike; a page now declares its model, form, template, message and
    ``detail_url_name``, the two predicates and the two actions. ``links`` names the form's
    many-to-many choices, handed to the actions as lists beside ``model.EDITABLE_FIELDS``.
    """

    optional_object = True
    errors_on_form = True
    invalid_status = 400
    detail_url_name = ""
    links: tuple[str, ...] = ()

    def may_create(self, user: Any) -> bool:
        raise NotImplementedError

    def may_edit(self, user: Any, obj: Any) -> bool:
        raise NotImplementedError

    def create(self, user: Any, **values: Any) -> Any:
        raise NotImplementedError

    def update(self, user: Any, obj: Any, *, expected_version: int, **values: Any) -> Any:
        raise NotImplementedError

    def allowed(self, obj: Any) -> bool:
        return self.may_edit(self.request.user, obj)

    def get_object(self) -> Any:
        obj = super().get_object()
        if obj is None and not self.may_create(self.request.user):
            raise Http404
        return obj

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": obj, "user": self.request.user}

    def values(self, form: Any) -> dict[str, Any]:
        data = form.cleaned_data
        values = {name: data[name] for name in self.model.EDITABLE_FIELDS}
        values.update({name: list(data[name]) for name in self.links})
        return values

    def perform(self, form: Any, obj: Any) -> Any:
        user = self.request.user
        if obj is None:
            return self.create(user, **self.values(form))
        return self.update(
            user, obj, expected_version=form.cleaned_data["version"], **self.values(form)
        )

    def success_url(self, result: Any) -> str:
        from django.urls import reverse

        return reverse(self.detail_url_name, kwargs={"pk": result.pk})

"""What every page with client data does: sign-in, two-factor authentication, no caching, and the
process fetched through its visibility (not visible: 404)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.mfa import mfa_redirect, mfa_satisfied
from core.pages import page_of as core_page_of

from ..models import NetworkMeeting, NetworkProcess
from ..permissions import has_mfa
from ..selectors.processes import meeting_detail, process_detail
from ..services.access import process_access_log

PAGE_SIZE = 20


def client_data_view(view):
    """Signed in, with two-factor authentication on, and never cached (Cache-Control: no-store)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # SECURITY: roles that see client data must use two-factor authentication, and this session must
        # have passed it (a password alone never opens client data).
        if not mfa_satisfied(request):
            if not has_mfa(request.user):
                messages.warning(
                    request,
                    _(
                        "Network meetings contain client data. Turn on two-factor authentication to open them."
                    ),
                )
            return mfa_redirect(request, request.get_full_path())
        return view(request, *args, **kwargs)

    return login_required(never_cache(wrapper))


def get_process(request, pk) -> NetworkProcess:
    try:
        return process_detail(user=request.user, pk=pk)
    except (NetworkProcess.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_meeting(request, pk) -> NetworkMeeting:
    try:
        return meeting_detail(user=request.user, pk=pk)
    except (NetworkMeeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def log_read(request, process: NetworkProcess, purpose: str, kind: str = "read") -> None:
    process_access_log(user=request.user, process=process, kind=kind, purpose=purpose)


def page_of(request, qs, size: int = PAGE_SIZE):
    return core_page_of(request, qs, size)

"""The Django admin without a door of its own. Its login page only sends people to the platform's sign-in
(allauth: throttled, with two-factor authentication), and the admin opens only to active staff whose
session passed two-factor authentication."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .mfa import mfa_redirect, mfa_satisfied


class AdminSite(admin.AdminSite):
    site_header = _("Ilmiö administration")
    site_title = _("Ilmiö administration")
    index_title = _("Administration")

    def has_permission(self, request) -> bool:
        # SECURITY: staff status alone is not enough; the session must have passed a second factor.
        return super().has_permission(request) and mfa_satisfied(request)

    def login(self, request, extra_context=None):
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            # SECURITY: no password form here; the admin's own login skipped throttling and MFA.
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not mfa_satisfied(request):
            return mfa_redirect(request, next_url)
        return redirect(next_url)

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from familycentres.selectors import user_memberships


@login_required
def profile(request):
    memberships = user_memberships(request.user)
    return render(request, "accounts/profile.html", {"memberships": memberships})

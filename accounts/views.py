from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core import panels


@login_required
def profile(request):
    # The groups and roles come from the network app's panel (registered in its AppConfig.ready).
    return render(request, "accounts/profile.html", {"panels": panels.render_panels(request, panels.PROFILE)})

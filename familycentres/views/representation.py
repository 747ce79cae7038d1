"""Who is at the table: the organisations and roles represented in the groups of each level."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.pages import page_of, render_page

from ..models import Group
from ..permissions import can_view_representation
from ..selectors.representation import LEVEL_ORDER, representation_groups, summarise

PAGE_SIZE = 20


@login_required
@require_GET
@never_cache
def representation(request):
    if not can_view_representation(request.user):
        raise PermissionDenied
    level = request.GET.get("level", Group.Level.LOCAL)
    if level not in Group.Level.values:
        level = Group.Level.LOCAL
    page = page_of(request, representation_groups(request.user, level), PAGE_SIZE)
    labels = dict(Group.Level.choices)
    context = {
        "level": level,
        "level_label": labels[level],
        "levels": [(value, labels[value]) for value in LEVEL_ORDER],
        "page": page,
        "rows": [summarise(group) for group in page.object_list],
    }
    return render_page(request, "familycentres/representation.html", context, partial="results")

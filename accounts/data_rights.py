"""Pages of a person's data rights: see and download my data, ask for erasure."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .personal_data import listed_parts
from .selectors import personal_data_export
from .services import gdpr


@login_required
def my_data(request):
    data = personal_data_export(request.user)
    listed = [(heading, data[name]) for name, heading in listed_parts().items() if name in data]
    return render(request, "accounts/my_data.html", {"data": data, "listed": listed})


@login_required
def my_data_json(request):
    data = personal_data_export(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
@require_POST
def erasure_request(request):
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you want your account erased."))
        return redirect("my_data")
    gdpr.account_erasure_request(actor=request.user)
    messages.success(
        request,
        _("Your request was sent to the administrators. They will contact you before the account is erased."),
    )
    return redirect("my_data")

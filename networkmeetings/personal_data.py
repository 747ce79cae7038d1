"""What network meetings hold about a professional, for their data export: the processes they convene or
are responsible for (by the process's label, which by rule does not identify the family, and their role;
nothing of the family's record), the plan steps they own or pair on, and their LP qualification. The
family's own data are not the professional's and stay out of this export."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.personal_data import newest_first, record

from .models import LPQualification, NetworkProcess, PlanStep


def roles_in_network_meetings(user) -> list[dict]:
    records = []
    processes = NetworkProcess.objects.filter(
        Q(convener=user) | Q(responsible_worker=user) | Q(responsible_pair=user)
    ).only("id", "label", "created_at", "convener_id", "responsible_worker_id", "responsible_pair_id")
    for p in processes:
        roles = [
            label
            for field, label in (
                ("convener_id", _("convener")),
                ("responsible_worker_id", _("responsible worker")),
                ("responsible_pair_id", _("responsible pair")),
            )
            if getattr(p, field) == user.pk
        ]
        records.append(record(_("Network meeting process"), p.created_at, ", ".join(roles), p.label))
    steps = PlanStep.objects.filter(Q(owner=user) | Q(pair=user)).select_related("meeting__process")
    for s in steps:
        records.append(record(_("Plan step"), s.created_at, s.what, s.meeting.process.label))
    for q in LPQualification.objects.filter(user=user):
        records.append(record(_("LP qualification"), None, q.get_level_display(), str(q.trained_on)))
    return newest_first(records)

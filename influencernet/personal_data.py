"""What the influencer network holds about a person, for their data export: the member organisations or
groups they represent, the statements they wrote for them and the people they nominated (named by the
call only; the nominee's own data are the nominee's)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.personal_data import newest_first, record

from .models import Nomination, Representative, Statement


def influencernet_of(user) -> list[dict]:
    records = []
    for r in Representative.objects.filter(user=user).select_related("member"):
        records.append(record(_("Representative"), r.created_at, "", r.member.name))
    for s in Statement.objects.filter(updated_by=user).select_related("matter", "member"):
        records.append(record(_("Statement"), s.submitted_at or s.updated_at, s.text, s.matter.title))
    for n in Nomination.objects.filter(created_by=user).select_related("call"):
        records.append(record(_("Nomination"), n.created_at, n.description, n.call.title))
    return newest_first(records)

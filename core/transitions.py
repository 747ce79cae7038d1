"""One way to change a status field: lock the row, check the step is allowed, save only what changed and
write the audit event, all inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from .audit import audit_record
from .errors import ConflictError

M = TypeVar("M", bound=models.Model)


def lock(obj: M, *related: str) -> M:
    """The row of `obj` again, locked for the rest of the transaction (FOR UPDATE), with `related`."""
    qs = type(obj)._default_manager.select_for_update(of=("self",) if related else ())
    if related:
        qs = qs.select_related(*related)
    return qs.get(pk=obj.pk)


@transaction.atomic
def transition(
    obj: M,
    *,
    actor,
    to: str,
    allowed_from: Collection[str],
    action: str,
    field: str = "status",
    changes: Mapping[str, Any] | None = None,
    message: str | None = None,
    code: str = "wrong_state",
) -> M:
    """Moves `obj.<field>` to `to` when its current (locked) value is in `allowed_from`, else raises
    ConflictError (409: somebody else moved it first, or the step is not allowed). `changes` are other
    fields set in the same save (a reason, a timestamp); `message` and `code` name the refusal. Returns the locked, saved object."""
    locked = lock(obj)
    current = getattr(locked, field)
    if current not in allowed_from:
        raise ConflictError(message or _("This step is not possible in the current state."), code=code)
    values = {field: to, **(changes or {})}
    before = {name: getattr(locked, name) for name in values}
    for name, value in values.items():
        setattr(locked, name, value)
    update_fields = list(values)
    if any(f.name == "updated_at" for f in locked._meta.concrete_fields):
        update_fields.append("updated_at")
    locked.save(update_fields=update_fields)
    audit_record(actor=actor, action=action, obj=locked, before=_plain(before), after=_plain(values))
    return locked


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-safe: related objects as their ids, dates and times as ISO text."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    out = {name: value.pk if isinstance(value, models.Model) else value for name, value in values.items()}
    return json.loads(json.dumps(out, cls=DjangoJSONEncoder))

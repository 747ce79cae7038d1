"""The audit trail and the access log refuse UPDATE and DELETE in PostgreSQL itself, not only in the ORM
(AppendOnlyModel): a raw query, a bulk update or a shell cannot rewrite history either.

The one change allowed is the one Django makes when an account is deleted: the row's person link set to
NULL (on_delete=SET_NULL), every other column unchanged. No retention job deletes from these tables
(core.tasks.retention_sweep erases expired sessions only); one that should would have to change this
trigger in a migration, on purpose. TRUNCATE (the test database's flush) fires no row trigger."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION core_refuse_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    person_column text := TG_ARGV[0];
BEGIN
    IF TG_OP = 'UPDATE'
        AND (to_jsonb(NEW) - person_column) = (to_jsonb(OLD) - person_column)
        AND (to_jsonb(NEW) -> person_column) = 'null'::jsonb THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001';
END;
$$;
"""

TABLES = [("core_auditevent", "actor_id"), ("core_accesslogentry", "user_id")]


def _create(table: str, column: str) -> str:
    return (
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION core_refuse_log_change('{column}');"
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_import_run")]

    operations = [
        migrations.RunSQL(FUNCTION, reverse_sql="DROP FUNCTION IF EXISTS core_refuse_log_change();"),
        *[
            migrations.RunSQL(_create(table, column), reverse_sql=f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
            for table, column in TABLES
        ],
    ]

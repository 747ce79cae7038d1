from django.db import migrations

# The service map's version `service_map` (core.fragments): raised in the same transaction as every
# write that can change a service map — the services, their area links, the area tree and the
# organisations (the providers' names). The map's counting statements are cached under it
# (`familycentres.selectors.servicemap`), so a map read after a write never comes from the cache of an
# earlier state. Statement triggers (one per statement, not per row) raise it; TRUNCATE counts too. The
# triggers' names sort before those of the kept counts (0007), so they fire first: a second transaction
# that writes services waits on the version's row before it locks any count row, and two writers cannot
# deadlock on the count rows in between.
NAME = "service_map"
TABLES = ["familycentres_service", "familycentres_service_areas", "familycentres_area", "familycentres_organisation"]
TRIGGER = "familycentres_servicemap_0_version"

FORWARD = "\n".join(
    [
        "INSERT INTO core_cacheversion (name, version) "
        f"VALUES ('{NAME}', nextval('core_cacheversion_seq')) ON CONFLICT DO NOTHING;",
        *(
            f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION core_cacheversion_bump('{NAME}');"
            for table in TABLES
        ),
    ]
)
REVERSE = "\n".join(
    [
        *(f"DROP TRIGGER {TRIGGER} ON {table};" for table in reversed(TABLES)),
        f"DELETE FROM core_cacheversion WHERE name = '{NAME}';",
    ]
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_cache_version"),
        ("familycentres", "0007_service_map_counts"),
    ]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]

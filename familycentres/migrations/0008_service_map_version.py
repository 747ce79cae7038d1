from django.db import migrations

# A number that changes in the same transaction as every write that can change a service map: the
# services, their area links, the area tree and the organisations (the providers' names). The map's
# counting statements are cached under it (`familycentres.selectors.servicemap`), so a map read after a
# write never comes from the cache of an earlier state. The number comes from a sequence, which never
# gives a number twice, even when the writing transaction rolls back: a rolled-back write cannot leave a
# cached answer under a number that a later, different state also gets. Statement triggers (one per
# statement, not per row) keep it; TRUNCATE counts too. The triggers' names sort before those of the kept
# counts (0007), so they fire first: a second transaction that writes services waits on the version's row
# before it locks any count row, and two writers cannot deadlock on the count rows in between.
FORWARD = r"""
CREATE SEQUENCE familycentres_servicemap_version_seq;
CREATE TABLE familycentres_servicemapversion (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO familycentres_servicemapversion (id, version)
VALUES (1, nextval('familycentres_servicemap_version_seq'));

CREATE FUNCTION familycentres_servicemap_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE familycentres_servicemapversion
    SET version = nextval('familycentres_servicemap_version_seq') WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER familycentres_servicemap_0_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON familycentres_service FOR EACH STATEMENT EXECUTE FUNCTION familycentres_servicemap_bump();
CREATE TRIGGER familycentres_servicemap_0_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON familycentres_service_areas FOR EACH STATEMENT EXECUTE FUNCTION familycentres_servicemap_bump();
CREATE TRIGGER familycentres_servicemap_0_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON familycentres_area FOR EACH STATEMENT EXECUTE FUNCTION familycentres_servicemap_bump();
CREATE TRIGGER familycentres_servicemap_0_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON familycentres_organisation FOR EACH STATEMENT EXECUTE FUNCTION familycentres_servicemap_bump();
"""

REVERSE = r"""
DROP TRIGGER familycentres_servicemap_0_version ON familycentres_organisation;
DROP TRIGGER familycentres_servicemap_0_version ON familycentres_area;
DROP TRIGGER familycentres_servicemap_0_version ON familycentres_service_areas;
DROP TRIGGER familycentres_servicemap_0_version ON familycentres_service;
DROP FUNCTION familycentres_servicemap_bump();
DROP TABLE familycentres_servicemapversion;
DROP SEQUENCE familycentres_servicemap_version_seq;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("familycentres", "0007_service_map_counts"),
    ]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]

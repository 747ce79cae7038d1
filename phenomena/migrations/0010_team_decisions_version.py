"""The team view's decisions panel is cached under the version `team_decisions` (core.fragments): these
triggers raise it in the transaction of every write that can change what the panel of any team shows —
decisions, initiatives, links between phenomena and observations (all writes), a phenomenon's title or its
deletion, an observation's area, a group's name. A new observation or phenomenon changes no panel until it
is linked or decided, so inserts of those raise nothing (the open form is not slowed)."""

from django.db import migrations

NAME = "team_decisions"
TRIGGERS = [
    # (trigger, table, when, for each, condition)
    ("phenomena_decision_team_decisions", "phenomena_decision", "INSERT OR UPDATE OR DELETE OR TRUNCATE", "STATEMENT", ""),
    ("phenomena_initiative_team_decisions", "phenomena_initiative", "INSERT OR UPDATE OR DELETE OR TRUNCATE", "STATEMENT", ""),
    ("phenomena_links_team_decisions", "phenomena_phenomenonobservation", "INSERT OR UPDATE OR DELETE OR TRUNCATE", "STATEMENT", ""),
    ("phenomena_phenomenon_gone_team_decisions", "phenomena_phenomenon", "DELETE OR TRUNCATE", "STATEMENT", ""),
    ("phenomena_phenomenon_title_team_decisions", "phenomena_phenomenon", "UPDATE", "ROW", "OLD.title IS DISTINCT FROM NEW.title"),
    ("observations_area_team_decisions", "observations_observation", "UPDATE", "ROW", "OLD.area_id IS DISTINCT FROM NEW.area_id"),
    ("familycentres_group_name_team_decisions", "familycentres_group", "UPDATE", "ROW", "OLD.name IS DISTINCT FROM NEW.name"),
]


def _create() -> str:
    statements = [f"INSERT INTO core_cacheversion (name, version) VALUES ('{NAME}', nextval('core_cacheversion_seq')) ON CONFLICT DO NOTHING;"]
    for trigger, table, when, each, condition in TRIGGERS:
        where = f" WHEN ({condition})" if condition else ""
        statements.append(
            f"CREATE TRIGGER {trigger} AFTER {when} ON {table} FOR EACH {each}{where} "
            f"EXECUTE FUNCTION core_cacheversion_bump('{NAME}');"
        )
    return "\n".join(statements)


def _drop() -> str:
    statements = [f"DROP TRIGGER {trigger} ON {table};" for trigger, table, *_rest in TRIGGERS]
    statements.append(f"DELETE FROM core_cacheversion WHERE name = '{NAME}';")
    return "\n".join(statements)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_cache_version"),
        ("familycentres", "0007_service_map_counts"),
        ("observations", "0008_observation_themes_theme_observation_index"),
        ("phenomena", "0009_responsibilities_routes_other_decisions"),
    ]

    operations = [migrations.RunSQL(_create(), _drop())]

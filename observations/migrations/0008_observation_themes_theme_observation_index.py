from django.db import migrations

# The observation–theme links by theme with the observation's id in the index itself: a search that matches
# a theme's name reads the ids of that theme's observations from the index alone (an index-only scan)
# instead of a heap page per link, tens of thousands of them for a common theme at a million observations.
# The link table is the many-to-many field's own, so the index is written in SQL.


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0007_observation_facts_index"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX observation_themes_theme_obs_idx "
            "ON observations_observation_themes (theme_id, observation_id)",
            "DROP INDEX IF EXISTS observation_themes_theme_obs_idx",
        ),
    ]

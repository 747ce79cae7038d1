"""Fixtures shared by every app's tests. Add fixtures here; do not remove others'."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Finnish): an earlier test that activated another one in
    the same worker must not change which URLs `reverse` gives or which messages a view writes."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def user(db):
    from accounts.tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def admin_client(db, client, admin_user):
    """An administrator's client whose session passed two-factor authentication (the admin requires it)."""
    from accounts.tests.factories import force_login_with_mfa

    force_login_with_mfa(client, admin_user)
    return client


@pytest.fixture
def staff_user(db):
    from accounts.tests.factories import UserFactory

    return UserFactory(staff=True)


@pytest.fixture
def network(db):
    """The shared small network (familycentres.tests.factories.build_network): two family centres, a local
    team with a professional, a colleague, a collector and a client representative, the other centre's
    collector, an outsider and an administrator."""
    from familycentres.tests.factories import build_network

    return build_network()


@pytest.fixture(scope="session", autouse=True)
def _quick_flush():
    """Empties the tables after a transactional test (the browser tests, the real-worker tests) with DELETE
    instead of TRUNCATE. TRUNCATE gives each of the ~120 tables and their indexes new files, which takes
    about a second; a test leaves a few dozen rows in a handful of tables, which DELETE removes in
    milliseconds. Triggers and foreign-key checks are off for that transaction (session_replication_role
    = replica, which needs a superuser, as the test servers' role is): every table is emptied at once, so
    there is nothing to check, and TRUNCATE fires no row triggers either. Any other role keeps TRUNCATE."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables or not _superuser(self.connection):
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        deletes = "; ".join(
            f"{style.SQL_KEYWORD('DELETE FROM')} {self.quote_name(table)}" for table in tables
        )
        return ["SET LOCAL session_replication_role = replica", deletes]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = original


def _superuser(connection) -> bool:
    if not hasattr(connection, "_ilmio_superuser"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            connection._ilmio_superuser = bool(cursor.fetchone()[0])
    return connection._ilmio_superuser


# In CI (CI=true) a missing service or browser is a failure, not a skip: every skipped test is
# reported as failed, with the reason it would have been skipped.
def _ci() -> bool:
    import os

    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    # An expected failure (xfail) is also reported as "skipped"; it carries `wasxfail` and stays as it is.
    if _ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which counts as a failure: {reason}"


def pytest_sessionfinish(session, exitstatus):
    # Skips outside a test (a whole module skipped at collection) are caught here.
    if not _ci():
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        session.exitstatus = 1
        if reporter:
            reporter.write_line(f"CI=true: {skipped} skipped test(s) or module(s) count as failure", red=True)


# The second CI pass runs on the machine's PostgreSQL server instead of the embedded one. What can differ
# between the two servers is the database's own behaviour, so that pass runs the tests of it: services
# (locks, constraints, transitions), selectors and search (full-text configurations, ranking), models and
# triggers, imports, concurrency, the demo data and health. Pages, the API and the browser render the same
# rows the same way on either server. A test elsewhere can opt in with @pytest.mark.db_server.
DB_SERVER_PATH_PARTS = ("/services/", "/selectors/", "/models/")
DB_SERVER_FILE_PREFIXES = (
    "test_services",
    "test_selectors",
    "test_models",
    "test_search",
    "test_concurrency",
    "test_constraints",
    "test_triggers",
    "test_imports",
    "test_importers",
    "test_migrations",
    "test_audit",
    "test_seed_demo",
    "test_demo",
    "test_health",
    "test_counts",
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = "/" + str(item.path.relative_to(config.rootpath)).replace("\\", "/")
        name = item.path.name
        if any(part in path for part in DB_SERVER_PATH_PARTS) or name.startswith(DB_SERVER_FILE_PREFIXES):
            item.add_marker(pytest.mark.db_server)

"""Production settings pass Django's deployment checklist with no warnings."""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent
# Only what the interpreter needs is inherited: nothing from the test run (DEBUG, DEMO_MODE,
# DJANGO_ALLOW_ASYNC_UNSAFE set by the browser tests, ...) may leak into the production settings.
INHERITED = {"PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ", "PYTHONPATH", "SYSTEMROOT"}


def _database_url() -> str:
    """The database the tests use, as a DATABASE_URL (a TCP host or the embedded server's socket)."""
    db = settings.DATABASES["default"]
    user = quote(db.get("USER") or "", safe="")
    password = quote(str(db.get("PASSWORD") or ""), safe="")
    auth = f"{user}:{password}@" if password else f"{user}@"
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host", "")
    name = quote(db["NAME"], safe="")
    if host.startswith("/"):
        return f"postgres://{auth}/{name}?host={quote(host, safe='/')}"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{name}"


def _production_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key in INHERITED}
    alphabet = string.ascii_letters + string.digits + string.punctuation
    env.update(
        ILMIO_ENV="production",
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(64)),
        DATABASE_URL=_database_url(),
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_URL="smtp://localhost:25",
        ALLOWED_HOSTS="ilmio.example.fi",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def test_deploy_check_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no " in output, output
    assert "WARNING" not in output, output

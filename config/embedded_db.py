"""The embedded PostgreSQL server (pgserver) used by `make run` and `make test` when no DATABASE_URL
is given. Development and test only: production always names its database."""

from __future__ import annotations

import os
from pathlib import Path


def embedded_database_url(base_dir: Path, name: str = "ilmio") -> str:
    # Imported lazily: production images never load pgserver.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(base_dir / "var" / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True)
    Path(os.environ["XDG_RUNTIME_DIR"]).chmod(0o700)
    import logging

    import pgserver

    logging.getLogger("pgserver").setLevel(logging.WARNING)
    pgdata = base_dir / "var" / "pg"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None keeps the server running for the web process, the worker and the scheduler,
    # which all share it; `make stop` stops it.
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    if not name.isidentifier():
        raise ValueError("database name must be a plain identifier")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")  # noqa: S608 - checked above
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{name}";')
    return server.get_uri(name)

"""No module imports a name starting with `_` from another module: a private name is the module's own
business, and a rule another app needs is given a public name where the layers allow it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = [
    "core",
    "accounts",
    "familycentres",
    "observations",
    "phenomena",
    "codevelopment",
    "networkmeetings",
    "influencernet",
    "indicators",
    "config",
    "tests",
    "bench",
]


def _private_imports(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                # `_` alone is gettext; dunder names (__version__) are public by convention.
                if alias.name.startswith("_") and alias.name != "_" and not alias.name.startswith("__"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module} import {alias.name}")
    return found


def test_no_module_imports_a_private_name_of_another():
    offenders = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if path.name == "test_private_imports.py":
                continue
            if "migrations" in path.parts:
                continue
            offenders += _private_imports(path)
    assert offenders == []


def test_the_check_finds_a_private_import(tmp_path, monkeypatch):
    module = tmp_path / "sample.py"
    module.write_text(
        "from observations.views.triage import _csv_safe\nfrom django.utils.translation import gettext as _\n"
    )
    monkeypatch.setattr("tests.test_private_imports.ROOT", tmp_path)
    assert _private_imports(module) == ["sample.py:1 observations.views.triage import _csv_safe"]

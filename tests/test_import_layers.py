"""The import contracts (.importlinter, run by `make lint`) check only the packages they list: every app
of this repository must be listed, and must have its place in the layers."""

from __future__ import annotations

import configparser
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]


def _config() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    return config


def _local_apps() -> set[str]:
    return {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT and config.name != "config"
    }


def test_every_app_of_the_repository_is_a_root_package_of_the_import_contracts():
    roots = set(_config()["importlinter"]["root_packages"].split())

    assert _local_apps() <= roots


def test_every_app_has_a_layer():
    layers = _config()["importlinter:contract:layers"]["layers"]
    declared = {name.strip("() ") for line in layers.split("\n") for name in line.split("|") if name.strip()}

    assert _local_apps() <= declared

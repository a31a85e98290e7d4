"""Fixtures for tests that run the site in several real processes."""

import shutil

import pytest

from tests.served import build_demo_database


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo community in a SQLite file, built once; tests copy it."""
    return build_demo_database(tmp_path_factory.mktemp("demo-template"))


@pytest.fixture
def demo_site(demo_template, tmp_path):
    """A fresh copy of the demo database (and its media) for one test, and its facts."""
    template, facts = demo_template
    shutil.copytree(template.parent, tmp_path / "site")
    return tmp_path / "site" / template.name, facts

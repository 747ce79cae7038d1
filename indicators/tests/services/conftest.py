import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """The services' messages are asserted in English (the pages show them translated)."""
    with translation.override("en"):
        yield

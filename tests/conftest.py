from pathlib import Path

import pytest

from tests.factories import make_user

TESTS = Path(__file__).parent
# Every test in these folders and files carries their marker, so that
# `pytest -m "not browser and not faults and not fuzz"` (`make test-fast`)
# leaves out the slow ones.
MARKERS_BY_PLACE = {
    "browser": pytest.mark.browser,
    "faults": pytest.mark.faults,
    "test_fuzz.py": pytest.mark.fuzz,
}


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(TESTS):
            place = item.path.relative_to(TESTS).parts[0]
            if marker := MARKERS_BY_PLACE.get(place):
                item.add_marker(marker)


@pytest.fixture
def user(db):
    return make_user("alice")


@pytest.fixture
def other_user(db):
    return make_user("mallory")


@pytest.fixture
def staff_user(db):
    return make_user("curator", is_staff=True, is_superuser=True)

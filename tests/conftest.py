import pytest

from tests.factories import make_user


@pytest.fixture
def user(db):
    return make_user("alice")


@pytest.fixture
def other_user(db):
    return make_user("mallory")


@pytest.fixture
def staff_user(db):
    return make_user("curator", is_staff=True, is_superuser=True)

"""Who may see and change a person's routines: only its owner, through every view."""

import pytest
from django.test import Client

from catalogue.models import Routine, RoutineStep
from tests.factories import make_own_routine, make_routine, make_step

pytestmark = pytest.mark.django_db

CHANGES = ["rename", "add", "remove", "move", "order", "duration"]


@pytest.fixture
def routine(user):
    return make_own_routine(user, steps=3, title="Alice's secret routine")


def change_data(routine: Routine, change: str) -> dict:
    """A post that the owner could make successfully."""
    first, second, _ = routine.routine_steps.order_by("position")
    return {
        "rename": {"title": "Renamed"},
        "add": {"step": make_step().pk, "count": 3},
        "remove": {"routine_step": first.pk},
        "move": {"routine_step": first.pk, "position": first.position, "direction": "down"},
        "order": {"order": f"{second.pk},{first.pk},{_.pk}"},
        "duration": {"routine_step": first.pk, "seconds": 60},
    }[change]


def snapshot(routine: Routine):
    routine = Routine.objects.get(pk=routine.pk)
    return routine.title, list(
        RoutineStep.objects.filter(routine=routine)
        .order_by("position")
        .values_list("pk", "step_id", "position", "duration_override")
    )


def change_url(routine: Routine, change: str) -> str:
    return f"/my-routines/{routine.slug}/{change}/"


@pytest.mark.parametrize("change", CHANGES)
def test_the_owner_can_make_each_change(client, user, routine, change):
    client.force_login(user)
    before = snapshot(routine)
    response = client.post(change_url(routine, change), change_data(routine, change))
    assert response.status_code == 302
    assert snapshot(routine) != before


@pytest.mark.parametrize("change", CHANGES)
def test_someone_else_gets_404_for_each_change_and_nothing_changes(
    client, other_user, routine, change
):
    data = change_data(routine, change)
    before = snapshot(routine)
    client.force_login(other_user)
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(change_url(routine, change), data, headers=headers)
        assert response.status_code == 404
    assert snapshot(routine) == before


@pytest.mark.parametrize(
    "url", ["/routines/{slug}/", "/my-routines/{slug}/edit/", "/my-routines/{slug}/delete/"]
)
def test_someone_else_gets_404_for_each_page(client, other_user, routine, url):
    client.force_login(other_user)
    assert client.get(url.format(slug=routine.slug)).status_code == 404


@pytest.mark.parametrize("action", ["start", "copy"])
def test_someone_else_can_neither_play_nor_copy_it(client, other_user, routine, action):
    client.force_login(other_user)
    assert client.post(f"/routines/{routine.slug}/{action}/").status_code == 404
    assert not Routine.objects.owned_by(other_user).exists()


def test_someone_else_cannot_delete_it(client, other_user, routine):
    client.force_login(other_user)
    assert client.post(f"/my-routines/{routine.slug}/delete/").status_code == 404
    assert Routine.objects.filter(pk=routine.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/my-routines/",
        "/my-routines/{slug}/edit/",
        "/my-routines/{slug}/delete/",
    ],
)
def test_a_visitor_is_sent_to_log_in_for_each_page(client, routine, url):
    url = url.format(slug=routine.slug)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(
    "url",
    [
        *(f"/my-routines/{{slug}}/{change}/" for change in CHANGES),
        "/my-routines/{slug}/delete/",
        "/my-routines/new/",
        "/routines/{slug}/copy/",
    ],
)
def test_a_visitor_is_sent_to_log_in_for_each_change(client, routine, url):
    before = snapshot(routine)
    response = client.post(url.format(slug=routine.slug), {"title": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert snapshot(routine) == before
    assert Routine.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        *(f"/my-routines/{{slug}}/{change}/" for change in CHANGES),
        "/my-routines/new/",
        "/routines/{slug}/copy/",
    ],
)
def test_changes_reject_get(client, user, routine, url):
    client.force_login(user)
    assert client.get(url.format(slug=routine.slug)).status_code == 405


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_pages_reject_other_methods(client, user, routine, method):
    client.force_login(user)
    for url in ("/my-routines/", f"/my-routines/{routine.slug}/edit/"):
        assert getattr(client, method)(url).status_code == 405
    assert getattr(client, method)(f"/my-routines/{routine.slug}/delete/").status_code == 405


@pytest.mark.parametrize("change", [*CHANGES, "delete", "new", "copy"])
def test_a_post_without_the_csrf_token_is_403_and_changes_nothing(user, routine, change):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    before = snapshot(routine)
    if change in CHANGES:
        url, data = change_url(routine, change), change_data(routine, change)
    elif change == "delete":
        url, data = f"/my-routines/{routine.slug}/delete/", {}
    elif change == "new":
        url, data = "/my-routines/new/", {"title": "Sneaky", "goal": "relax"}
    else:
        url, data = f"/routines/{make_routine().slug}/copy/", {}

    for headers in ({}, {"HX-Request": "true"}):
        assert client.post(url, data, headers=headers).status_code == 403
    assert snapshot(routine) == before
    assert Routine.objects.owned_by(user).count() == 1


@pytest.mark.parametrize("change", CHANGES)
def test_curated_routines_stay_read_only_even_for_staff(client, staff_user, change):
    curated = make_routine(steps=3)
    data = change_data(curated, change)
    before = snapshot(curated)
    client.force_login(staff_user)
    assert client.get(f"/my-routines/{curated.slug}/edit/").status_code == 404
    assert client.post(change_url(curated, change), data).status_code == 404
    assert client.post(f"/my-routines/{curated.slug}/delete/").status_code == 404
    assert snapshot(curated) == before


def test_a_persons_routines_are_listed_nowhere_for_anyone_else(client, other_user, routine):
    pages = ["/", "/routines/", "/my-routines/"]
    for page in pages[:2]:
        assert routine.title not in client.get(page).content.decode()
    client.force_login(other_user)
    for page in pages:
        assert routine.title not in client.get(page).content.decode(), page
    for goal in ("depuff", "relax"):
        assert routine.title not in client.get(f"/routines/?goal={goal}").content.decode()

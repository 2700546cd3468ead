import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import RoutineStep, Side, Zone
from tests.factories import make_routine, make_step, make_technique

pytestmark = pytest.mark.django_db


def test_it_shows_every_step_with_zone_side_and_duration(client):
    technique = make_technique(name="Lymphatic drainage", cautions="Not over swollen nodes.")
    routine = make_routine(
        steps=[
            make_step(technique, title="Open the neck", zone=Zone.NECK, duration_seconds=45),
            make_step(technique, title="Left cheek", zone=Zone.CHEEKS, side=Side.LEFT),
        ]
    )

    response = client.get(f"/routines/{routine.slug}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Open the neck") < page.index("Left cheek")
    assert "Neck" in page and "45 s" in page
    assert "Left side" in page
    assert "1 min 15 s" in page


def test_it_shows_the_techniques_cautions_before_the_steps(client):
    technique = make_technique(cautions="Not over swollen nodes.", evidence_note="Temporary.")
    routine = make_routine(steps=[make_step(technique, title="Open the neck")])

    page = client.get(routine.get_absolute_url()).content.decode()

    assert "Not over swollen nodes." in page
    assert "Temporary." in page
    assert page.index("Not over swollen nodes.") < page.index("Open the neck")


def test_it_follows_the_stored_order(client):
    routine = make_routine(steps=2)
    first, second = routine.routine_steps.select_related("step")
    RoutineStep.objects.filter(pk=first.pk).update(position=3)

    page = client.get(routine.get_absolute_url()).content.decode()

    assert page.index(second.step.title) < page.index(first.step.title)


def test_a_draft_is_404_for_visitors_and_visible_to_staff(client, staff_user):
    routine = make_routine(is_published=False)
    assert client.get(routine.get_absolute_url()).status_code == 404
    client.force_login(staff_user)
    response = client.get(routine.get_absolute_url())
    assert response.status_code == 200
    assert b"Draft" in response.content


def test_someone_elses_routine_is_404(client, user, other_user):
    routine = make_routine(owner=user)
    client.force_login(other_user)
    assert client.get(routine.get_absolute_url()).status_code == 404


def test_an_unknown_slug_is_404(client):
    assert client.get("/routines/no-such-routine/").status_code == 404


def test_its_query_count_is_the_same_for_1_and_50_steps(client):
    small = make_routine(steps=1)
    large = make_routine(steps=50)
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(small.get_absolute_url()).status_code == 200
    with CaptureQueriesContext(connection) as large_queries:
        assert client.get(large.get_absolute_url()).status_code == 200
    assert 0 < len(small_queries) == len(large_queries)


def test_a_members_query_count_is_the_same_with_1_or_5_copies(client, user):
    source = make_routine(steps=2)
    client.force_login(user)
    client.post(f"/routines/{source.slug}/copy/")
    with CaptureQueriesContext(connection) as one_copy:
        assert client.get(source.get_absolute_url()).status_code == 200
    for _ in range(4):
        client.post(f"/routines/{source.slug}/copy/")
    with CaptureQueriesContext(connection) as five_copies:
        assert client.get(source.get_absolute_url()).status_code == 200
    assert 0 < len(one_copy) == len(five_copies)

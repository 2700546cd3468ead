"""Make it mine: copying a routine from its page."""

import pytest

from catalogue.models import Routine
from tests.factories import make_own_routine, make_routine, make_step

pytestmark = pytest.mark.django_db


def test_make_it_mine_copies_the_routine_and_opens_the_editor(client, user):
    source = make_routine(steps=4, title="Morning de-puff")
    client.force_login(user)

    response = client.post(f"/routines/{source.slug}/copy/", follow=True)

    copy = Routine.objects.get(owner=user)
    assert response.redirect_chain == [(f"/my-routines/{copy.slug}/edit/", 302)]
    assert "This copy is yours" in response.content.decode()
    assert list(copy.routine_steps.values_list("step_id", flat=True)) == list(
        source.routine_steps.values_list("step_id", flat=True)
    )
    # The curated routine is untouched.
    assert source.routine_steps.count() == 4
    assert Routine.objects.get(pk=source.pk).owner is None


def test_each_press_makes_a_new_copy(client, user):
    source = make_routine(steps=1)
    client.force_login(user)
    client.post(f"/routines/{source.slug}/copy/")
    client.post(f"/routines/{source.slug}/copy/")
    assert Routine.objects.owned_by(user).count() == 2


def test_a_draft_cannot_be_copied_by_users(client, user):
    draft = make_routine(is_published=False)
    client.force_login(user)
    assert client.post(f"/routines/{draft.slug}/copy/").status_code == 404
    assert not Routine.objects.owned_by(user).exists()


def test_a_routine_of_an_hour_is_not_copied_and_the_reason_shown(client, user):
    source = make_routine(steps=[make_step(duration_seconds=900) for _ in range(4)])
    client.force_login(user)
    response = client.post(f"/routines/{source.slug}/copy/", follow=True)
    assert response.redirect_chain == [(source.get_absolute_url(), 302)]
    assert "stays under 1 h" in response.content.decode()
    assert not Routine.objects.owned_by(user).exists()


def test_the_routine_page_offers_make_it_mine_to_signed_in_people(client, user):
    source = make_routine()
    client.force_login(user)
    page = client.get(source.get_absolute_url()).content.decode()
    assert f'action="/routines/{source.slug}/copy/"' in page
    assert ">Make it mine</button>" in page
    assert "/edit/" not in page


def test_visitors_are_offered_to_log_in_instead(client):
    source = make_routine()
    page = client.get(source.get_absolute_url()).content.decode()
    assert "/copy/" not in page
    assert f'href="/accounts/login/?next=/routines/{source.slug}/"' in page


def test_the_owner_sees_edit_on_their_own_routines_page(client, user):
    routine = make_own_routine(user)
    client.force_login(user)
    page = client.get(routine.get_absolute_url()).content.decode()
    assert f'href="/my-routines/{routine.slug}/edit/">Edit</a>' in page
    assert "Your routine" in page
    assert ">Make it mine</button>" not in page

"""Make it mine: copying a routine from its page."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

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


# --- Saying a copy exists, before making another -----------------------------


def test_a_copy_records_what_it_was_copied_from(client, user):
    source = make_routine(steps=1)
    client.force_login(user)
    client.post(f"/routines/{source.slug}/copy/")
    assert Routine.objects.get(owner=user).copied_from == source


def test_the_routine_page_says_a_copy_exists_and_links_to_it(client, user):
    source = make_routine(steps=2, title="Morning de-puff")
    client.force_login(user)
    client.post(f"/routines/{source.slug}/copy/")
    copy = Routine.objects.get(owner=user)
    copy.title = "My mornings"
    copy.save()

    page = client.get(source.get_absolute_url()).content.decode()

    assert f'You have a copy: <a href="{copy.get_absolute_url()}">My mornings</a>' in page
    assert f'href="/my-routines/{copy.slug}/edit/">edit it</a>' in page
    assert ">Make another copy</button>" in page
    assert ">Make it mine</button>" not in page


def test_a_second_copy_is_still_made_and_the_first_is_mentioned(client, user):
    source = make_routine(steps=1, title="Desk break")
    client.force_login(user)
    client.post(f"/routines/{source.slug}/copy/")

    response = client.post(f"/routines/{source.slug}/copy/", follow=True)

    assert Routine.objects.owned_by(user).filter(copied_from=source).count() == 2
    assert "Your earlier copy of “Desk break” stays in your routines" in response.content.decode()
    page = client.get(source.get_absolute_url()).content.decode()
    assert "and 1 more in <a" in page


def test_someone_elses_copy_is_not_mentioned(client, user, other_user):
    source = make_routine(steps=1)
    client.force_login(other_user)
    client.post(f"/routines/{source.slug}/copy/")
    client.force_login(user)

    page = client.get(source.get_absolute_url()).content.decode()

    assert "You have a copy" not in page
    assert ">Make it mine</button>" in page


def test_a_copy_outlives_its_original(client, user):
    source = make_routine(steps=1)
    client.force_login(user)
    client.post(f"/routines/{source.slug}/copy/")
    source.delete()
    copy = Routine.objects.get(owner=user)
    assert copy.copied_from is None
    assert client.get(copy.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_migration_finds_the_originals_of_copies_made_before_it(user):
    before, after = [("catalogue", "0006_studies")], [("catalogue", "0007_routine_copied_from")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("catalogue", "Routine")
    source = old.objects.create(title="Morning de-puff", slug="morning-de-puff", goal="depuff")
    fields = {"owner_id": user.pk, "goal": "depuff"}
    copy = old.objects.create(
        title="Morning de-puff (my copy)", slug="morning-de-puff-a1b2c3", **fields
    )
    renamed = old.objects.create(title="Mornings", slug="morning-de-puff-d4e5f6", **fields)
    own = old.objects.create(title="Morning de-puff (my copy)", slug="my-own-0a0b0c", **fields)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    originals = dict(Routine.objects.values_list("pk", "copied_from"))
    assert originals[copy.pk] == source.pk
    # Renamed, or never a copy: nothing to tell it by, so no original.
    assert originals[renamed.pk] is None
    assert originals[own.pk] is None

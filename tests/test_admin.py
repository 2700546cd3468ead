import pytest

from catalogue.models import Routine, RoutineStep, Step
from tests.factories import make_routine, make_step

pytestmark = pytest.mark.django_db


def inline_data(routine: Routine, positions: dict[int, int], **changes) -> dict:
    """The routine change form as the admin posts it, with new positions by row id."""
    rows = list(routine.routine_steps.all())
    data = {
        "title": routine.title,
        "slug": routine.slug,
        "goal": routine.goal,
        "description": routine.description,
        "is_published": "on",
        "owner": "",
        "routine_steps-TOTAL_FORMS": str(len(rows)),
        "routine_steps-INITIAL_FORMS": str(len(rows)),
        "routine_steps-MIN_NUM_FORMS": "0",
        "routine_steps-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data |= {
            f"routine_steps-{i}-id": str(row.pk),
            f"routine_steps-{i}-routine": str(routine.pk),
            f"routine_steps-{i}-step": str(row.step_id),
            f"routine_steps-{i}-position": str(positions.get(row.pk, row.position)),
            f"routine_steps-{i}-duration_override": "",
        }
    return data | changes


def test_staff_reach_every_admin_page(client, staff_user):
    routine = make_routine(steps=2)
    client.force_login(staff_user)
    for url in [
        "/admin/",
        "/admin/catalogue/routine/",
        f"/admin/catalogue/routine/{routine.pk}/change/",
        "/admin/catalogue/routine/add/",
        "/admin/catalogue/step/",
        "/admin/catalogue/step/?technique__id__exact=1&zone__exact=neck&q=neck",
        "/admin/catalogue/technique/",
    ]:
        assert client.get(url).status_code == 200, url


def test_non_staff_are_sent_to_the_admin_login(client, user):
    client.force_login(user)
    response = client.get("/admin/catalogue/routine/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_routine_list_shows_total_time_and_a_link_to_the_site(client, staff_user):
    routine = make_routine(steps=3)
    client.force_login(staff_user)
    page = client.get("/admin/catalogue/routine/").content.decode()
    assert "1 min 30 s" in page
    assert routine.get_absolute_url() in page


def test_swapping_two_steps_in_the_admin_reorders_the_site(client, staff_user):
    routine = make_routine(steps=3)
    first, second, third = routine.routine_steps.select_related("step")
    client.force_login(staff_user)

    response = client.post(
        f"/admin/catalogue/routine/{routine.pk}/change/",
        inline_data(routine, {first.pk: 2, second.pk: 1}),
    )

    assert response.status_code == 302
    assert list(routine.routine_steps.values_list("step_id", flat=True)) == [
        second.step_id,
        first.step_id,
        third.step_id,
    ]
    page = client.get(routine.get_absolute_url()).content.decode()
    assert (
        page.index(second.step.title) < page.index(first.step.title) < page.index(third.step.title)
    )


def test_duplicate_positions_are_refused_with_a_message(client, staff_user):
    routine = make_routine(steps=2)
    first, second = routine.routine_steps.all()
    client.force_login(staff_user)

    response = client.post(
        f"/admin/catalogue/routine/{routine.pk}/change/",
        inline_data(routine, {first.pk: 1, second.pk: 1}),
    )

    assert response.status_code == 200
    assert b"Please correct the duplicate data for position" in response.content
    assert list(routine.routine_steps.values_list("position", flat=True)) == [1, 2]


def test_an_out_of_range_override_is_refused_with_a_message(client, staff_user):
    routine = make_routine(steps=1)
    client.force_login(staff_user)
    response = client.post(
        f"/admin/catalogue/routine/{routine.pk}/change/",
        inline_data(routine, {}, **{"routine_steps-0-duration_override": "0"}),
    )
    assert response.status_code == 200
    assert b"Ensure this value is greater than or equal to 5" in response.content


def test_an_empty_title_is_refused_with_a_message(client, staff_user):
    routine = make_routine(steps=1)
    client.force_login(staff_user)
    response = client.post(
        f"/admin/catalogue/routine/{routine.pk}/change/", inline_data(routine, {}, title="")
    )
    assert response.status_code == 200
    assert b"This field is required" in response.content
    routine.refresh_from_db()
    assert routine.title


def test_a_step_with_zero_duration_is_refused_with_a_message(client, staff_user):
    step = make_step()
    client.force_login(staff_user)
    response = client.post(
        f"/admin/catalogue/step/{step.pk}/change/",
        {
            "technique": step.technique_id,
            "title": step.title,
            "slug": step.slug,
            "zone": step.zone,
            "side": step.side,
            "direction": step.direction,
            "pressure": step.pressure,
            "duration_seconds": "0",
            "stroke_count": "",
            "instruction": step.instruction,
            "cue": step.cue,
        },
    )
    assert response.status_code == 200
    assert b"greater than or equal to 5" in response.content
    assert Step.objects.get(pk=step.pk).duration_seconds == 30


def test_a_step_used_by_a_routine_cannot_be_deleted(client, staff_user):
    routine = make_routine(steps=1)
    step = routine.steps.get()
    client.force_login(staff_user)
    response = client.post(f"/admin/catalogue/step/{step.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert b"Cannot delete" in response.content or b"would require deleting" in response.content
    assert RoutineStep.objects.filter(step=step).exists()


@pytest.mark.parametrize("forged", ["1:2", "9223372036854775808"])
def test_a_forged_step_id_shows_the_form_again_instead_of_failing(client, staff_user, forged):
    # Found by tests/test_fuzz.py: Django's autocomplete widget looked the
    # posted id up to show it again, and a non-numeric one raised, as did one
    # beyond a 64-bit integer on SQLite.
    client.force_login(staff_user)
    response = client.post(
        "/admin/catalogue/routine/add/",
        {
            "title": "Forged",
            "slug": "forged",
            "goal": "depuff",
            "routine_steps-TOTAL_FORMS": "1",
            "routine_steps-INITIAL_FORMS": "0",
            "routine_steps-0-step": forged,
            "routine_steps-0-position": "1",
        },
    )
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert not Routine.objects.filter(slug="forged").exists()


def test_a_post_claiming_thousands_of_step_rows_is_refused(client, staff_user):
    # Django would otherwise build (and render) up to 2,000 inline forms.
    client.force_login(staff_user)
    response = client.post(
        "/admin/catalogue/routine/add/",
        {
            "title": "Huge",
            "slug": "huge",
            "goal": "depuff",
            "routine_steps-TOTAL_FORMS": "99999",
            "routine_steps-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert b"Please submit at most 100 forms." in response.content
    assert not Routine.objects.filter(slug="huge").exists()

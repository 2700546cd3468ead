import pytest
from django.contrib import messages
from django.contrib.messages import get_messages

from catalogue.models import Routine, RoutineStep, Step, Zone
from tests.factories import make_lymphatic_technique, make_routine, make_step, make_technique

pytestmark = pytest.mark.django_db

REFUSAL = (
    "Drainage order: open the neck first: “Around the ears” drains the face before any neck "
    "or collarbone step, so this routine cannot be published."
)


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


# --- The drainage order: lymphatic strokes on the face wait for the neck ---------------


@pytest.fixture
def lymphatic_steps():
    technique = make_lymphatic_technique()
    return {
        "neck": make_step(technique, title="Open the neck", zone=Zone.NECK),
        "ears": make_step(technique, title="Around the ears", zone=Zone.EARS),
        "cheeks": make_step(technique, title="Cheeks outward", zone=Zone.CHEEKS),
    }


@pytest.fixture
def lymphatic_routine(lymphatic_steps):
    """Published, in drainage order: neck, ears, cheeks."""
    return make_routine(steps=list(lymphatic_steps.values()), title="Morning de-puff")


@pytest.fixture
def curator(client, staff_user):
    client.force_login(staff_user)
    return client


def change(client, routine: Routine, positions: dict[int, int], **changes):
    """Post the routine's change form with new positions by row id (published unless told)."""
    data = inline_data(routine, positions, **changes)
    return client.post(f"/admin/catalogue/routine/{routine.pk}/change/", data)


def stored(routine: Routine) -> tuple[str, bool, list[str]]:
    """The routine's title, whether it is published, and its step titles in order."""
    routine = Routine.objects.get(pk=routine.pk)
    titles = RoutineStep.objects.filter(routine=routine).values_list("step__title", flat=True)
    return routine.title, routine.is_published, list(titles)


def warnings(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == messages.WARNING]


def test_publishing_with_the_ears_above_the_neck_is_refused_and_keeps_the_edits(
    curator, lymphatic_routine
):
    neck, ears, _ = lymphatic_routine.routine_steps.all()
    before = stored(lymphatic_routine)

    response = change(curator, lymphatic_routine, {neck.pk: 2, ears.pk: 1}, title="Version 2")

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert response.context["adminform"].form["title"].value() == "Version 2"
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form["position"].value() for form in formset.forms] == ["2", "1", "3"]
    assert stored(lymphatic_routine) == before


def test_deleting_the_neck_step_of_a_published_lymphatic_routine_is_refused(
    curator, lymphatic_routine
):
    before = stored(lymphatic_routine)

    response = change(curator, lymphatic_routine, {}, **{"routine_steps-0-DELETE": "on"})

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert stored(lymphatic_routine) == before


def test_a_new_lymphatic_row_above_the_neck_is_judged_too(curator, lymphatic_routine):
    neck, ears, cheeks = lymphatic_routine.routine_steps.all()
    under_eye = make_step(neck.step.technique, title="Under the eyes", zone=Zone.UNDER_EYE)
    before = stored(lymphatic_routine)
    new_row = {
        "routine_steps-TOTAL_FORMS": "4",
        "routine_steps-3-routine": str(lymphatic_routine.pk),
        "routine_steps-3-step": str(under_eye.pk),
        "routine_steps-3-position": "1",
    }

    response = change(
        curator, lymphatic_routine, {neck.pk: 2, ears.pk: 3, cheeks.pk: 4}, **new_row
    )

    assert response.status_code == 200
    assert "“Under the eyes” drains the face before any neck" in response.content.decode()
    assert stored(lymphatic_routine) == before


def test_saving_it_as_a_draft_succeeds_with_a_warning(curator, lymphatic_routine):
    neck, ears, _ = lymphatic_routine.routine_steps.all()

    response = change(curator, lymphatic_routine, {neck.pk: 2, ears.pk: 1}, is_published="")

    assert response.status_code == 302
    assert stored(lymphatic_routine) == (
        "Morning de-puff",
        False,
        ["Around the ears", "Open the neck", "Cheeks outward"],
    )
    assert warnings(response) == [
        "Drainage order: open the neck first: “Around the ears” drains the face before any "
        "neck or collarbone step, and the routine's page warns about it. Move a neck or "
        "collarbone step above it; until then the routine cannot be published."
    ]


def test_a_draft_can_be_put_in_order_and_published_in_one_save(curator, lymphatic_steps):
    draft = make_routine(
        steps=[lymphatic_steps["ears"], lymphatic_steps["neck"]], is_published=False
    )
    ears, neck = draft.routine_steps.all()

    response = change(curator, draft, {neck.pk: 1, ears.pk: 2})

    assert response.status_code == 302
    assert stored(draft)[1:] == (True, ["Open the neck", "Around the ears"])
    assert warnings(response) == []


def test_a_correct_order_publishes_with_no_warning(curator, lymphatic_routine):
    _, ears, cheeks = lymphatic_routine.routine_steps.all()

    response = change(curator, lymphatic_routine, {ears.pk: 3, cheeks.pk: 2})

    assert response.status_code == 302
    assert stored(lymphatic_routine)[1:] == (
        True,
        ["Open the neck", "Cheeks outward", "Around the ears"],
    )
    assert warnings(response) == []


def test_a_routine_without_lymphatic_steps_is_never_warned(curator):
    yoga = make_technique(name="Facial yoga", slug="facial-yoga")
    routine = make_routine(
        steps=[
            make_step(yoga, title="Neck stretch", zone=Zone.NECK),
            make_step(yoga, title="Ear tug", zone=Zone.EARS),
        ]
    )
    neck, ears = routine.routine_steps.all()

    published = change(curator, routine, {neck.pk: 2, ears.pk: 1})
    draft = change(curator, routine, {}, is_published="")

    assert published.status_code == draft.status_code == 302
    assert warnings(published) == warnings(draft) == []
    assert stored(routine)[2] == ["Ear tug", "Neck stretch"]


def test_a_new_published_routine_that_drains_first_is_not_created(curator, lymphatic_steps):
    data = {
        "title": "Evening drain",
        "slug": "evening-drain",
        "goal": "depuff",
        "is_published": "on",
        "routine_steps-TOTAL_FORMS": "2",
        "routine_steps-INITIAL_FORMS": "0",
        "routine_steps-0-step": str(lymphatic_steps["ears"].pk),
        "routine_steps-0-position": "1",
        "routine_steps-1-step": str(lymphatic_steps["neck"].pk),
        "routine_steps-1-position": "2",
    }

    refused = curator.post("/admin/catalogue/routine/add/", data)
    assert refused.status_code == 200
    assert REFUSAL in refused.content.decode()
    assert not Routine.objects.filter(slug="evening-drain").exists()

    draft = curator.post("/admin/catalogue/routine/add/", data | {"is_published": ""})
    assert draft.status_code == 302
    assert len(warnings(draft)) == 1
    assert stored(Routine.objects.get(slug="evening-drain"))[1:] == (
        False,
        ["Around the ears", "Open the neck"],
    )

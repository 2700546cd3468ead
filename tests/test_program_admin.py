"""Curators build programs in the admin: days in order, rest days, drag to reorder."""

import pytest

from catalogue.models import Program, ProgramDay, Routine
from tests.factories import make_program, make_routine, make_user

pytestmark = pytest.mark.django_db


def program_form(days: list, initial: list[ProgramDay] = (), **changes) -> dict:
    """The program form as the admin posts it: `days` are (routine or None, position)
    pairs, after the `initial` rows they change."""
    data = {
        "title": "Three mornings",
        "slug": "three-mornings",
        "goal": "depuff",
        "description": "Two mornings and a rest.",
        "evidence_note": "The de-puff is temporary.",
        "is_published": "on",
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": str(len(initial)),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, (routine, position) in enumerate(days):
        data |= {
            f"days-{i}-routine": str(routine.pk) if routine else "",
            f"days-{i}-position": str(position),
        }
        if i < len(initial):
            data |= {
                f"days-{i}-id": str(initial[i].pk),
                f"days-{i}-program": str(initial[i].program_id),
            }
    return data | changes


@pytest.fixture
def curator(client, staff_user):
    client.force_login(staff_user)
    return client


def test_the_admin_can_build_a_program_with_a_rest_day(curator):
    first = make_routine(title="Morning de-puff")
    second = make_routine(title="Gua sha sculpt")

    response = curator.post(
        "/admin/catalogue/program/add/", program_form([(first, 1), (None, 2), (second, 3)])
    )

    assert response.status_code == 302
    program = Program.objects.get(slug="three-mornings")
    assert program.is_published
    assert list(program.days.values_list("position", "routine")) == [
        (1, first.pk),
        (2, None),
        (3, second.pk),
    ]
    page = curator.get(program.get_absolute_url()).content.decode()
    assert page.index("Morning de-puff") < page.index("Rest day") < page.index("Gua sha sculpt")


def test_swapping_two_days_reorders_the_plan(curator):
    first, second = make_routine(), make_routine()
    program = make_program([first, second])
    one, two = program.days.all()

    response = curator.post(
        f"/admin/catalogue/program/{program.pk}/change/",
        program_form(
            [(first, 2), (second, 1)],
            initial=[one, two],
            title=program.title,
            slug=program.slug,
        ),
    )

    assert response.status_code == 302
    assert list(program.days.values_list("routine", flat=True)) == [second.pk, first.pk]


def test_a_members_own_routine_cannot_be_a_day(curator):
    own = make_routine(owner=make_user(), is_published=False)

    response = curator.post("/admin/catalogue/program/add/", program_form([(own, 1)]))

    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert not Program.objects.exists()


def test_the_list_shows_days_and_sessions(curator):
    make_program([make_routine(), None, make_routine()], title="With a rest")
    page = curator.get("/admin/catalogue/program/").content.decode()
    assert "With a rest" in page
    assert '<td class="field-day_count">3</td>' in page
    assert '<td class="field-session_count">2</td>' in page


def test_staff_reach_the_program_pages(curator):
    program = make_program(2)
    for url in [
        "/admin/catalogue/program/",
        "/admin/catalogue/program/add/",
        f"/admin/catalogue/program/{program.pk}/change/",
    ]:
        assert curator.get(url).status_code == 200, url


def test_a_routine_a_program_uses_cannot_be_deleted(curator):
    routine = make_routine()
    make_program([routine])

    response = curator.post(f"/admin/catalogue/routine/{routine.pk}/delete/", {"post": "yes"})

    assert response.status_code == 200
    assert b"protected" in response.content
    assert Routine.objects.filter(pk=routine.pk).exists()

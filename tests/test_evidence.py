import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from catalogue import curated, curated_evidence
from catalogue.management.commands.load_content import load_curated_content
from catalogue.models import Program, Study, Technique

pytestmark = pytest.mark.django_db

URL = "/evidence/"


@pytest.fixture
def loaded():
    load_curated_content()


def test_it_lists_each_curated_study_with_its_size_and_limits(client, loaded):
    page = client.get(URL).content.decode()
    for data in curated_evidence.STUDIES:
        assert data["authors"] in page
        assert data["size"] in page
        assert data["limits"].replace("'", "&#x27;") in page


def test_each_technique_has_its_own_anchor(client, loaded):
    page = client.get(URL).content.decode()
    for slug in Technique.objects.values_list("slug", flat=True):
        assert f'id="{slug}"' in page


def test_the_routine_page_links_to_it(client, loaded):
    slug = curated.ROUTINES[0]["slug"]
    page = client.get(reverse("catalogue:routine_detail", args=[slug])).content.decode()
    assert f'href="{URL}#' in page


def test_every_curated_program_page_links_to_it(client, loaded):
    programs = Program.objects.all()
    assert programs
    for program in programs:
        page = client.get(program.get_absolute_url()).content.decode()
        assert f'href="{URL}"' in page, program.slug


def test_safety_links_to_it(client, loaded):
    assert f'href="{URL}"' in client.get("/safety/").content.decode()


def test_it_answers_head_and_rejects_post(client, loaded):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_queries_stay_constant(client, loaded, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get(URL)
    for n in range(10):
        Study.objects.create(
            authors=f"X{n}",
            title="t",
            slug=f"x{n}",
            design="d",
            size="s",
            length="l",
            outcome="o",
            limits="m",
        ).techniques.set(Technique.objects.all())
    with django_assert_num_queries(2):
        client.get(URL)


def test_loading_twice_duplicates_nothing(loaded):
    assert load_curated_content()["studies"] == 0
    assert Study.objects.count() == len(curated_evidence.STUDIES)


def test_staff_can_add_a_study_in_the_admin_and_it_appears(client, loaded):
    admin = User.objects.create_superuser("curator", "c@example.com", "pw-long-enough-1")
    client.force_login(admin)
    technique = Technique.objects.get(slug="gua-sha")
    response = client.post(
        reverse("admin:catalogue_study_add"),
        {
            "authors": "Newer et al.",
            "year": 2024,
            "title": "A new trial",
            "source": "",
            "slug": "newer-2024",
            "link": "",
            "design": "d",
            "size": "40 people",
            "length": "8 weeks",
            "outcome": "o",
            "limits": "No control group",
            "techniques": [technique.pk],
            "position": 9,
        },
    )
    assert response.status_code == 302
    client.logout()
    assert "Newer et al." in client.get(URL).content.decode()

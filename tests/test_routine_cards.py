"""A routine's card says what it is: its techniques, their tools, its length,
and a description cut at a sentence; in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.management.commands.load_content import load_curated_content
from catalogue.models import Routine, Tool
from catalogue.templatetags.cards import cut_at_sentence
from tests.factories import make_routine, make_step, make_technique

pytestmark = pytest.mark.django_db


def card_of(page: str, title: str) -> str:
    start = page.index(f">{title}</a>")
    return page[start : page.index("</article>", start)]


def test_each_curated_card_names_its_techniques_and_tools(client):
    load_curated_content()
    page = client.get("/routines/").content.decode()

    # The device routine is listed only for people who own one (tests/test_microcurrent.py).
    for routine in Routine.objects.published().curated().exclude(slug="microcurrent-lift"):
        card = card_of(page, routine.title)
        techniques = {rs.step.technique for rs in routine.routine_steps.all()}
        for technique in techniques:
            assert f'class="badge technique-badge">{technique.name}<' in card, routine.title
        for tool in {technique.tool for technique in techniques}:
            assert f"{Tool(tool).label}</li>" in card, routine.title


def test_gua_sha_and_yoga_tell_apart_at_a_glance(client):
    load_curated_content()
    page = client.get("/routines/").content.decode()

    assert "Gua sha stone</li>" in card_of(page, "Gua sha sculpt")
    yoga = card_of(page, "Facial yoga: forehead and the 11s")
    assert "Facial yoga</li>" in yoga
    assert "Gua sha stone" not in yoga and "Hands</li>" in yoga


def test_home_and_list_queries_stay_constant(client):
    technique = make_technique()
    make_routine(steps=[make_step(technique)], title="One")
    client.get("/routines/")
    counts = []
    for more in (0, 8):
        for n in range(more):
            make_routine(steps=3, title=f"More {n}")
        for url in ("/", "/routines/"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append((url, len(queries)))
    assert counts[:2] == counts[2:]


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Short. Sweet.", "Short. Sweet."),
        ("One sentence here. " * 12, ("One sentence here. " * 8).strip()),
        ("a " * 200, ("a " * 80).strip() + "…"),
        ("Five minutes, e.g. at 7 a.m. or so. Then more words follow here.", None),
    ],
)
def test_a_description_is_cut_at_a_sentence(text, cut):
    result = cut_at_sentence(text, 160)
    assert len(result) <= 161
    if cut is not None:
        assert result == cut
    assert not result.endswith(" ")

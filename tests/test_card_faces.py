"""A routine's card shows a small face with the zones its steps work lit: the
player's own drawing (catalogue/face.py), named for screen readers, its outline
sent once per page, in a constant number of queries."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from catalogue.face import AREAS, THUMBNAIL_LINES, thumbnail
from catalogue.management.commands.load_content import load_curated_content
from catalogue.models import Routine, Side, Zone
from tests.factories import make_routine, make_step, make_technique

pytestmark = pytest.mark.django_db

THUMBNAIL = re.compile(r'<svg class="face-thumb".*?</svg>', re.S)
SHAPE = re.compile(r"<(path|ellipse) ([^>]*?)/>")


def thumbnails(page: str) -> list[str]:
    return THUMBNAIL.findall(page)


def card_of(page: str, title: str) -> str:
    start = page.index(f">{title}</a>")
    return page[start : page.index("</article>", start)]


def lit(svg: str) -> list[tuple[str, str]]:
    group = svg[svg.index('<g class="lit">') : svg.index("</g>", svg.index('<g class="lit">'))]
    return SHAPE.findall(group)


def player_areas() -> dict[tuple[str, str], tuple[str, str]]:
    """(zone, half) → (element, attributes) as the player's face guide draws them."""
    face = render_to_string("practice/_face.html")
    areas = {}
    zones = re.findall(r'<g class="zone zone-(\w+)">(.*?)<g class="arrows">', face, re.S)
    for zone, markup in zones:
        for element, half, attributes in re.findall(
            r'<(path|ellipse) class="area (right|left)" ([^>]*?)/>', markup
        ):
            areas[(zone, half)] = (element, attributes)
    return areas


def test_each_curated_card_lights_its_zones_with_the_players_own_shapes(client):
    load_curated_content()
    page = client.get("/routines/").content.decode()
    drawn_by_the_player = player_areas()

    for routine in Routine.objects.published().curated().exclude(slug="microcurrent-lift"):
        (svg,) = thumbnails(card_of(page, routine.title))
        steps = [rs.step for rs in routine.routine_steps.select_related("step")]
        zones = list(dict.fromkeys(step.zone for step in steps))
        assert 'role="img"' in svg
        names = [Zone(zone).label.lower() for zone in zones]
        listed = f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else names[0]
        assert f'aria-label="Zones worked: {listed}"' in svg, routine.title
        shapes = set(drawn_by_the_player.values())
        for shape in lit(svg):
            assert shape in shapes, (routine.title, shape)
        # Drainage opens the neck first, and the card shows it lit.
        if zones[0] == Zone.NECK:
            assert drawn_by_the_player[("neck", "right")] in lit(svg)


def test_the_player_and_the_cards_draw_every_zone_from_one_set_of_shapes():
    drawn_by_the_player = player_areas()
    assert set(AREAS) == set(Zone.values)
    for zone, halves in AREAS.items():
        for half, shape in halves.items():
            assert drawn_by_the_player[(zone, half)] == (shape.element, shape.__html__())


def test_the_outline_goes_once_per_page_and_every_card_uses_it(client):
    technique = make_technique()
    for n in range(3):
        make_routine(steps=[make_step(technique)], title=f"Routine {n}")

    for url in ("/", "/routines/"):
        page = client.get(url).content.decode()
        assert len(thumbnails(page)) == 3
        assert page.count('id="face-outline"') == 1
        assert page.count('<use href="#face-outline"/>') == 3
        outline = page[page.index('<g id="face-outline">') : page.index("</g></defs>")]
        assert outline.count("<path ") == len(THUMBNAIL_LINES)


def test_a_routine_without_steps_has_no_face_and_the_next_card_carries_the_outline(client):
    make_routine(steps=0, title="A: nothing yet")
    make_routine(steps=2, title="B: two steps")

    page = client.get("/routines/").content.decode()

    assert "face-thumb" not in card_of(page, "A: nothing yet")
    assert 'id="face-outline"' in card_of(page, "B: two steps")


def test_a_step_on_one_side_lights_that_half_only():
    (right_only,) = thumbnail({Zone.JAW: {Side.RIGHT}}).areas
    assert right_only == AREAS[Zone.JAW]["right"]
    assert thumbnail({Zone.JAW: {Side.LEFT, Side.RIGHT}}).areas == [
        AREAS[Zone.JAW]["right"],
        AREAS[Zone.JAW]["left"],
    ]
    # Done one side, then the other: both by the step's end.
    assert len(thumbnail({Zone.JAW: {Side.IN_TURN}}).areas) == 2


def test_zones_inside_a_lit_whole_face_are_not_drawn_twice_but_are_still_named():
    both = {Side.BOTH}
    face = thumbnail({Zone.NECK: both, Zone.WHOLE_FACE: both, Zone.CHEEKS: both})
    assert face.areas == [*AREAS[Zone.WHOLE_FACE].values(), *AREAS[Zone.NECK].values()]
    assert face.label == "Zones worked: neck, whole face and cheeks"


def test_the_name_lists_zones_in_the_order_the_routine_first_works_them():
    assert thumbnail({Zone.FOREHEAD: {Side.BOTH}}).label == "Zones worked: forehead"
    assert (
        thumbnail({Zone.UNDER_EYE: {Side.BOTH}, Zone.MOUTH: {Side.LEFT}}).label
        == "Zones worked: under-eye and around the mouth"
    )
    assert thumbnail({}) is None


def test_the_lists_queries_stay_constant_with_one_routine_or_many(
    client, django_assert_num_queries
):
    technique = make_technique()
    make_routine(steps=[make_step(technique, zone=Zone.NECK)], title="One")
    counts = {}
    for url in ("/", "/routines/"):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[url] = len(queries)

    for n in range(12):
        zones = [Zone.NECK, Zone.JAW, Zone.CHEEKS, Zone.FOREHEAD][: 1 + n % 4]
        make_routine(steps=[make_step(technique, zone=zone) for zone in zones], title=f"More {n}")

    for url, count in counts.items():
        with django_assert_num_queries(count):
            page = client.get(url).content.decode()
        assert len(thumbnails(page)) == 13

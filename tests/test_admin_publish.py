"""Curators publish and unpublish routines from the admin's routine list."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from catalogue.models import Routine, Zone
from tests.factories import make_lymphatic_technique, make_routine, make_step, make_user

pytestmark = pytest.mark.django_db

LIST = "/admin/catalogue/routine/"


@pytest.fixture
def curator(client, staff_user):
    client.force_login(staff_user)
    return client


def act(client, action: str, *routines: Routine):
    return client.post(
        LIST, {"action": action, "_selected_action": [r.pk for r in routines]}, follow=True
    )


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def published(*routines: Routine) -> list[bool]:
    return [Routine.objects.get(pk=r.pk).is_published for r in routines]


def test_the_routine_list_offers_both_actions(curator):
    make_routine(steps=1)
    page = curator.get(LIST).content.decode()
    assert "Publish the selected routines" in page
    assert "Unpublish the selected routines" in page


def test_publish_puts_drafts_on_the_site(curator, client):
    drafts = [make_routine(steps=1, is_published=False) for _ in range(2)]

    response = act(curator, "publish", *drafts)

    assert response.status_code == 200
    assert published(*drafts) == [True, True]
    assert "2 routines published." in said(response)
    client.logout()
    assert client.get(drafts[0].get_absolute_url()).status_code == 200


def test_unpublish_takes_routines_off_the_site(curator, client):
    routine = make_routine(steps=1)

    response = act(curator, "unpublish", routine)

    assert published(routine) == [False]
    assert any(message.startswith("1 routine unpublished.") for message in said(response))
    client.logout()
    assert client.get(routine.get_absolute_url()).status_code == 404


def test_publish_refuses_a_drainage_routine_that_drains_before_the_neck(curator):
    lymphatic = make_lymphatic_technique()
    out_of_order = make_routine(
        steps=[
            make_step(lymphatic, title="Cheeks outward", zone=Zone.CHEEKS),
            make_step(lymphatic, title="Open the neck", zone=Zone.NECK),
        ],
        title="Backwards drainage",
        is_published=False,
    )
    in_order = make_routine(steps=1, is_published=False)

    response = act(curator, "publish", out_of_order, in_order)

    assert published(out_of_order, in_order) == [False, True]
    messages = said(response)
    assert "1 routine published." in messages
    assert any(
        "“Backwards drainage” was not published: “Cheeks outward” drains the face" in message
        for message in messages
    ), messages


def test_publish_leaves_a_persons_own_routine_private(curator):
    own = make_routine(steps=1, owner=make_user("someone"), is_published=False)

    response = act(curator, "publish", own)

    assert published(own) == [False]
    assert any("stays private" in message for message in said(response))


def test_publishing_what_is_already_published_says_so(curator):
    routine = make_routine(steps=1)
    response = act(curator, "publish", routine)
    assert published(routine) == [True]
    assert "Those routines were already published." in said(response)


def test_staff_without_the_change_permission_get_no_publish_action(client):
    viewer = make_user("viewer", is_staff=True)
    make_routine(steps=1)
    viewer.user_permissions.add(Permission.objects.get(codename="view_routine"))
    client.force_login(viewer)
    routine = make_routine(steps=1, is_published=False)

    page = client.get(LIST).content.decode()
    act(client, "publish", routine)

    assert "Publish the selected routines" not in page
    assert published(routine) == [False]

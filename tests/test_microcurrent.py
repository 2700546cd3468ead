"""Microcurrent: one curated routine, offered only to people who own a device,
with its cautions enforced by the safety check."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from catalogue.curated import TECHNIQUES
from catalogue.models import Tool
from catalogue.safety import DEVICE_ONLY, Answer, Answers, Condition
from practice.models import PracticeSession
from tests.factories import answer_safety_check

pytestmark = pytest.mark.django_db

URL = "/routines/microcurrent-lift/"
DEVICE = Answers((), frozenset({Tool.HANDS, Tool.MICROCURRENT}))


@pytest.fixture
def curated(db):
    call_command("load_content", stdout=io.StringIO())


def test_its_evidence_note_claims_only_a_temporary_lift():
    note = next(t for t in TECHNIQUES if t["slug"] == "microcurrent")["evidence_note"]
    assert "temporary" in note and "makers" in note and "cannot remove fat" in note


def test_without_a_device_it_is_not_listed_nor_offered(client, curated):
    assert "Microcurrent lift" not in client.get(reverse("catalogue:home")).content.decode()
    assert (
        "Microcurrent lift" not in client.get(reverse("catalogue:routine_list")).content.decode()
    )
    assert DEVICE_ONLY in client.get(URL).content.decode()

    client.post(reverse("practice:start", args=["microcurrent-lift"]))
    assert not PracticeSession.objects.exists()


def test_a_device_owner_finds_it_and_starts_it(client, user, curated):
    answer_safety_check(user, DEVICE)
    client.force_login(user)

    assert "Microcurrent lift" in client.get(reverse("catalogue:routine_list")).content.decode()
    assert "Adapted for you" not in client.get(URL).content.decode()
    client.post(reverse("practice:start", args=["microcurrent-lift"]))
    assert PracticeSession.objects.get().step_count == 5


@pytest.mark.parametrize(
    "condition",
    [
        Condition.PREGNANCY,
        Condition.IMPLANTED_DEVICE,
        Condition.EPILEPSY,
        Condition.METAL_IMPLANTS,
        Condition.CANCER,
    ],
)
def test_its_contraindications_leave_every_device_step_out(client, user, curated, condition):
    answer_safety_check(user, Answers((Answer(condition),), DEVICE.tools))
    client.force_login(user)

    page = client.get(URL).content.decode()

    assert "Adapted for you: 5 steps left out" in page
    assert "never with a microcurrent device." in page

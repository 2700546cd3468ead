"""The safety check in real Chromium: a breakout on the cheeks, and Morning
de-puff leaves out its cheek step, says why, and never plays it."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from practice.models import PracticeSession, StepLog, StepOutcome
from tests.browser.actions import practise_the_step, start_first_step_now

pytestmark = pytest.mark.django_db(transaction=True)

CHEEK_STEP = "Cheeks: nose to ears"


@pytest.fixture
def curated(transactional_db):
    call_command("load_content")


def test_a_breakout_on_the_cheeks_leaves_the_cheek_step_out_of_morning_de_puff(page, curated):
    page.clock.install()
    page.goto("/routines/morning-de-puff/")
    page.get_by_role("link", name="Take the safety check").click()

    page.locator("summary", has_text="Active acne or a breakout").click()  # opens its question
    page.get_by_role("group", name="Active acne or a breakout: where?").get_by_label(
        "Cheeks"
    ).check()
    page.get_by_role("button", name="Save my answers").click()

    # Back on the routine page, which says what it leaves out and why.
    expect(page).to_have_url("/routines/morning-de-puff/")
    adapted = page.get_by_role("region", name="Adapted for you: 1 step left out")
    expect(adapted).to_contain_text(CHEEK_STEP)
    expect(adapted).to_contain_text("Active breakout on the cheeks")

    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="Start", exact=True).click()
    start_first_step_now(page)
    heading = page.locator("#player h1")
    played = []
    session = PracticeSession.objects.get()
    for number in range(1, session.step_count + 1):
        expect(page.locator(".player-head .eyebrow")).to_contain_text(
            f"Step {number} of {session.step_count}"
        )
        played.append(heading.inner_text())
        page.clock.run_for(500)  # let htmx settle the swap
        practise_the_step(20)
        page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", name="Well done")).to_be_visible()
    assert CHEEK_STEP not in played
    assert len(played) == 10
    assert list(
        StepLog.objects.filter(outcome=StepOutcome.LEFT_OUT).values_list("position", flat=True)
    ) == [10]
    assert session.left_out[0]["title"] == CHEEK_STEP

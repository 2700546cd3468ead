"""A curator reorders a routine's steps in the admin; the site follows."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from catalogue.models import Routine
from tests.factories import make_routine

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_curator_drags_a_step_down_and_the_site_shows_the_new_order(page):
    User.objects.create_superuser("curator", "curator@example.com", "a long enough passphrase")
    routine = make_routine(steps=3, title="Evening wind-down")
    titles = [rs.step.title for rs in routine.routine_steps.select_related("step")]

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill("a long enough passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Techniques, steps and routines")).to_be_visible()
    page.goto(f"/admin/catalogue/routine/{routine.pk}/change/")

    rows = page.locator("#routine_steps-group tbody tr.has_original")
    expect(rows).to_have_count(3)
    rows.nth(0).locator("td.original p").drag_to(rows.nth(2).locator("td.original p"))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    new_order = [
        rs.step.title for rs in Routine.objects.get().routine_steps.select_related("step")
    ]
    assert new_order != titles and sorted(new_order) == sorted(titles)
    page.goto(routine.get_absolute_url())
    headings = page.locator(".step-list h3")
    expect(headings).to_have_text(new_order)


def log_in_as_curator(page) -> None:
    User.objects.create_superuser("curator", "curator@example.com", "a long enough passphrase")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill("a long enough passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Techniques, steps and routines")).to_be_visible()


def test_a_curator_moves_a_step_one_place_at_a_time_from_the_keyboard(page):
    routine = make_routine(steps=4, title="Evening wind-down")
    first, second, third, fourth = [
        rs.step.title for rs in routine.routine_steps.select_related("step")
    ]
    log_in_as_curator(page)
    page.goto(f"/admin/catalogue/routine/{routine.pk}/change/")

    down = page.get_by_role("button", name=f"Move “{first}” down one place")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(f"“{first}” moved to place 2 of 4")
    # The keyboard stays on the button, so a second press moves the same step again.
    expect(down).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_contain_text(f"“{first}” moved to place 3 of 4")
    rows = page.locator("#routine_steps-group tbody tr.has_original td.original p")
    expect(rows.nth(2)).to_contain_text(f"3. {first}")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    stored = [rs.step.title for rs in Routine.objects.get().routine_steps.select_related("step")]
    assert stored == [second, third, first, fourth]


def test_the_first_step_cannot_go_up_and_a_click_moves_one_place(page):
    routine = make_routine(steps=3, title="Evening wind-down")
    first, second, third = [rs.step.title for rs in routine.routine_steps.select_related("step")]
    log_in_as_curator(page)
    page.goto(f"/admin/catalogue/routine/{routine.pk}/change/")

    page.get_by_role("button", name=f"Move “{first}” up one place").click()
    expect(page.get_by_role("status")).to_have_text(f"“{first}” is already first.")
    page.get_by_role("button", name=f"Move “{third}” up one place").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    stored = [rs.step.title for rs in Routine.objects.get().routine_steps.select_related("step")]
    assert stored == [first, third, second]

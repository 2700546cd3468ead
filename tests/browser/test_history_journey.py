"""The history in real Chromium: the browser's zone, the insights, editing, deleting."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Profile
from practice.models import PracticeSession
from tests.browser.actions import log_in
from tests.factories import make_session, make_user

pytestmark = pytest.mark.django_db(transaction=True)

TOKYO = ZoneInfo("Asia/Tokyo")
PASSWORD = "a long enough passphrase"


def test_signup_keeps_the_browsers_time_zone(new_page):
    page = new_page(timezone_id="Asia/Tokyo")
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("bea")
    page.get_by_label("Email").fill("bea@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("link", name="History", exact=True)).to_be_visible()
    assert Profile.objects.get(user__username="bea").timezone == "Asia/Tokyo"


def test_a_user_sees_their_practice_by_local_day_and_edits_and_deletes_it(new_page):
    user = make_user("kenji")
    today = timezone.localdate(timezone.now(), TOKYO)
    # 00:30 in Tokyo on each of the last three days (15:30 UTC the day before).
    for days_ago in (2, 1, 0):
        day = today - timedelta(days=days_ago)
        start = datetime(day.year, day.month, day.day, 0, 30, tzinfo=TOKYO)
        make_session(user, start, routine_title="Morning de-puff", before=4, after=2)
    page = new_page(timezone_id="Asia/Tokyo")
    log_in(page, "kenji")

    page.get_by_role("link", name="History", exact=True).click()

    expect(page.get_by_role("heading", name="Your practice")).to_be_visible()
    expect(page.get_by_text("Days and times in Asia/Tokyo")).to_be_visible()
    streak = page.locator(".figures div", has_text="Current streak")
    expect(streak).to_contain_text("3 days")
    calendar = page.get_by_role("group", name="The last 12 months")
    expect(
        calendar.get_by_role("img", name=f"{today:%A} {today.day} {today:%B %Y}: 1 session")
    ).to_be_attached()
    expect(page.get_by_role("img", name="Puffiness before and after")).to_be_visible()

    page.get_by_role("link", name="Morning de-puff").first.click()
    page.get_by_role("link", name="Edit ratings and notes").click()
    page.get_by_role("group", name="Puffiness after").get_by_label("1 · not puffy").check()
    page.get_by_label("Notes").fill("Much less puffy, even the jaw.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    newest = PracticeSession.objects.order_by("-created_at").first()
    assert (newest.puffiness_after, newest.notes) == (1, "Much less puffy, even the jaw.")

    page.get_by_role("link", name="Back to the session").click()
    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete session").click()
    expect(page.get_by_text("Deleted your Morning de-puff session")).to_be_visible()
    expect(page.locator(".figures div", has_text="Current streak")).to_contain_text("2 days")
    assert PracticeSession.objects.count() == 2

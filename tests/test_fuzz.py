"""
Fuzzing: hypothesis throws odd input at every form and every player endpoint,
200 examples each, and the server never answers with an error of its own.

The input is whatever a browser, a bot or an attacker could send: fields
missing, repeated or unexpected; empty, huge, negative or non-numeric numbers;
NUL bytes and any Unicode; raw bodies in any content type; odd query strings
and path segments. Bad input may be refused (4xx) or shown again as a form;
it must never be a 500. The test client re-raises any exception a view lets
escape, so one would fail the test with the input that caused it.
"""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.models import Routine
from practice import player
from practice.models import PracticeSession
from tests.factories import begin_after_lead_in, make_routine, make_step, make_user

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=200,
    deadline=None,
    # The database fixtures are built once per test; each example makes what
    # it needs on top of them.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def run_examples(check, **strategies) -> None:
    """Call check() with 200 drawn examples, and make sure all 200 ran."""
    ran = []

    @EXAMPLES
    @given(**strategies)
    def fuzz(**drawn):
        check(**drawn)
        ran.append(drawn)

    fuzz()
    assert len(ran) >= 200


ODD = [
    "",
    " ",
    "0",
    "1",
    "-1",
    "2",
    "5",
    "6",
    "9" * 30,
    "1e3",
    "1.5",
    "１",
    "NaN",
    "on",
    "true",
    "null",
    "\x00",
    "a\x00b",
    "%00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "https://evil.example/",
    "//evil.example",
    "javascript:alert(1)",
    "\u202e\u200b",
    "x" * 5000,
]
value = st.one_of(
    st.text(max_size=200),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(ODD),
)
field_value = st.one_of(value, st.lists(value, min_size=2, max_size=3))


def form(fields: list[str]):
    """Any subset of the fields (plus one the form does not expect), any values."""
    return st.fixed_dictionaries({}, optional=dict.fromkeys([*fields, "unexpected"], field_value))


CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=BoUnDaRy",
    "multipart/form-data",
    "application/json",
    "text/plain",
]


@st.composite
def posts(draw, fields: list[str]):
    """A form post, or now and then a raw body in some content type."""
    htmx = draw(st.booleans())
    if draw(st.integers(0, 4)) == 0:
        return {
            "body": draw(st.binary(max_size=500)),
            "content_type": draw(st.sampled_from(CONTENT_TYPES)),
            "htmx": htmx,
        }
    return {"data": draw(form(fields)), "htmx": htmx}


def send(client: Client, url: str, post: dict):
    headers = {"HX-Request": "true"} if post["htmx"] else {}
    if "body" in post:
        response = client.generic(
            "POST", url, post["body"], content_type=post["content_type"], headers=headers
        )
    else:
        response = client.post(url, post["data"], headers=headers)
    assert response.status_code < 500, (url, post, response.content[:500])
    return response


query = st.fixed_dictionaries(
    {}, optional=dict.fromkeys(["next", "goal", "page", "position", "q"], value)
)


def with_query(url: str, params: dict) -> str:
    return f"{url}?{urlencode(params)}" if params else url


# --- Forms anyone can fill in ---

PUBLIC_FORMS = {
    "/accounts/signup/": ["username", "email", "password1", "password2", "next"],
    "/accounts/login/": ["username", "password", "next"],
    "/accounts/password_reset/": ["email"],
    "/admin/login/": ["username", "password", "next"],
}


@pytest.fixture
def people(db):
    """Accounts that the forms may name."""
    make_user("alice", email="alice@example.com")
    make_user("curator", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("url", PUBLIC_FORMS)
def test_public_forms_never_fail(url, people):
    def check(params, post):
        client = Client()  # a new visitor each time, so signing up leaves no one logged in
        assert client.get(with_query(url, params)).status_code < 500
        send(client, with_query(url, params), post)

    run_examples(check, params=query, post=posts(PUBLIC_FORMS[url]))


def test_password_change_never_fails(db):
    user = make_user("alice")

    def check(post):
        client = Client()
        client.force_login(user)
        send(client, "/accounts/password_change/", post)

    run_examples(check, post=posts(["old_password", "new_password1", "new_password2"]))


def test_password_reset_links_never_fail(db):
    user = make_user("alice")
    segment = st.one_of(st.from_regex(r"[A-Za-z0-9_\-]{1,40}", fullmatch=True), st.just("MQ"))

    def check(uid, token, post):
        client = Client()
        # A real link half the time, so the set-password form itself is reached.
        if not uid:
            user.set_password("correct horse battery")
            user.save()
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
        response = client.get(f"/accounts/reset/{uid}/{token}/")
        assert response.status_code < 500
        url = (
            response["Location"] if response.status_code == 302 else response.request["PATH_INFO"]
        )
        send(client, url, post)

    run_examples(
        check,
        uid=st.one_of(segment, st.just("")),
        token=segment,
        post=posts(["new_password1", "new_password2"]),
    )


# --- The player ---


def build_session(user, routine: Routine, state: str) -> PracticeSession:
    session = player.start_session(routine, user=user)
    if state == "ready":
        return session
    begin_after_lead_in(session)
    if state == "second step":
        player.advance(session, 0)
    elif state == "last step":
        for position in range(session.step_count - 1):
            player.advance(session, position)
    elif state == "paused":
        player.pause(session, 0)
    elif state == "finished":
        player.finish(session, 0)
    elif state == "abandoned":
        session.last_activity_at = timezone.now() - timedelta(days=1)
        session.save(update_fields=["last_activity_at"])
    return session


STATES = ["ready", "running", "second step", "last step", "paused", "finished", "abandoned"]
CONTROLS = ["begin", "next", "skip", "back", "pause", "resume", "finish", "review", "discard"]
CONTROL_FIELDS = ["position", "auto", "puffiness_before", "puffiness_after", "notes"]


@pytest.fixture
def routine(db) -> Routine:
    return make_routine(steps=3)


@pytest.mark.parametrize("control", CONTROLS)
def test_player_controls_never_fail(control, user, routine):
    client = Client()
    client.force_login(user)

    def check(state, post):
        session = build_session(user, routine, state)
        send(client, f"/sessions/{session.pk}/{control}/", post)

    run_examples(check, state=st.sampled_from(STATES), post=posts(CONTROL_FIELDS))


def test_the_player_page_never_fails(user, routine):
    client = Client()
    client.force_login(user)

    def check(state, params, htmx):
        session = build_session(user, routine, state)
        url = with_query(session.get_absolute_url(), params)
        response = client.get(url, headers={"HX-Request": "true"} if htmx else {})
        assert response.status_code == 200

    run_examples(check, state=st.sampled_from(STATES), params=query, htmx=st.booleans())


def test_starting_never_fails(routine):
    make_routine(steps=0, slug="empty")
    slug = st.one_of(
        st.sampled_from([routine.slug, "empty"]),
        st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True),
    )

    def check(slug, post):
        send(Client(), f"/routines/{slug}/start/", post)

    run_examples(check, slug=slug, post=posts(["position", "next"]))


def test_catalogue_pages_never_fail(routine):
    def check(path, params):
        assert Client().get(with_query(path, params)).status_code == 200

    run_examples(
        check, path=st.sampled_from(["/", "/routines/", routine.get_absolute_url()]), params=query
    )


# --- The curators' forms in the admin ---

ADMIN_FORMS = {
    "/admin/catalogue/technique/add/": [
        "name",
        "slug",
        "summary",
        "pressure",
        "tool",
        "evidence_note",
        "cautions",
    ],
    "/admin/catalogue/step/add/": [
        "technique",
        "title",
        "slug",
        "zone",
        "direction",
        "side",
        "pressure",
        "duration_seconds",
        "stroke_count",
        "instruction",
        "cue",
    ],
    "/admin/catalogue/routine/add/": [
        "title",
        "slug",
        "goal",
        "description",
        "is_published",
        "owner",
        "routine_steps-TOTAL_FORMS",
        "routine_steps-INITIAL_FORMS",
        "routine_steps-MIN_NUM_FORMS",
        "routine_steps-MAX_NUM_FORMS",
        "routine_steps-0-step",
        "routine_steps-0-position",
        "routine_steps-0-duration_override",
        "routine_steps-1-step",
        "routine_steps-1-position",
    ],
}


@pytest.mark.parametrize("url", ADMIN_FORMS)
def test_admin_forms_never_fail(url, staff_user):
    step = make_step()
    client = Client()
    client.force_login(staff_user)
    fields = ADMIN_FORMS[url]
    # Real ids among the values, so some posts get past the first checks.
    real = st.sampled_from([str(step.pk), str(step.technique_id), str(staff_user.pk)])
    data = st.fixed_dictionaries(
        {}, optional={name: st.one_of(field_value, real) for name in fields}
    )

    def check(post):
        send(client, url, post)

    run_examples(
        check, post=st.one_of(posts(fields), data.map(lambda d: {"data": d, "htmx": False}))
    )

"""
Access control, proven by walking every URL the site has.

Every URL pattern must be listed in ROUTES below: what kind of view it is,
whether visitors may use it, and for a URL naming an object, how to build one
owned by "the owner" in a state where the owner's request would change it.
From that table the tests check, for every pattern:

- someone else gets 404 on GET and POST for the owner's object, and the
  database is unchanged (while the owner's own request does change it, so
  the 404 is not an accident of a wrong table entry);
- an anonymous visitor is sent to log in, except on the public allowlist,
  where the owner's objects are still a 404;
- a state-changing URL answers GET with 405, and a POST without a CSRF token
  with 403, changing nothing;
- a URL whose own token is its key opens for anyone with the token, and is a
  404 for any other token.

A new URL that is not in the table fails test_every_url_is_in_the_table:
add it there. The admin is Django's own and checked as a whole below.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.cautions import seen_value
from catalogue.models import Technique
from practice.models import PracticeSession
from tests.access_objects import (
    add_a_step,
    finished_session,
    lengthen_the_first_step,
    move_the_first_step_down,
    paused_session,
    private_routine,
    program_run,
    published_program,
    ready_session,
    reminder_feed,
    remove_the_first_step,
    reverse_the_order,
    running_session,
    session_on_second_step,
)
from tests.factories import make_routine, make_user


def a_next_made_offline(kwargs: dict) -> str:
    """What the player replays after an outage: one Next, as JSON (practice/replay.py)."""
    session = PracticeSession.objects.get(pk=kwargs["pk"])
    now = round(timezone.now().timestamp() * 1000)
    change = {"action": "next", "position": 0, "revision": session.revision, "at": now}
    return json.dumps({"sent": now, "changes": [change]})


def read_the_cautions(kwargs: dict) -> dict:
    """What "I have read these" posts for the routine's techniques (accounts/cautions.py)."""
    techniques = Technique.objects.filter(steps__routine_steps__routine__slug=kwargs["slug"])
    return {"seen": [seen_value(technique) for technique in techniques.distinct()]}


pytestmark = pytest.mark.django_db

# What a view accepts.
PAGE = "page"  # GET only
FORM = "form"  # GET shows it, POST submits it
ACTION = "action"  # POST only: it changes state

# What an anonymous visitor gets.
LOGIN = "login"  # sent to the login page
PUBLIC = "public"  # allowed: the allowlist
SECRET = "secret"  # allowed, but the URL's own token is the key: a wrong one is 404


@dataclass(frozen=True)
class Route:
    kind: str
    anonymous: str
    # Builds an object owned by the owner and returns the URL's kwargs.
    owned: Callable[[User], dict] | None = None
    # The URL's kwargs when they do not name an owned object (or what builds them).
    kwargs: dict | Callable[[], dict] = field(default_factory=dict)
    # What the owner would post, or a function of the URL's kwargs giving it.
    data: dict | Callable[[dict], dict] = field(default_factory=dict)


ROUTES: dict[str, Route] = {
    # The catalogue
    "catalogue:home": Route(PAGE, PUBLIC),
    "catalogue:routine_list": Route(PAGE, PUBLIC),
    "catalogue:evidence": Route(PAGE, PUBLIC),
    "catalogue:routine_detail": Route(PAGE, PUBLIC, owned=private_routine),
    "catalogue:acknowledge_cautions": Route(
        ACTION, PUBLIC, owned=private_routine, data=read_the_cautions
    ),
    "practice:start": Route(ACTION, PUBLIC, owned=private_routine),
    # The player: visitors use it for their own guest sessions.
    "practice:player": Route(PAGE, PUBLIC, owned=running_session),
    "practice:begin": Route(ACTION, PUBLIC, owned=ready_session, data={"position": 0}),
    "practice:next": Route(ACTION, PUBLIC, owned=running_session, data={"position": 0}),
    "practice:skip": Route(ACTION, PUBLIC, owned=running_session, data={"position": 0}),
    "practice:back": Route(ACTION, PUBLIC, owned=session_on_second_step, data={"position": 1}),
    "practice:pause": Route(ACTION, PUBLIC, owned=running_session, data={"position": 0}),
    "practice:resume": Route(ACTION, PUBLIC, owned=paused_session, data={"position": 0}),
    "practice:finish": Route(ACTION, PUBLIC, owned=running_session, data={"position": 0}),
    "practice:review": Route(
        ACTION, PUBLIC, owned=finished_session, data={"puffiness_after": 2, "notes": "Calm."}
    ),
    "practice:discard": Route(ACTION, PUBLIC, owned=running_session),
    # Offline (practice/views/offline.py): the steps kept, and the changes replayed.
    "practice:offline_steps": Route(PAGE, PUBLIC, owned=running_session),
    "practice:replay": Route(ACTION, PUBLIC, owned=running_session, data=a_next_made_offline),
    # My routines: private to their owner, curated ones read-only.
    "catalogue:my_routines": Route(PAGE, LOGIN),
    "catalogue:new_routine": Route(ACTION, LOGIN, data={"title": "Mine", "goal": "depuff"}),
    "catalogue:copy": Route(ACTION, LOGIN, owned=private_routine),
    "catalogue:edit": Route(PAGE, LOGIN, owned=private_routine),
    "catalogue:rename": Route(ACTION, LOGIN, owned=private_routine, data={"title": "Renamed"}),
    "catalogue:add_step": Route(ACTION, LOGIN, owned=private_routine, data=add_a_step),
    "catalogue:remove_step": Route(
        ACTION, LOGIN, owned=private_routine, data=remove_the_first_step
    ),
    "catalogue:move_step": Route(
        ACTION, LOGIN, owned=private_routine, data=move_the_first_step_down
    ),
    "catalogue:reorder_steps": Route(ACTION, LOGIN, owned=private_routine, data=reverse_the_order),
    "catalogue:set_duration": Route(
        ACTION, LOGIN, owned=private_routine, data=lengthen_the_first_step
    ),
    "catalogue:delete": Route(FORM, LOGIN, owned=private_routine),
    # History: the signed-in person's own sessions and data.
    "practice:history": Route(PAGE, LOGIN),
    "practice:export_csv": Route(PAGE, LOGIN),
    "practice:export_json": Route(PAGE, LOGIN),
    "practice:history_detail": Route(PAGE, LOGIN, owned=finished_session),
    "practice:history_edit": Route(
        FORM, LOGIN, owned=finished_session, data={"puffiness_after": 2, "notes": "Calm."}
    ),
    "practice:history_delete": Route(FORM, LOGIN, owned=finished_session),
    # Programs: plans for everyone to see; a member's runs are theirs alone.
    "practice:program_list": Route(PAGE, PUBLIC),
    "practice:program_detail": Route(PAGE, PUBLIC, kwargs=published_program),
    "practice:join": Route(ACTION, LOGIN, kwargs=published_program),
    "practice:run_detail": Route(PAGE, LOGIN, owned=program_run),
    "practice:leave": Route(ACTION, LOGIN, owned=program_run),
    # Reminders: the page is the member's; the calendar feed needs only its token.
    "practice:reminders": Route(FORM, LOGIN, data={"time_of_day": "07:30"}),
    "practice:reset_link": Route(ACTION, LOGIN),
    "practice:reminder_feed": Route(PAGE, SECRET, owned=reminder_feed),
    # The safety check: a guest's answers live in their browser session.
    "safety": Route(FORM, PUBLIC, data={"acne_zones": ["cheeks"], "tools": ["gua_sha"]}),
    # Accounts
    "account_settings": Route(FORM, LOGIN, data={"timezone": "Europe/Berlin"}),
    "delete_account": Route(FORM, LOGIN, data={"password": "correct horse battery"}),
    "signup": Route(FORM, PUBLIC),
    "login": Route(FORM, PUBLIC),
    "logout": Route(ACTION, PUBLIC),
    "password_change": Route(FORM, LOGIN),
    "password_change_done": Route(PAGE, LOGIN),
    "password_reset": Route(FORM, PUBLIC),
    "password_reset_done": Route(PAGE, PUBLIC),
    "password_reset_confirm": Route(FORM, PUBLIC, kwargs={"uidb64": "MQ", "token": "x-y"}),
    "password_reset_complete": Route(PAGE, PUBLIC),
    # Operations
    "healthz": Route(PAGE, PUBLIC),
    "manifest": Route(PAGE, PUBLIC),
    "service_worker": Route(PAGE, PUBLIC),
    "offline": Route(PAGE, PUBLIC),
}

# Namespaces left out of the table, and where they are checked instead.
SKIPPED_NAMESPACES = {"admin": "tests/test_admin_access.py"}


def walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    """(qualified name, route) for every pattern, through every include()."""
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in [namespace, entry.namespace or ""] if part)
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            yield from walk(entry, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name or f"<unnamed {route}>", route


def test_every_url_is_in_the_table():
    patterns = dict(walk(get_resolver()))
    missing = {name: route for name, route in patterns.items() if name not in ROUTES}
    assert not missing, (
        "Add these URLs to ROUTES in tests/test_access_control.py, saying who may use them: "
        + ", ".join(f"{name} (/{route})" for name, route in missing.items())
    )
    stale = set(ROUTES) - set(patterns)
    assert not stale, f"ROUTES lists URLs that no longer exist: {sorted(stale)}"


# --- The checks, each run for every route of the table ---


def snapshot() -> dict:
    """Every row the app and the accounts hold, to compare before and after.
    Logging in stamps last_login, which is bookkeeping, not a change."""
    rows = {
        model._meta.label: list(model.objects.order_by("pk").values())
        for app in ("catalogue", "practice", "accounts")
        for model in apps.get_app_config(app).get_models()
    }
    fields = [field.name for field in User._meta.concrete_fields if field.name != "last_login"]
    rows["auth.User"] = list(User.objects.order_by("pk").values(*fields))
    return rows


def methods(route: Route) -> list[str]:
    return {PAGE: ["get"], FORM: ["get", "post"], ACTION: ["post"]}[route.kind]


def request(client: Client, method: str, url: str, data: dict | str):
    if method == "post" and isinstance(data, str):
        return client.post(url, data, content_type="application/json")
    if method == "post":
        return client.post(url, data)
    return client.get(url)


def logged_in(user: User, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def routes(selected: Callable[[Route], bool]) -> list:
    return [pytest.param(name, id=name) for name, route in ROUTES.items() if selected(route)]


@pytest.fixture
def owner(db) -> User:
    return make_user("owner")


def url_for(name: str, owner: User) -> tuple[str, dict]:
    """The URL of the owner's object (built now) and what the owner would post to it."""
    route = ROUTES[name]
    kwargs = route.owned(owner) if route.owned else route.kwargs
    kwargs = kwargs() if callable(kwargs) else kwargs
    data = route.data(kwargs) if callable(route.data) else route.data
    return reverse(name, kwargs=kwargs), data


@pytest.fixture
def visitor(db) -> Client:
    """An anonymous browser that has practised as a guest: it has a guest token."""
    client = Client()
    client.post(reverse("practice:start", args=[make_routine(steps=1).slug]))
    return client


@pytest.mark.parametrize(
    "name", routes(lambda route: route.owned is not None and route.anonymous != SECRET)
)
def test_someone_elses_object_is_404_and_nothing_changes(name, owner, other_user):
    route = ROUTES[name]
    url, data = url_for(name, owner)
    stranger = logged_in(other_user)
    before = snapshot()

    for method in methods(route):
        response = request(stranger, method, url, data)
        assert response.status_code == 404, f"{method.upper()} {url}"
    if route.kind == PAGE:
        # Refused for the method before any lookup, so it reveals nothing.
        assert stranger.post(url).status_code == 405
    assert snapshot() == before

    # The same requests from the owner work, so the 404 above was no accident.
    owners_client = logged_in(owner)
    for method in methods(route):
        response = request(owners_client, method, url, data)
        assert response.status_code in {200, 302}, f"the owner's {method.upper()} {url}"
    if "post" in methods(route):
        assert snapshot() != before, f"the owner's POST {url} should change something"


@pytest.mark.parametrize("name", routes(lambda route: route.anonymous == LOGIN))
def test_anonymous_visitors_are_sent_to_log_in(name, owner, visitor):
    route = ROUTES[name]
    url, data = url_for(name, owner)
    before = snapshot()

    for method in methods(route):
        response = request(visitor, method, url, data)
        assert response.status_code == 302, f"{method.upper()} {url}"
        assert response["Location"].startswith(f"{reverse('login')}?next="), url
    assert snapshot() == before


@pytest.mark.parametrize(
    "name", routes(lambda route: route.anonymous == PUBLIC and route.owned is not None)
)
def test_on_the_allowlist_a_visitor_still_gets_404_for_someone_elses_object(name, owner, visitor):
    route = ROUTES[name]
    url, data = url_for(name, owner)
    before = snapshot()

    for method in methods(route):
        assert request(visitor, method, url, data).status_code == 404, f"{method.upper()} {url}"
    assert snapshot() == before


@pytest.mark.parametrize(
    "name", routes(lambda route: route.anonymous == PUBLIC and route.owned is None)
)
def test_the_allowlist_is_open_to_visitors(name, owner, visitor):
    route = ROUTES[name]
    url, data = url_for(name, owner)
    for method in methods(route):
        response = request(visitor, method, url, data)
        assert response.status_code < 400, f"{method.upper()} {url}"
        assert not response.get("Location", "").startswith(reverse("login")), url


@pytest.mark.parametrize("name", routes(lambda route: route.kind == ACTION))
def test_state_changing_urls_answer_get_with_405(name, owner):
    url, _ = url_for(name, owner)
    owners_client = logged_in(owner)
    before = snapshot()
    assert owners_client.get(url).status_code == 405
    assert Client().get(url).status_code == 405
    assert snapshot() == before


@pytest.mark.parametrize("name", routes(lambda route: route.kind == PAGE))
def test_pages_answer_post_with_405(name, owner):
    url, _ = url_for(name, owner)
    assert logged_in(owner).post(url).status_code == 405


@pytest.mark.parametrize("name", routes(lambda route: route.kind in {ACTION, FORM}))
def test_a_post_without_its_csrf_token_is_403_and_changes_nothing(name, owner):
    url, data = url_for(name, owner)
    client = logged_in(owner, enforce_csrf_checks=True)
    before = snapshot()

    response = request(client, "post", url, data)

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("name", routes(lambda route: route.anonymous == SECRET))
def test_a_url_with_its_own_key_opens_with_that_key_only(name, owner, other_user):
    route = ROUTES[name]
    kwargs = route.owned(owner)
    url = reverse(name, kwargs=kwargs)
    wrong = reverse(name, kwargs=dict.fromkeys(kwargs, "x" * 43))
    before = snapshot()

    for client in [Client(), logged_in(other_user)]:
        for method in methods(route):
            assert request(client, method, url, {}).status_code == 200, url
            assert request(client, method, wrong, {}).status_code == 404, wrong
    assert snapshot() == before

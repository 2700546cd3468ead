"""Real Chromium through Playwright, against the live test server.

Every page a test opens records console errors, failed requests and CSP
violations; a test that leaves any behind fails.
"""

import os
import shutil

import pytest

from tests.browser.chromium import PHONE, launch

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# from the test body are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        message = "Chromium is not installed (apt-get install chromium)."
        if os.environ.get("FACEROUTING_REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, executable)
        yield browser
        browser.close()


class PageProblems(list):
    """Console errors, failed requests and CSP violations seen by a page."""

    def watch(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.append(f"page error: {error}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def expect_status(self, status: int, url: str) -> None:
        """Take an error status a test asked for (and Chromium's note about it) off the list."""
        self.remove(f"HTTP {status}: {url}")
        note = next(
            problem
            for problem in self
            if problem.startswith("console error: Failed to load resource")
            and f"status of {status}" in problem
        )
        self.remove(note)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.append(f"console error: {message.text}")

    def _on_request_failed(self, request) -> None:
        # A navigation away aborts requests in flight; that is not a failure.
        if request.failure != "net::ERR_ABORTED":
            self.append(f"request failed: {request.url} {request.failure}")

    def _on_response(self, response) -> None:
        if response.status >= 400 and not getattr(response.request, "expected_error", False):
            self.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture(params=[pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")])
def viewport(request):
    return request.param


@pytest.fixture
def new_page(browser, live_server, viewport):
    """Open pages in fresh browser contexts (like separate devices), all watched."""
    contexts = []
    problems = PageProblems()

    def open_page(context=None, **options):
        if context is None:
            context = browser.new_context(base_url=live_server.url, viewport=viewport, **options)
            contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        problems.watch(page)
        return page

    open_page.problems = problems
    yield open_page
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(new_page):
    return new_page()

"""Every script, as production sends it (facerouting/storage.py), still parses.

The browser tests run the scripts as written; this parses them as minified,
which only the production storage does. A module is parsed whole before any
of it runs, so whatever it does next (on a blank page, where there is no
cookie or player to find) is not a parse error."""

from pathlib import Path

import pytest

from facerouting.storage import minify_js

SCRIPTS = sorted((Path(__file__).resolve().parents[2] / "static" / "js").glob("*.js"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_the_minified_script_parses_as_a_module(browser, script):
    page = browser.new_page()
    try:
        problem = page.evaluate(
            """async (source) => {
                const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
                try {
                    await import(url);
                    return "";
                } catch (error) {
                    return `${error.name}: ${error.message}`;
                }
            }""",
            minify_js(script.read_text()),
        )
    finally:
        page.close()
    assert not problem.startswith("SyntaxError"), problem

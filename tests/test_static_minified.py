"""The stylesheet and scripts go out without their comments and indentation, meaning unchanged
(facerouting/storage.py): the player's first load keeps inside its 40 KB."""

import gzip
import re
from pathlib import Path

from facerouting.storage import MINIFIED, MINIFIED_JS, minify_css, minify_js

SITE_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "site.css"


def rules(css: str) -> list[tuple[str, str]]:
    """(selector, declarations) pairs, whitespace normalised: what a browser reads."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [
        (" ".join(selector.split()), " ".join(body.split()).replace("; ", ";").rstrip(";"))
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    ]


def test_comments_and_indentation_go_and_the_rules_stay():
    css = """/* A comment, with { braces } inside. */
body:has(#player) :is(.a, .b) {
  font-family: system-ui, "Segoe  UI";
  content: "a /* not a comment */ b";
}
"""
    minified = minify_css(css)

    assert minified == (
        'body:has(#player) :is(.a, .b){font-family: system-ui, "Segoe  UI";'
        'content: "a /* not a comment */ b";}\n'
    )


def test_the_site_stylesheet_keeps_every_rule_and_is_a_quarter_smaller_compressed():
    css = SITE_CSS.read_text()
    minified = minify_css(css)

    assert rules(minified) == rules(css)
    before, after = len(gzip.compress(css.encode())), len(gzip.compress(minified.encode()))
    assert after < before * 0.8, (before, after)


def test_only_the_projects_own_stylesheets_are_minified():
    assert MINIFIED.match("css/site.css")
    assert not MINIFIED.match("admin/css/base.css")
    assert not MINIFIED.match("js/player.js")


def test_scripts_lose_comment_lines_and_indentation_and_keep_every_line_of_code():
    js = """// A comment line.
function tick() {
  const url = "http://www.w3.org/2000/svg"; // a trailing comment stays
  return `a
  // not a comment: inside a template literal
    b`;
}
"""
    assert minify_js(js) == (
        "function tick() {\n"
        'const url = "http://www.w3.org/2000/svg"; // a trailing comment stays\n'
        "return `a\n"
        "  // not a comment: inside a template literal\n"
        "    b`;\n"
        "}\n"
    )


def test_the_player_script_is_a_fifth_smaller_compressed():
    js = (SITE_CSS.parent.parent / "js" / "player.js").read_text()
    before, after = len(gzip.compress(js.encode())), len(gzip.compress(minify_js(js).encode()))
    assert after < before * 0.85, (before, after)


def test_only_the_projects_own_scripts_are_minified():
    assert MINIFIED_JS.match("js/player.js")
    assert not MINIFIED_JS.match("django_htmx/htmx-2.min.js")
    assert not MINIFIED_JS.match("admin/js/core.js")

"""
The static files storage of production: whitenoise's compressed, hashed,
far-future-cached files, with the project's own stylesheets and scripts sent
without their comments and indentation.

The stylesheet is written to be read, with a comment on every block; on
the wire those were a quarter of it, compressed, and every page's first
load carries it (docs/performance.md, the player's 40 KB). Only what
cannot change the meaning goes: comments, runs of whitespace, and the
whitespace around braces and semicolons. Quoted strings are left alone,
and so is the space before a colon (`a :is(b)` is not `a:is(b)`).
"""

import re

from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

# The project's own stylesheets and scripts (static/css/, static/js/):
# third-party ones (the admin's, htmx) keep their text.
MINIFIED = re.compile(r"^css/[^/]+\.css$")
MINIFIED_JS = re.compile(r"^js/[^/]+\.js$")
_STRING = r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
_STRING_OR_COMMENT = re.compile(_STRING + r"|/\*.*?\*/", re.S)


def minify_css(text: str) -> str:
    """`text` without comments and needless whitespace, quoted strings untouched."""
    # A comment becomes a space (a/**/b is not ab); a string stays itself.
    text = _STRING_OR_COMMENT.sub(lambda match: match[1] or " ", text)
    parts = re.split(_STRING, text)
    for index in range(0, len(parts), 2):  # the parts outside quotes
        part = re.sub(r"\s+", " ", parts[index])
        parts[index] = re.sub(r"\s*([{};])\s*", r"\1", part)
    return "".join(parts).strip() + "\n"


def minify_js(text: str) -> str:
    """
    `text` without its comment lines, indentation and blank lines. Every
    other line stays as written and a line of its own, so no two statements
    are ever joined (automatic semicolons stay where they were), and a
    template literal that spans lines is kept whole. The scripts lose a
    fifth, compressed; player.js is on every player's first load.
    """
    lines, in_template = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if in_template:
            lines.append(line)
        elif stripped and not stripped.startswith("//"):
            lines.append(stripped)
        if line.count("`") % 2:
            in_template = not in_template
    return "\n".join(lines) + "\n"


def _minifier(name: str):
    if MINIFIED.match(name):
        return minify_css
    if MINIFIED_JS.match(name):
        return minify_js
    return None


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, paths, dry_run=False, **options):
        """Minify the stylesheets and scripts first, then hash and compress what was minified."""
        if not dry_run:
            paths = dict(paths)
            for name, (storage, path) in list(paths.items()):
                if minify := _minifier(name):
                    with storage.open(path) as original:
                        text = original.read().decode()
                    if self.exists(name):
                        self.delete(name)
                    self._save(name, ContentFile(minify(text).encode()))
                    # Hashed from the minified copy, not the source.
                    paths[name] = (self, name)
        yield from super().post_process(paths, dry_run=dry_run, **options)

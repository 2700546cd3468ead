"""Debian's Chromium as every Playwright run here starts it: the tests, the
screenshots (scripts/screenshots.py) and the browser benchmarks."""

import shutil

PHONE = {"width": 390, "height": 844}
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright, executable: str | None = None):
    return playwright.chromium.launch(
        executable_path=executable or shutil.which("chromium"), args=CHROMIUM_FLAGS
    )

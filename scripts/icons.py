"""
The app icons of the web app manifest, drawn from the logo: `.venv/bin/python scripts/icons.py`.

Renders static/img/icon.svg in headless Chromium (there is no imaging library
here) and saves the PNGs under static/icons/, where the manifest
(facerouting/manifest.py) and templates/base.html name them:

- icon-192.png, icon-512.png: the round logo on a transparent background,
  for launchers that show an icon as it is;
- maskable-512.png: full-bleed in the logo's own colour, the logo within the
  central 80 %, so that whatever shape a launcher cuts (circle, squircle) cuts
  only background: the safe zone is a circle of 40 % radius, and the logo's
  circle has 37.5 %;
- apple-touch-icon.png (180): full-bleed too, as iOS fills transparency with
  black and rounds the corners itself.

Run it again after changing the logo, and commit the PNGs it writes.
"""

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import launch  # noqa: E402

LOGO = ROOT / "static" / "img" / "icon.svg"
OUT = ROOT / "static" / "icons"

# (file name, size in pixels, full-bleed background?, share of the side the logo takes)
ICONS = [
    ("icon-192.png", 192, False, 1.0),
    ("icon-512.png", 512, False, 1.0),
    ("maskable-512.png", 512, True, 0.8),
    ("apple-touch-icon.png", 180, True, 1.0),
]

PAGE = """<!doctype html>
<html><head><style>
  html, body {{ margin: 0; width: {size}px; height: {size}px; overflow: hidden;
               background: {background}; }}
  body {{ display: grid; place-items: center; }}
  svg {{ display: block; width: {mark}px; height: {mark}px; }}
</style></head><body>{svg}</body></html>"""


def logo_colour(svg: str) -> str:
    """The fill of the logo's circle: the background of the full-bleed icons."""
    found = re.search(r'<circle[^>]*\bfill="(#[0-9a-fA-F]{3,6})"', svg)
    if not found:
        raise SystemExit(f"No filled <circle> in {LOGO}: say which colour fills the icons.")
    return found.group(1)


def main() -> None:
    svg = LOGO.read_text()
    colour = logo_colour(svg)
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name, size, full_bleed, share in ICONS:
            # One CSS pixel to one image pixel, so the PNG is exactly `size` square.
            page = browser.new_page(
                viewport={"width": size, "height": size}, device_scale_factor=1
            )
            page.set_content(
                PAGE.format(
                    size=size,
                    mark=round(size * share),
                    background=colour if full_bleed else "transparent",
                    svg=svg,
                )
            )
            page.screenshot(path=OUT / name, omit_background=not full_bleed)
            page.close()
            print(f"{OUT.relative_to(ROOT) / name}: {size}×{size}")
        browser.close()


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0]).parse_args()
    main()

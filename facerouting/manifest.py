from django.http import HttpRequest, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# From static/css/site.css, light scheme: --accent and --bg.
THEME_COLOUR = "#9c3f27"
BACKGROUND_COLOUR = "#fffaf5"


@require_safe
# The same for everyone, so shared caches may keep it; for an hour only, as
# it names the icons by their hashed names, which change with each release.
@cache_control(public=True, max_age=60 * 60)
def webmanifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest, at the root so its URL never changes: what lets
    a browser install Facerouting as an app (icons from scripts/icons.py)."""
    return JsonResponse(
        {
            "id": "/",
            "name": "Facerouting",
            "short_name": "Facerouting",
            "description": (
                "Guided, timed facial-massage routines with an honest log of every session."
            ),
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "icons": [
                {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("icons/maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        },
        content_type="application/manifest+json",
    )

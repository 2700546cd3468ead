"""The site's URLs plus views that fail on purpose, to see the error pages."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import path

from facerouting.urls import urlpatterns as site_urlpatterns


def server_error(request: HttpRequest):
    raise RuntimeError("Something broke deep inside: traceback-marker")


def forbidden(request: HttpRequest):
    raise PermissionDenied("staff-only-marker")


urlpatterns = [
    *site_urlpatterns,
    path("test-errors/500/", server_error),
    path("test-errors/403/", forbidden),
]

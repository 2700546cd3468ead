"""The Permissions-Policy header, which Django's SecurityMiddleware does not send."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def build_header(policy: dict[str, list[str]]) -> str:
    """{"camera": [], "autoplay": ["self"]} → 'camera=(), autoplay=(self)'."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = build_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response

"""
Cross-Origin-Resource-Policy on every response: another site's page cannot
load anything of ours (a page, a script, an icon) into its
own process as an image or a script, where a Spectre-style attack could read
it. Nothing of Facerouting's is meant to be embedded elsewhere.

Django 6.1 sends Cross-Origin-Opener-Policy but has no setting for this
header. The middleware reads the setting by the name a pull request for Django
gives it (SECURE_CROSS_ORIGIN_RESOURCE_POLICY, ticket #31923), so that once
a release's SecurityMiddleware sends it, this module can go.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class CrossOriginResourcePolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A view that means to be embedded elsewhere may say so itself.
        policy = settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY
        if policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", policy)
        return response

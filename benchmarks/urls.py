"""The site's URLs and a baseline: the cheapest response the same stack can give."""

from django.http import HttpResponse
from django.urls import path

from facerouting.urls import urlpatterns as site_urlpatterns


def baseline(request):
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [path("bench/baseline/", baseline), *site_urlpatterns]

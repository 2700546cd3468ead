"""The site's URLs and two baselines: the cheapest response the same stack can
give, and the cheapest page (the site's frame, base.html, with nothing in it)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from facerouting.urls import urlpatterns as site_urlpatterns


def baseline(request):
    return HttpResponse("ok\n", content_type="text/plain")


def empty_page(request):
    return render(request, "base.html")


urlpatterns = [
    path("bench/baseline/", baseline),
    path("bench/empty-page/", empty_page),
    *site_urlpatterns,
]

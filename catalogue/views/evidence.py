"""What the evidence says: the studies behind each technique's evidence note."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from catalogue.models import Study, Technique


@require_safe
def evidence(request: HttpRequest) -> HttpResponse:
    # Two queries however many studies: the techniques, then their studies.
    techniques = Technique.objects.prefetch_related(
        Prefetch("studies", queryset=Study.objects.order_by("position", "slug"))
    )
    return render(request, "catalogue/evidence.html", {"techniques": techniques})

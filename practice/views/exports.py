"""The signed-in user's practice as a download: CSV and JSON, streamed."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from practice import exports


def _download(chunks, kind: str, content_type: str) -> HttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    filename = exports.filename(kind, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@login_required
@never_cache
def export_csv(request: HttpRequest) -> HttpResponse:
    # The response streams after the middleware has reset the time zone, so
    # the zone is handed over explicitly.
    zone = timezone.get_current_timezone()
    return _download(exports.csv_lines(request.user, zone), "csv", "text/csv; charset=utf-8")


@require_safe
@login_required
@never_cache
def export_json(request: HttpRequest) -> HttpResponse:
    zone = timezone.get_current_timezone()
    return _download(
        exports.json_chunks(request.user, zone, now=timezone.now()),
        "json",
        "application/json",
    )

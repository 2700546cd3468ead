from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views
from facerouting import health, manifest, offline

admin.site.site_header = "Facerouting curation"
admin.site.site_title = "Facerouting curation"
admin.site.index_title = "Techniques, steps and routines"

urlpatterns = [
    path("", include("catalogue.urls")),
    path("", include("practice.urls")),
    path("accounts/", include("accounts.urls")),
    # The safety check, for members and guests: accounts/ keeps the answers.
    path("safety/", accounts_views.safety_check, name="safety"),
    path("admin/", admin.site.urls),
    path("healthz/", health.healthz, name="healthz"),
    path("manifest.webmanifest", manifest.webmanifest, name="manifest"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("offline/", offline.offline_page, name="offline"),
]

from django.contrib import admin
from django.urls import include, path

from facerouting import health

admin.site.site_header = "Facerouting curation"
admin.site.site_title = "Facerouting curation"
admin.site.index_title = "Techniques, steps and routines"

urlpatterns = [
    path("", include("catalogue.urls")),
    path("", include("practice.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("healthz/", health.healthz, name="healthz"),
]

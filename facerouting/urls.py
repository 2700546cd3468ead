from django.contrib import admin
from django.urls import include, path

from routines.views import accounts, health

admin.site.site_header = "Facerouting curation"
admin.site.site_title = "Facerouting curation"
admin.site.index_title = "Techniques, steps and routines"

urlpatterns = [
    path("", include("routines.urls")),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/settings/", accounts.account_settings, name="account_settings"),
    path("accounts/delete/", accounts.delete_account, name="delete_account"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("healthz/", health.healthz, name="healthz"),
]

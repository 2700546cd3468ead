"""Signup, settings and deletion beside Django's own login and password views.

Not namespaced: Django's auth views reverse their own names ("login",
"password_reset_done"…), and these sit beside them.
"""

from django.urls import include, path

from accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("settings/", views.account_settings, name="account_settings"),
    path("delete/", views.delete_account, name="delete_account"),
    # Before Django's auth URLs, so that these answer for the same paths and names.
    path("login/", views.LoginView.as_view(), name="login"),
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password_reset/", views.LimitedPasswordResetView.as_view(), name="password_reset"),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("", include("django.contrib.auth.urls")),
]

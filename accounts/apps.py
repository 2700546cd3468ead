from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who a person is: their profile and time zone, signup, settings and deletion."""

    name = "accounts"
    verbose_name = "Accounts"

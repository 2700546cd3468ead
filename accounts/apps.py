from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who a person is: their profile and time zone, signup, settings and deletion."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.safety import claim_guest_answers

        # Signup logs the new user in, so this covers both.
        user_logged_in.connect(claim_guest_answers, dispatch_uid="claim_guest_answers")

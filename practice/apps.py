from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """What a person did: sessions and their logs, the player, history and exports."""

    name = "practice"
    verbose_name = "Practice"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from practice.player import claim_guest_sessions

        # Signup logs the new user in, so this covers both. No signal says
        # that the practice changed: every write to a session notes it itself
        # (PracticeSessionQuerySet in practice/models.py).
        user_logged_in.connect(claim_guest_sessions, dispatch_uid="claim_guest_sessions")

from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """What a person did: sessions and their logs, the player, history and exports."""

    name = "practice"
    verbose_name = "Practice"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from practice.models import PracticeSession
        from practice.player import claim_guest_sessions, note_practice_changed

        # Signup logs the new user in, so this covers both.
        user_logged_in.connect(claim_guest_sessions, dispatch_uid="claim_guest_sessions")
        # The player's own changes are queryset updates, which send no signal:
        # practice/player.py notes the one that matters, finishing.
        for signal in (post_save, post_delete):
            signal.connect(
                note_practice_changed, sender=PracticeSession, dispatch_uid="note_practice_changed"
            )

"""Logging in with a username or an email address."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import HttpRequest

from .signed_in import user_with_zone


class UsernameOrEmailBackend(ModelBackend):
    """
    ModelBackend that also accepts an email address (any case) in the
    username field. An address shared by two accounts names nobody, so it
    fails exactly like a wrong password rather than guessing one of them.
    Axes counts the attempt under what was typed, so a wrong address locks
    out like a wrong username.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs,
    ) -> User | None:
        if username and "@" in username and not User.objects.filter(username=username).exists():
            matches = list(User.objects.filter(email__iexact=username)[:2])
            if len(matches) != 1:
                # Same cost as a real check, so timing does not tell the cases apart.
                User().set_password(password)
                return None
            username = matches[0].get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id) -> User | None:
        # Every signed-in request: the user and their time zone in one query.
        user = user_with_zone(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

"""
What every signed-in request loads about its person: the user row and the
time zone saved on their profile, in one query.

Loading the user (Django's ModelBackend.get_user) and then their zone
(TimezoneMiddleware) took two ORM queries on every request a member makes,
most of their cost spent building the queries rather than running them
(docs/performance.md). One raw query with a join reads both, fresh each
time, so a zone changed on another device applies at once.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection

from .models import Profile
from .timezones import valid_zone

# Set on a user loaded by user_with_zone(): their saved zone, or None
# without a profile.
SAVED_ZONE = "saved_zone"
NOT_LOADED = object()


def _user_with_zone_sql() -> str:
    quote = connection.ops.quote_name
    users, profiles = quote(User._meta.db_table), quote(Profile._meta.db_table)
    columns = ", ".join(f"{users}.{quote(field.column)}" for field in User._meta.concrete_fields)
    return (
        f"SELECT {columns}, {profiles}.{quote('timezone')} FROM {users} "
        f"LEFT JOIN {profiles} ON {profiles}.{quote('user_id')} = {users}.{quote('id')} "
        f"WHERE {users}.{quote('id')} = %s"
    )


def _value(field, value):
    """A column's value as the ORM gives it (SQLite returns dates as text, booleans as 0/1)."""
    column = field.cached_col
    for convert in connection.ops.get_db_converters(column) + column.get_db_converters(connection):
        value = convert(value, column, connection)
    return value


def user_with_zone(user_id) -> User | None:
    """The user with this primary key, their saved zone in `saved_zone`; None if there is none."""
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_user_with_zone_sql(), [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    fields = User._meta.concrete_fields
    user = User.from_db(
        connection.alias,
        [field.attname for field in fields],
        [_value(field, value) for field, value in zip(fields, row, strict=False)],
    )
    setattr(user, SAVED_ZONE, row[-1])
    return user


def saved_zone(user) -> str:
    """The user's saved time zone, or "" while they have none: read with the user if it was."""
    zone = getattr(user, SAVED_ZONE, NOT_LOADED)
    if zone is NOT_LOADED:
        return Profile.objects.zone_of(user)
    return valid_zone(zone)

"""The validator routines/migrations/0003 names; it moved to accounts unchanged."""

from accounts.timezones import validate_zone

__all__ = ["validate_zone"]

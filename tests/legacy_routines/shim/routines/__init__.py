"""What the old `routines` migrations import, now that the app is gone.

Only tests/legacy_routines/settings.py puts this on the import path.
"""

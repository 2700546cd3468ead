"""
Which part of the site a page belongs to, so the navigation can mark it as
the current one (aria-current="page"): a template context processor.
"""

from django.http import HttpRequest

# The first prefix a path starts with names its section.
SECTIONS = (
    ("/routines/", "routines"),
    ("/evidence/", "routines"),
    ("/programs/", "programs"),
    ("/my-routines/", "my_routines"),
    ("/history/", "history"),
    ("/reminders/", "account"),
    ("/safety/", "account"),
    ("/accounts/settings/", "account"),
    ("/accounts/password", "account"),
    ("/accounts/delete", "account"),
    ("/accounts/login/", "login"),
    ("/accounts/signup/", "signup"),
)


def section_of(path: str) -> str:
    return next((section for prefix, section in SECTIONS if path.startswith(prefix)), "")


def nav_section(request: HttpRequest) -> dict:
    return {"nav_section": section_of(request.path)}

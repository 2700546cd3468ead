"""Every page of the admin is for staff only: the rest of the site's table is
tests/test_access_control.py, which leaves the admin's namespace to this file."""

from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

ADMIN_OPEN = {"admin:login", "admin:logout"}
ADMIN_KWARGS = {"app_label": "catalogue", "content_type_id": "1", "object_id": "1"}


def admin_urls() -> list[str]:
    resolver = next(
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "admin"
    )
    urls = []

    def collect(resolver: URLResolver) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                collect(entry)
            elif entry.name and f"admin:{entry.name}" not in ADMIN_OPEN:
                kwargs = {
                    key: ADMIN_KWARGS.get(key, "1") for key in entry.pattern.regex.groupindex
                }
                urls.append(reverse(f"admin:{entry.name}", kwargs=kwargs))

    collect(resolver)
    return urls


def test_every_admin_url_requires_staff(user):
    urls = admin_urls()
    assert len(urls) > 20  # every model's list, add, change, delete and history
    member = Client()
    member.force_login(user)
    for client in [Client(), member]:
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/admin/login/"), url

"""Where a `next` parameter may send someone: only back to a page of this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def local_path(target: str, default: str) -> str:
    """
    `target` when it is a path on this site, else `default`.

    Only a path starting with one "/" passes: redirect() takes a bare word
    ("history", "2") for a URL name and fails to reverse it, and "//host" and
    "/\\host" are other sites to a browser. url_has_allowed_host_and_scheme,
    with no host allowed, also catches what browsers read as another site
    once they drop tabs and newlines ("/\\t/host").
    """
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    ):
        return target
    return default

"""The default Site's address, taken from the public URL the deployment is configured with.

Wagtail builds every absolute link (`Page.get_full_url`: iCalendar `URL:`, the sitemap) from the
Site's hostname and port, whatever host a request came in on. The migrations create the default
Site as `localhost:80`; this sets it from `WAGTAILADMIN_BASE_URL`, which `make run` and
production already set to the site's public address.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def site_address(url):
    """(hostname, port) of a public URL: `http://127.0.0.1:8000` → ("127.0.0.1", 8000),
    `https://www.example.gov.cn` → ("www.example.gov.cn", 443). A path in the URL is ignored:
    a Wagtail Site has none."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"Not an http or https URL: {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    # Site.root_url writes https only for port 443, and http for every other port.
    if (parts.scheme == "https") != (port == 443):
        raise ValueError(
            f"{url!r}: a Wagtail Site serves https on port 443 only, and http on any other port."
        )
    return parts.hostname, port


def configure_default_site(url=None):
    """Give the default Site the hostname and port of `url` (default: WAGTAILADMIN_BASE_URL).
    Idempotent; returns the Site and whether it changed."""
    hostname, port = site_address(url or settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.get(is_default_site=True)
    changed = (site.hostname, site.port) != (hostname, port)
    if changed:
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])  # clears Wagtail's cache of site roots
    return site, changed

"""The sitemap: every live public page in every language, each with its translations as
hreflang alternates.

Wagtail's own sitemap lists the pages under the Site's root page, which is the Chinese home:
the English tree (under its translation) was missing. Locations are the pages' full URLs, so
they carry the Site's root URL with its port (see `home.site_url`).
"""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


def hreflang(language_code):
    """A Wagtail/Django language code as BCP 47 writes it: zh-hans → zh-Hans, en-gb → en-GB."""
    language, *subtags = language_code.split("-")
    written = [language.lower()]
    for subtag in subtags:
        if len(subtag) == 4:
            written.append(subtag.title())  # script
        elif len(subtag) == 2:
            written.append(subtag.upper())  # region
        else:
            written.append(subtag.lower())
    return "-".join(written)


class TranslatedSitemap(Sitemap):
    """The default Site's pages in all its languages. Each page whose translations are live
    lists them all (itself included) and `x-default`, the version in the default language, which
    is served without a language prefix."""

    def _pages(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for translated_root in root.get_translations(inclusive=True).only("path"):
            trees |= Q(path__startswith=translated_root.path)
        return Page.objects.filter(trees).live().public()

    def items(self):
        return self._pages().order_by("path").defer_streamfields().specific()

    def _alternates(self, pages):
        """Per translation key, [(hreflang, URL)] of its live public versions, default
        language first."""
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        default = Locale.get_default().pk
        keys = {page.translation_key for page in pages}
        versions = {}
        translations = (
            self._pages()
            .filter(translation_key__in=keys)
            .defer_streamfields()
            .specific()
            .order_by("path")
        )
        for page in translations:
            versions.setdefault(page.translation_key, []).append(
                (page.locale_id != default, languages[page.locale_id], page)
            )
        alternates = {}
        for key, found in versions.items():
            if len(found) < 2:
                continue  # one language only: nothing to point to
            found.sort(key=lambda version: version[:2])
            links = [
                {"lang_code": hreflang(code), "location": page.get_full_url(self.request)}
                for _not_default, code, page in found
            ]
            if not found[0][0]:
                links.append({"lang_code": "x-default", "location": links[0]["location"]})
            alternates[key] = links
        return alternates

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = self._alternates(pages)
        urls = []
        last_mods = set()
        for item in pages:
            own_url = item.get_full_url(self.request)
            for url_info in item.get_sitemap_urls(self.request):
                if url_info.get("location") == own_url and item.translation_key in alternates:
                    url_info = {**url_info, "alternates": alternates[item.translation_key]}
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        # As Wagtail's: the Last-Modified header, unless some page has no date.
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

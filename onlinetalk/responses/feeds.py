"""The column's Atom feed, one per language: the latest published responses, newest first."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from onlinetalk.localization import language_tag

from .listing import published_responses

FEED_SIZE = 20


class HotResponsesFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, index_page):
        return index_page

    def title(self, index_page):
        return index_page.title

    def subtitle(self, index_page):
        return _("Replies, progress of commitments and adoption of suggestions after each session.")

    def link(self, index_page):
        return index_page.get_url(self.request)

    def feed_url(self, index_page):
        return index_page.get_url(self.request) + index_page.reverse_subpage("feed")

    def feed_guid(self, index_page):
        return index_page.get_full_url(self.request) + index_page.reverse_subpage("feed")

    @property
    def language(self):
        return language_tag(get_language())

    def items(self, index_page):
        return list(
            published_responses(index_page)
            .select_related("session")
            .defer("body", "session__announcement", "session__transcript")
            .order_by("-session__replies_published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, response):
        return response.title

    def item_description(self, response):
        return response.summary

    def item_link(self, response):
        return response.get_url(self.request)

    def item_guid(self, response):
        return response.get_full_url(self.request)

    def item_pubdate(self, response):
        return response.session.replies_published_at

    def item_updateddate(self, response):
        return response.last_published_at or response.session.replies_published_at

"""How commitments plug into the programme's pages: the session gets `commitments/` (its
commitments with their public timelines and the legend) and `commitments/feed/` (an Atom feed,
one entry per update, so that a citizen can follow them without giving any contact); the 热点回应
column gets `commitments/`, every unfinished commitment by unit, oldest first.

Only commitments of sessions whose (default-language) page is live and public are shown.
Commitments are written in the default language; a session's page in another language shows the
same commitments (those of its default-language source)."""

from django.contrib.syndication.views import Feed
from django.urls import path
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from onlinetalk.features import PageFeature
from onlinetalk.live.render import content_language
from onlinetalk.localization import language_tag, localize_objects
from onlinetalk.pages import publicly_viewable
from onlinetalk.request_memo import active_locale
from onlinetalk.sessions.models import TalkSessionPage

from .commitment_facts import legend, what_changed
from .models import OPEN_STATUSES, Commitment, CommitmentUpdate
from .timelines import prefetch_timelines

FEED_ENTRIES = 200  # the newest updates in a session's feed


def public_commitments():
    """Commitments of sessions whose page is live and public (no view restriction)."""
    sessions = publicly_viewable(TalkSessionPage.objects.live())
    return Commitment.objects.filter(session__in=sessions.values("pk"))


def commitments_of(session):
    """A session's public commitments (any language's page of it), oldest first."""
    return public_commitments().filter(session__translation_key=session.translation_key)


def _feed_url(page, request):
    return page.get_url(request) + page.reverse_subpage("session_commitments_feed")


def session_commitments(page, request):
    commitments = prefetch_timelines(list(commitments_of(page).order_by("made_at", "pk")))
    return page.render(
        request,
        template="onlinetalk/responses/session_commitments.html",
        context_overrides={
            "commitments": commitments,
            "legend": legend(),
            "feed_url": _feed_url(page, request),
            "content_lang": content_language(),
            "now": timezone.now(),
        },
    )


class SessionCommitmentsFeed(Feed):
    """One entry per update of the session's commitments, newest first; an entry's id is the
    update's own (it never changes), its link the commitment's place on the session's page."""

    feed_type = Atom1Feed

    def __call__(self, request, page):
        self.page = page
        self.request = request
        self.language = language_tag(get_language())
        self.page_url = page.get_url(request) + page.reverse_subpage("session_commitments")
        return super().__call__(request)

    def get_object(self, request, *args, **kwargs):
        return self.page

    def title(self, page):
        return _("Commitments of “%(session)s”") % {"session": page.title}

    def link(self, page):
        return self.page_url

    def feed_url(self, page):
        return _feed_url(page, self.request)

    def subtitle(self, page):
        return _(
            "Every dated update of the commitments made in this session: what changed, and what happened."
        )

    def feed_guid(self, page):
        return self.request.build_absolute_uri(self.page_url)

    def items(self, page):
        updates = list(
            CommitmentUpdate.objects.filter(commitment__in=commitments_of(page))
            .select_related("commitment", "document")
            .order_by("-at", "-pk")[:FEED_ENTRIES]
        )
        prefetch_timelines([update.commitment for update in updates])
        return updates

    def item_title(self, update):
        text = update.commitment.text
        text = text if len(text) <= 60 else f"{text[:60]}…"
        return f"{text}: {what_changed(update)}"

    def item_description(self, update):
        lines = [what_changed(update)]
        if update.note:
            lines.append(update.note)
        if update.document is not None:
            lines.append(_("Document: %(url)s") % {"url": update.document.url})
        return "\n\n".join(lines)

    def item_link(self, update):
        return f"{self.page_url}#commitment-{update.commitment_id}"

    def item_guid(self, update):
        return f"{self.request.build_absolute_uri(self.page_url)}#update-{update.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, update):
        return update.at

    def item_updateddate(self, update):
        return update.at

    def item_author_name(self, update):
        return update.author


def session_commitments_feed(page, request):
    response = SessionCommitmentsFeed()(request, page)
    return response


def _by_unit(commitments):
    """[(unit in the reader's language, [commitments oldest first])], units in the order of
    their oldest open commitment."""
    groups = {}
    for commitment in commitments:
        groups.setdefault(commitment.department.translation_key, []).append(commitment)
    units = localize_objects(group[0].department for group in groups.values())
    return list(zip(units, groups.values(), strict=True))


def _link_sessions(commitments, request):
    """Each commitment's session in the reader's language (its default-language page if it has
    no live translation) and the address of the commitment on that session's commitments page;
    one query for all of them."""
    sources = {commitment.session.translation_key for commitment in commitments}
    translations = {
        session.translation_key: session
        for session in TalkSessionPage.objects.live()
        .filter(translation_key__in=sources, locale=active_locale())
        .only("id", "title", "url_path", "translation_key", "locale_id", "depth", "path")
    }
    for commitment in commitments:
        session = translations.get(commitment.session.translation_key, commitment.session)
        commitment.reader_session = session
        commitment.link = (
            session.get_url(request)
            + session.reverse_subpage("session_commitments")
            + f"#commitment-{commitment.pk}"
        )
    return commitments


def open_commitments(page, request):
    commitments = prefetch_timelines(
        list(
            public_commitments()
            .filter(status__in=OPEN_STATUSES)
            .select_related("session")
            .order_by("made_at", "pk")
        )
    )
    _link_sessions(commitments, request)
    return page.render(
        request,
        template="onlinetalk/responses/open_commitments.html",
        context_overrides={
            "groups": _by_unit(commitments),
            "count": len(commitments),
            "legend": legend(),
            "content_lang": content_language(),
            "now": timezone.now(),
        },
    )


def session_link_context(session, request, now):
    """Once the session has started, the session page links to its commitments and their feed
    (no query: the addresses come from the page's own)."""
    if now < session.start:
        return {}
    url = session.get_url(request)
    return {
        "commitments_links": {
            "page": url + session.reverse_subpage("session_commitments"),
            "feed": url + session.reverse_subpage("session_commitments_feed"),
        }
    }


def column_link_context(column, request, now):
    url = column.get_url(request)
    return {"open_commitments_url": url + column.reverse_subpage("open_commitments")}


SESSION_COMMITMENTS = PageFeature(
    page_type="onlinetalk.TalkSessionPage",
    name="session_commitments",
    template="onlinetalk/responses/includes/session_commitments_link.html",
    get_context=session_link_context,
    order=90,
    routes=(
        path("commitments/", session_commitments, name="session_commitments"),
        path("commitments/feed/", session_commitments_feed, name="session_commitments_feed"),
    ),
)

OPEN_COMMITMENTS = PageFeature(
    page_type="onlinetalk.HotResponseIndexPage",
    name="open_commitments",
    template="onlinetalk/responses/includes/open_commitments_link.html",
    get_context=column_link_context,
    order=90,
    routes=(path("commitments/", open_commitments, name="open_commitments"),),
)

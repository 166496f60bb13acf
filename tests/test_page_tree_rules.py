"""Where each page type may live: home → the column (TalkIndexPage) → a year (AnnualSchedulePage)
→ a session (TalkSessionPage); home → the hot responses column (HotResponseIndexPage) → a hot
response (HotResponsePage)."""

from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import HomePage
from onlinetalk.responses.models import HotResponseIndexPage, HotResponsePage
from onlinetalk.schedule.models import AnnualSchedulePage, TalkIndexPage
from onlinetalk.sessions.models import TalkSessionPage
from tests.factories import AnnualSchedulePageFactory, TalkIndexPageFactory


class PageTreeRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Site.objects.get(is_default_site=True).root_page.specific
        cls.column = TalkIndexPageFactory(parent=cls.home, slug="minsheng-online")
        cls.year = AnnualSchedulePageFactory(parent=cls.column)

    def setUp(self):
        self.user = self.login()  # a superuser

    def test_home_takes_only_the_two_columns(self):
        self.assertCanCreateAt(HomePage, TalkIndexPage)
        self.assertCanCreateAt(HomePage, HotResponseIndexPage)
        self.assertCanNotCreateAt(HomePage, AnnualSchedulePage)
        self.assertCanNotCreateAt(HomePage, HotResponsePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertAllowedSubpageTypes(HomePage, {TalkIndexPage, HotResponseIndexPage})

    def test_the_hot_responses_column_takes_only_hot_responses(self):
        self.assertAllowedSubpageTypes(HotResponseIndexPage, {HotResponsePage})
        self.assertAllowedParentPageTypes(HotResponsePage, {HotResponseIndexPage})
        self.assertAllowedSubpageTypes(HotResponsePage, set())

    def test_column_takes_only_year_pages(self):
        self.assertCanCreateAt(TalkIndexPage, AnnualSchedulePage)
        self.assertCanNotCreateAt(TalkIndexPage, TalkIndexPage)
        self.assertCanNotCreateAt(TalkIndexPage, HomePage)
        self.assertAllowedSubpageTypes(TalkIndexPage, {AnnualSchedulePage})

    def test_year_page_lives_only_under_a_column(self):
        self.assertAllowedParentPageTypes(AnnualSchedulePage, {TalkIndexPage})
        self.assertCanNotCreateAt(Page, AnnualSchedulePage)

    def test_year_page_takes_only_session_pages(self):
        self.assertAllowedSubpageTypes(AnnualSchedulePage, {TalkSessionPage})
        self.assertCanCreateAt(AnnualSchedulePage, TalkSessionPage)
        for page_type in (HomePage, TalkIndexPage, AnnualSchedulePage):
            self.assertCanNotCreateAt(AnnualSchedulePage, page_type)

    def test_session_page_lives_only_under_a_year_and_takes_no_children(self):
        self.assertAllowedParentPageTypes(TalkSessionPage, {AnnualSchedulePage})
        for page_type in (Page, HomePage, TalkIndexPage):
            self.assertCanNotCreateAt(page_type, TalkSessionPage)
        self.assertAllowedSubpageTypes(TalkSessionPage, set())

    def test_column_lives_under_home_or_a_site_root(self):
        self.assertAllowedParentPageTypes(TalkIndexPage, {Page, HomePage})
        self.assertCanNotCreateAt(AnnualSchedulePage, TalkIndexPage)

    def test_a_year_page_can_be_created_under_the_column_in_the_admin(self):
        self.assertCanCreate(
            self.column,
            AnnualSchedulePage,
            nested_form_data(
                {
                    "title": "2023年民生在线",
                    "slug": "2023",
                    "year": 2023,
                    "first_month": 3,
                    "last_month": 12,
                    "issuing_office": "珠海市人民政府办公室",
                    "notice": rich_text("<p>2023年通知</p>"),
                    "schedule_slots": inline_formset([]),
                    "comments": inline_formset([]),
                }
            ),
        )
        created = AnnualSchedulePage.objects.child_of(self.column).get(year=2023)
        self.assertTrue(created.live)

    def test_the_admin_refuses_a_year_page_under_home(self):
        url = reverse(
            "wagtailadmin_pages:add", args=["onlinetalk", "annualschedulepage", self.home.pk]
        )
        data = nested_form_data(
            {
                "title": "2023年民生在线",
                "slug": "2023",
                "year": 2023,
                "first_month": 3,
                "last_month": 12,
                "issuing_office": "珠海市人民政府办公室",
                "notice": rich_text("<p>2023年通知</p>"),
                "schedule_slots": inline_formset([]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        )

        for response in (self.client.get(url), self.client.post(url, data)):
            # Wagtail answers a forbidden page type with a redirect to the dashboard.
            self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.assertFalse(AnnualSchedulePage.objects.child_of(self.home).exists())
        self.assertFalse(AnnualSchedulePage.objects.filter(year=2023).exists())

    def test_the_admin_offers_only_year_pages_under_the_column(self):
        response = self.client.get(reverse("wagtailadmin_pages:add_subpage", args=[self.column.pk]))

        # With one allowed type, Wagtail goes straight to its creation form.
        self.assertRedirects(
            response,
            reverse(
                "wagtailadmin_pages:add",
                args=["onlinetalk", "annualschedulepage", self.column.pk],
            ),
        )

    def test_year_and_column_pages_are_editable_and_previewable(self):
        for page in (self.column, self.year):
            self.assertPageIsEditable(page)
            self.assertPageIsPreviewable(page)
            self.assertPageIsRenderable(page)

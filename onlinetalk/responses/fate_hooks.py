"""The hot responses' part in the questions' fates and the ways to make a response from its
session: the answered-later provider, the create view and its buttons. Registration only."""

from django.urls import path
from wagtail import hooks

from onlinetalk.questions.fates import FATE_HOOK

from . import admin_views
from .entry_points import page_header_buttons, page_listing_more_buttons
from .fates import answered_later_provider

hooks.register(FATE_HOOK, answered_later_provider)
hooks.register("register_page_header_buttons", page_header_buttons)
hooks.register("register_page_listing_more_buttons", page_listing_more_buttons)


@hooks.register("register_admin_urls")
def response_create_urls():
    return [
        path(
            "onlinetalk/responses/create/<int:session_id>/",
            admin_views.create_response,
            name="onlinetalk_response_create",
        )
    ]

"""How a feature plugs into the programme's pages without the programme knowing it.

The session page is a hub: the question board, the live broadcast and the hot response add their
routes, their context and a template to it. The page asks Wagtail's hook registry for
`PageFeature`s and composes them, so the programme never imports a feature (layering,
DESIGN.md) and a host site can plug in a feature of its own the same way:

    @hooks.register(FEATURE_HOOK)
    def question_board():
        return PageFeature(page_type="onlinetalk.TalkSessionPage", name="questions", ...)
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from wagtail import hooks

FEATURE_HOOK = "register_onlinetalk_page_feature"


@dataclass(frozen=True)
class PageFeature:
    """What one feature adds to one page type.

    `routes` are URL patterns (django.urls.path) whose views take `(page, request, ...)`, as a
    routable page's own methods do. `get_context(page, request, now)` returns the names the
    feature's `template` uses; the page's template includes the templates in `order`.
    """

    page_type: str  # model label, e.g. "onlinetalk.TalkSessionPage"
    name: str
    routes: Sequence = ()
    template: str = ""
    get_context: Callable | None = None
    order: int = 100
    extra: dict = field(default_factory=dict)

    def applies_to(self, page_class):
        return issubclass(page_class, apps.get_model(self.page_type))


def features_for(page_class):
    """The features registered for a page type, in their order."""
    features = [hook() for hook in hooks.get_hooks(FEATURE_HOOK)]
    return sorted(
        (feature for feature in features if feature.applies_to(page_class)),
        key=lambda feature: (feature.order, feature.name),
    )


FIELD_ADDITION_HOOK = "register_onlinetalk_field_addition"


@dataclass(frozen=True)
class FieldAddition:
    """A template a feature shows beside one field of the extension's public forms, e.g. the
    answers already given beside the ask form's text (the search feature):

        @hooks.register(FIELD_ADDITION_HOOK)
        def similar_answers():
            return FieldAddition(form="questions.ask", field="text", template="...")

    The form's template includes it next to the field, with the bound field as `field`.
    """

    form: str  # the form's name, e.g. "questions.ask"
    field: str  # the field's name in that form, e.g. "text"
    template: str
    order: int = 100


def field_additions_for(form, field_name):
    """The templates registered beside one field of one form, in their order."""
    additions = [hook() for hook in hooks.get_hooks(FIELD_ADDITION_HOOK)]
    return [
        addition.template
        for addition in sorted(additions, key=lambda addition: (addition.order, addition.template))
        if addition.form == form and addition.field == field_name
    ]

"""Translating pages and snippets in code (demo content, tests, data loaders).

The admin's translation editor does this for editors; pages created in code get no translation
unless we ask wagtail-localize ourselves (see STACK-NOTES). Strings are matched by their source
text, so a rich-text field is translated paragraph by paragraph.
"""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from onlinetalk.request_memo import active_locale, default_locale, remembered_for_this_request


@transaction.atomic
def translate_in_code(instance, locale, strings, *, publish=True, user=None):
    """Create or update the `locale` version of `instance` with English (or other) `strings`.

    `strings` maps a source string to its translation; a source string without an entry keeps
    its source text (wagtail-localize's fallback). Returns the translated instance.
    """
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    if not isinstance(instance, Page):
        translation.save_target(user=user, publish=True)
        return instance.get_translation(locale)
    # wagtail-localize defers a page's publication to the end of the transaction, where it
    # saves a stale copy of the page over its tree fields (numchild) and, in tests, never runs.
    # Save a draft and publish it here instead.
    translation.save_target(user=user, publish=False)
    translated = instance.get_translation(locale).specific
    latest = instance.get_latest_revision()
    scheduled = latest is not None and latest.approved_go_live_at is not None
    if publish and (instance.live or scheduled):
        revision = translated.get_latest_revision()
        if instance.go_live_at and instance.go_live_at != translated.go_live_at:
            # A scheduled source stays scheduled in every language.
            translated.go_live_at = instance.go_live_at
            revision = translated.save_revision(user=user)
        revision.publish(user=user)
        translated.refresh_from_db()
    return translated


# --- translatable snippets in the reader's language ---------------------------------------------
#
# Pages and inline rows keep pointing at the source-language snippet after translation
# (wagtail-localize #710), and a chooser stores the source's id. This is the one way to show such
# a snippet (a unit, a leader, a category) in the reader's language: `localize_objects` for a
# list, `in_reader_language` for one object. Both use the translations `prefetch_translations`
# attached (blocks do that when they load their values), else one query per model.

_TRANSLATIONS = "_onlinetalk_translations"


def known_objects(model):
    """Snippets already loaded during this request, by primary key (see remember_objects)."""
    return remembered_for_this_request(("objects", model._meta.label), dict)


def remember_objects(objects):
    """Let the rest of this request reuse these loaded snippets (a session's leaders, which its
    announcement and transcript blocks choose again)."""
    for obj in objects:
        if obj is not None:
            known_objects(type(obj)).setdefault(obj.pk, obj)
    return objects


def _known_translations(model):
    """Translations already looked up during this request, by translation key: a page that shows
    the same leader in its header, its announcement and its transcript asks once."""
    return remembered_for_this_request(("translations", model._meta.label), dict)


def prefetch_translations(objects):
    """Attach every translation of each object to it, one query per model; returns the list."""
    objects = [obj for obj in objects if obj is not None]
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    for model, group in by_model.items():
        known = _known_translations(model)
        missing = {obj.translation_key for obj in group} - set(known)
        if missing:
            for key in missing:
                known[key] = {}
            for translation in model.objects.filter(translation_key__in=missing):
                known[translation.translation_key][translation.locale_id] = translation
        for obj in group:
            setattr(obj, _TRANSLATIONS, known.get(obj.translation_key, {}))
    return objects


def localize_objects(objects, locale=None):
    """The objects in the active (or given) locale, in the same order; an object without a
    translation stays as it is, None stays None."""
    objects = list(objects)
    locale_id = (locale or active_locale()).pk
    # Translations are looked up for every object, even those already in the reader's language,
    # so that a page costs the same number of queries in every language.
    prefetch_translations(
        obj for obj in objects if obj is not None and not hasattr(obj, _TRANSLATIONS)
    )
    return [
        getattr(obj, _TRANSLATIONS).get(locale_id, obj)
        if obj is not None and obj.locale_id != locale_id
        else obj
        for obj in objects
    ]


def in_reader_language(obj, locale=None):
    return localize_objects([obj], locale)[0]


def synchronised_relation(instances, relation):
    """`{instance.pk: [related objects]}` of a many-to-many on translatable pages or rows.

    wagtail-localize copies a page's or inline row's many-to-many when it creates a translation
    but not when it syncs one: a translation whose relation is empty takes its source's (the
    default-language object with the same translation key). One query, plus one for sources.
    """
    instances = list(instances)
    related = {instance.pk: list(getattr(instance, relation).all()) for instance in instances}
    empty = [instance for instance in instances if not related[instance.pk]]
    default = default_locale() if empty else None
    empty = [instance for instance in empty if instance.locale_id != default.pk]
    if empty:
        model = type(empty[0])
        sources = model.objects.filter(
            translation_key__in={instance.translation_key for instance in empty},
            locale=default,
        ).prefetch_related(relation)
        by_key = {
            source.translation_key: list(getattr(source, relation).all()) for source in sources
        }
        for instance in empty:
            related[instance.pk] = by_key.get(instance.translation_key, [])
    return related


def default_locale_only():
    """`limit_choices_to` of a field that chooses a translatable snippet: each one is offered
    once, in the default language (the page or row is translated, not the choice)."""
    return {"locale__language_code": get_supported_content_language_variant(settings.LANGUAGE_CODE)}


def language_tag(code):
    """Django's language code → the BCP 47 tag for a lang attribute ("zh-hans" → "zh-Hans")."""
    language, _sep, rest = str(code).partition("-")
    if not rest:
        return language
    return f"{language}-{rest.title() if len(rest) == 4 else rest.upper()}"

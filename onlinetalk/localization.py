"""Translating pages and snippets in code (demo content, tests, data loaders).

The admin's translation editor does this for editors; pages created in code get no translation
unless we ask wagtail-localize ourselves (see STACK-NOTES). Strings are matched by their source
text, so a rich-text field is translated paragraph by paragraph.
"""

from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


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
    if publish and (instance.live or instance.approved_go_live_at):
        revision = translated.get_latest_revision()
        if instance.go_live_at and instance.go_live_at != translated.go_live_at:
            # A scheduled source stays scheduled in every language.
            translated.go_live_at = instance.go_live_at
            revision = translated.save_revision(user=user)
        revision.publish(user=user)
        translated.refresh_from_db()
    return translated

from django.db import migrations


def create_english_locale(apps, schema_editor):
    """English exists from the first migrate and follows the Chinese tree (wagtail-localize)."""
    Locale = apps.get_model("wagtailcore.Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    chinese = Locale.objects.order_by("pk").first()
    english, _ = Locale.objects.get_or_create(language_code="en")
    LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": chinese})


def remove_english_locale(apps, schema_editor):
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    LocaleSynchronization.objects.filter(locale__language_code="en").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_english_locale, remove_english_locale)]

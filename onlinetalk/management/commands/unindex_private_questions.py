from django.core.management.base import BaseCommand
from wagtail.search import index

from onlinetalk.questions.models import CitizenQuestion


class Command(BaseCommand):
    help = (
        "Remove every question that is not public (pending, declined, merged or without "
        "consent) from the search index. Saving a question keeps the index right; this is for "
        "an index built before only public questions were indexed, which `update_index` does "
        "not clean. Idempotent."
    )

    def handle(self, *args, **options):
        public = CitizenQuestion.get_indexed_objects().values("pk")
        private = CitizenQuestion.objects.exclude(pk__in=public).only("pk")
        count = 0
        for question in private.iterator():
            index.remove_object(question)
            count += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"unindex_private_questions: {count} question(s) not public, none in the index."
            )
        )

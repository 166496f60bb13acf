"""Columns of the question listing in the admin."""

from wagtail.admin.ui.tables import Column


class FlagColumn(Column):
    """A warning icon on the questions that need closer review, and nothing on the others:
    Wagtail's BooleanColumn draws a red cross on every ordinary question, which reads as an
    error on most rows of the listing."""

    cell_template_name = "onlinetalk/admin/flag_cell.html"

    def get_value(self, instance):
        return bool(super().get_value(instance))

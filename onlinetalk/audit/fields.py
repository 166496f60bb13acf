"""Choice fields that take only values that can be ids: `abc` or a number past the id range is
an invalid choice, not a query that fails (SQLite cannot hold an integer past 64 bits)."""

from django import forms
from django.core.exceptions import ValidationError

# The largest id a row can have (a BigAutoField).
MAX_ID = 2**63 - 1


def is_id(value):
    value = str(value)
    return value.isascii() and value.isdigit() and int(value) <= MAX_ID


class IdChecked:
    def to_python(self, value):
        if value not in self.empty_values and not is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdModelChoiceField(IdChecked, forms.ModelChoiceField):
    pass

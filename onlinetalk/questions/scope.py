"""Which questions a user may see and moderate: those of their own units' sessions."""

from onlinetalk.access.scope import is_office_user, units_for_user

from .models import CitizenQuestion


def questions_for_user(user):
    if is_office_user(user):
        return CitizenQuestion.objects.all()
    units = units_for_user(user).values("translation_key")
    return CitizenQuestion.objects.filter(
        session__departments__translation_key__in=units
    ).distinct()


def may_moderate(user, question):
    return questions_for_user(user).filter(pk=question.pk).exists()


def can_see_contact(user):
    return user.has_perm("onlinetalk.view_question_contact")

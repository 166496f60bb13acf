"""The approval's e-mails, each in its recipient's language.

- A page submitted to (or reaching) the unit step: the reviewers of the page's own units, found
  by the units' translation keys so that an English page reaches the same people
  (`UnitReviewSubmissionNotifier`; Wagtail's group notifier only knows group approval tasks).
- The Office step: its approvers group (Wagtail's group notifier, with the language fix below).
- A rejection at either step: the editor who submitted, with the comment (Wagtail's).
- The final approval: the submitter, saying whether the page went live or is scheduled.

Wagtail's own notifiers render the subject and text in `profile.get_preferred_language()`, which
falls back to the language of the person who acted, and the HTML part outside any override; the
notifiers here render all three in the recipient's preferred language, else LANGUAGE_CODE. The
superusers' copy of a submission skips the person who submitted (Wagtail's drops that filter).
Nobody is mailed about their own action; the profile's notification switches are respected as
Wagtail does (`<notification>_notifications`).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.admin.mail import (
    EmailNotificationMixin,
    GroupApprovalTaskStateSubmissionEmailNotifier,
    Notifier,
    OpenedConnection,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
    send_mail,
)
from wagtail.models import AbstractPage, TaskState
from wagtail.users.models import UserProfile

from onlinetalk.access.models import AccessRole
from onlinetalk.mail import recipient_language

from . import rules
from .models import UnitReviewTask
from .names import named

logger = logging.getLogger("onlinetalk.approval")

TEMPLATES = "onlinetalk/approval/notifications/"


def include_superusers():
    return getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True)


def unit_reviewers(page):
    """Active reviewers of the page's units (in any language's version of the unit)."""
    keys = rules.page_unit_keys(page)
    if not keys:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__onlinetalk_access__role=AccessRole.UNIT_REVIEWER,
            groups__onlinetalk_access__department__translation_key__in=keys,
        )
        .distinct()
    )


class RecipientLanguageMixin(EmailNotificationMixin):
    """Subject, text and HTML part rendered in each recipient's language; one connection."""

    def send_emails(self, template_set, context, recipients, **kwargs):
        use_html = getattr(settings, "WAGTAILADMIN_NOTIFICATION_USE_HTML", False)
        sent_count = 0
        try:
            with OpenedConnection(get_connection()) as connection:
                for recipient in sorted(recipients, key=lambda user: user.pk):
                    profile = UserProfile.get_for_user(recipient)
                    message_context = {
                        **context,
                        "user": recipient,
                        "time_zone": profile.get_current_time_zone(),
                    }
                    with translation.override(recipient_language(recipient, profile)):
                        subject = render_to_string(template_set["subject"], message_context)
                        text = render_to_string(template_set["text"], message_context)
                        html = (
                            render_to_string(template_set["html"], message_context)
                            if use_html
                            else None
                        )
                    subject = " ".join(subject.split())
                    try:
                        send_mail(
                            subject,
                            text.strip(),
                            [recipient.email],
                            connection=connection,
                            html_message=html,
                        )
                        sent_count += 1
                    except Exception:
                        logger.exception(
                            "Failed to send notification email '%s' to %s",
                            subject,
                            recipient.email,
                        )
        except (TimeoutError, ConnectionError):
            logger.exception("Mail connection error, notification sending skipped")
        return sent_count == len(recipients)


class ReadableNamesMixin:
    """The task and workflow in the context carry their readable names."""

    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        for key in ("task", "workflow"):
            if context.get(key) is not None:
                context[key] = named(context[key])
        return context


class UnitReviewSubmissionNotifier(RecipientLanguageMixin, Notifier):
    """A page reached the unit step: its units' reviewers are asked to review it."""

    notification = "submitted"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return (
            super().can_handle(instance, **kwargs)
            and isinstance(instance.task.specific, UnitReviewTask)
            and instance.status == TaskState.STATUS_IN_PROGRESS
        )

    def get_recipient_users(self, task_state, **kwargs):
        page = task_state.workflow_state.content_object
        recipients = set(unit_reviewers(page))
        if include_superusers():
            recipients |= set(get_user_model().objects.filter(is_superuser=True, is_active=True))
        triggering_user = kwargs.get("user")
        return {user for user in recipients if triggering_user is None or user != triggering_user}

    def get_template_set(self, instance, **kwargs):
        base = TEMPLATES + "unit_review_submitted"
        return {
            "subject": base + "_subject.txt",
            "text": base + ".txt",
            "html": base + ".html",
        }

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        page = task_state.workflow_state.content_object
        if isinstance(page, AbstractPage):
            page = page.specific
        context.update(
            task=named(task_state.task.specific),
            workflow=named(task_state.workflow_state.workflow),
            page=page,
            requested_by=task_state.workflow_state.requested_by,
        )
        return context


class GroupApprovalSubmissionNotifier(
    ReadableNamesMixin, RecipientLanguageMixin, GroupApprovalTaskStateSubmissionEmailNotifier
):
    """Wagtail's: a group approval step (the Office's) started; its group is told."""

    def get_recipient_users(self, task_state, **kwargs):
        return {
            user for user in super().get_recipient_users(task_state, **kwargs) if user.is_active
        }


class WorkflowSubmissionNotifier(
    ReadableNamesMixin, RecipientLanguageMixin, WorkflowStateSubmissionEmailNotifier
):
    """Wagtail's copy of every submission to the superusers, without the one who submitted."""

    def get_recipient_users(self, workflow_state, **kwargs):
        recipients = super().get_recipient_users(workflow_state, **kwargs)
        triggering_user = kwargs.get("user")
        if triggering_user is not None:
            recipients = recipients.exclude(pk=triggering_user.pk)
        return recipients


class WorkflowRejectionNotifier(
    ReadableNamesMixin, RecipientLanguageMixin, WorkflowStateRejectionEmailNotifier
):
    """Wagtail's: the submitter reads who sent the page back at which step, and the comment."""


class WorkflowApprovalNotifier(
    ReadableNamesMixin, RecipientLanguageMixin, WorkflowStateApprovalEmailNotifier
):
    """The submitter reads that the page is live, or when it will go live."""

    def get_template_set(self, workflow_state, **kwargs):
        if not isinstance(workflow_state.content_object, AbstractPage):
            return super().get_template_set(workflow_state, **kwargs)
        base = TEMPLATES + "approved"
        return {
            "subject": base + "_subject.txt",
            "text": base + ".txt",
            "html": base + ".html",
        }

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        page = context.get("page")
        if page is not None:
            # The last step published the latest revision, or scheduled it for its go-live
            # (then that revision alone holds the approved moment).
            context["scheduled_at"] = (
                page.revisions.exclude(approved_go_live_at=None)
                .values_list("approved_go_live_at", flat=True)
                .first()
            )
        return context

"""The statistics' columns and the definitions behind them, in one place for the view's table
and legend and for both workbooks."""

from django.utils.translation import gettext_lazy as _

# (attribute of UnitYearFigures, heading)
COLUMNS = [
    ("planned", _("Sessions planned")),
    ("held", _("Sessions held")),
    ("lead_days_mean", _("Announcement lead time, mean (days)")),
    ("lead_days_min", _("Announcement lead time, shortest (days)")),
    ("questions_received", _("Questions received")),
    ("questions_accepted", _("Questions accepted")),
    ("questions_answered_live", _("Answered live")),
    ("questions_answered_later", _("Answered later")),
    ("questions_declined", _("Questions declined")),
    ("replies_on_time", _("Replies on time")),
    ("replies_late", _("Replies late")),
    ("replies_awaiting", _("Replies not yet due")),
    ("commitments_open", _("Commitments open")),
    ("commitments_done", _("Commitments done")),
    ("commitments_dropped", _("Commitments dropped")),
]

DEFINITIONS = [
    (
        _("Sessions planned"),
        _("Rows of the year's schedule naming the unit; a joint row counts for each unit."),
    ),
    (
        _("Sessions held"),
        _(
            "Sessions of the year of the unit whose live exchange has ended and that were "
            "neither cancelled nor postponed."
        ),
    ),
    (
        _("Announcement lead time"),
        _(
            "Calendar days from the day the announcement went public to the session day, "
            "of the sessions held: the mean and the shortest."
        ),
    ),
    (
        _("Questions"),
        _(
            "Questions asked on the unit's sessions of the year, by status; accepted counts "
            "every accepted question, also those answered since."
        ),
    ),
    (
        _("Replies on time / late"),
        _(
            "Of the sessions held: replies published by the deadline (10 working days after "
            "the session) or after it; replies not published and past the deadline count as "
            "late, those not yet due as not yet due."
        ),
    ),
    (
        _("Commitments"),
        _(
            "Commitments the unit carries out from the year's sessions: open (not started or "
            "in progress), done, and dropped separately."
        ),
    ),
    (
        _("Joint sessions"),
        _("A joint session counts for each of its units; the total counts it once."),
    ),
]

"""What a unit's people may do with a page, asked by every admin view through
`page.permissions_for_user(user)`.

Wagtail grants page permissions on a folder and everything below it. The column's year folder
holds every unit's sessions, so its permissions cannot express "their own unit only": the page
types narrow them here, asking the one function that says which units a user acts for
(`units_for_user`). The Office and superusers keep Wagtail's answer unchanged.

Each page type says what it is for the units (`unit_scope`):

- `OWN`: a unit's page (a session, a hot response). `page.unit_keys()` names its units; a user
  of one of them keeps what the column's permissions grant, anyone else of a unit has nothing.
- `FOLDER`: where units file their pages (a year page, the hot responses column): units may add
  a page under it, and do nothing to the folder itself.
- `OFFICE`: the Office's page (the column): units have nothing.

A unit's reviewers hold no page permissions; they open their unit's pages while those await
their step (the approval task's `user_can_access_editor`), never another unit's.
"""

from wagtail.models import PagePermissionTester, TaskState, WorkflowState

from .scope import is_office_user, units_for_user


class UnitScope:
    OWN = "own"
    FOLDER = "folder"
    OFFICE = "office"


def unit_keys_of_user(user):
    """Translation keys of the units the user acts for (a set), remembered on the user object
    for the request: an explorer listing asks for every row."""
    cached = getattr(user, "_onlinetalk_unit_keys", None)
    if cached is None:
        cached = set(units_for_user(user).values_list("translation_key", flat=True))
        user._onlinetalk_unit_keys = cached
    return cached


def is_office(user):
    cached = getattr(user, "_onlinetalk_is_office", None)
    if cached is None:
        cached = is_office_user(user)
        user._onlinetalk_is_office = cached
    return cached


def _own_page_keys(user, page_type):
    """Translation keys of the pages of `page_type` that belong to the user's units: one query
    per page type, remembered on the user for the request (a listing asks for every row)."""
    cache = getattr(user, "_onlinetalk_own_page_keys", None)
    if cache is None:
        cache = user._onlinetalk_own_page_keys = {}
    if page_type not in cache:
        cache[page_type] = set(page_type.translation_keys_of_units(unit_keys_of_user(user)))
    return cache[page_type]


def may_act_on_page(user, page):
    """Whether `user` acts for one of the units of `page` (an OWN page): the Office and
    superusers for every page, a unit's people for their own units' pages (in every
    language: a page shares its translation key with its source)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or is_office(user):
        return True
    if not unit_keys_of_user(user):
        return False
    return page.translation_key in _own_page_keys(user, type(page))


class UnitPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.unit_scoped = user.is_active and not user.is_superuser and not is_office(user)
        if not self.unit_scoped:
            return
        scope = page.unit_scope
        if scope == UnitScope.OWN:
            if not may_act_on_page(user, page):
                self.permissions = set()
                self.foreign = True
        elif scope == UnitScope.FOLDER:
            self.permissions = self.permissions & {"add"}
        else:
            self.permissions = set()

    foreign = False

    @property
    def _folder(self):
        return self.unit_scoped and self.page.unit_scope != UnitScope.OWN

    def can_edit(self):
        if self._folder or self.foreign:
            # Not even through a workflow task: another unit's page is not theirs to open.
            return False
        return super().can_edit()

    def can_delete(self, ignore_bulk=False):
        if self._folder or self.foreign:
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_lock(self):
        if self._folder or self.foreign:
            return False
        return super().can_lock()

    def can_unlock(self):
        if self._folder or self.foreign:
            return False
        return super().can_unlock()

    def can_submit_for_moderation(self):
        return self.can_edit() and super().can_submit_for_moderation()

    def can_view_revisions(self):
        if self._folder or self.foreign:
            return False
        return super().can_view_revisions()

    def can_move_to(self, destination):
        # A unit moves its page only between folders (another year), never above them.
        if self.unit_scoped and (
            getattr(destination.specific_class, "unit_scope", None) != UnitScope.FOLDER
        ):
            return False
        return super().can_move_to(destination)

    # --- publishing: a unit's page goes live through the workflow's last step only --------

    def _is_units_page(self):
        return self.page.unit_scope == UnitScope.OWN and bool(self.page.unit_keys())

    def _workflow_approved_latest_revision(self):
        """Whether a workflow ran to its end on the page as it now is: its last step publishes
        through `can_publish` once the workflow is marked approved, with an approval given after
        the latest revision was written (Wagtail does not carry an approval over to a later
        revision: when the Office edits at its own step, the Office's approval is that one). A
        workflow still in progress does not count, so no Publish button skips a step."""
        latest = self.page.get_latest_revision()
        return (
            latest is not None
            and TaskState.objects.for_instance(self.page)
            .filter(
                status=TaskState.STATUS_APPROVED,
                finished_at__gte=latest.created_at,
                workflow_state__status=WorkflowState.STATUS_APPROVED,
            )
            .exists()
        )

    def can_publish(self):
        # A unit's page goes live through the workflow's last step (the Office's "Approve and
        # publish"), never by a Publish button that would skip the unit's review, or let an
        # approver publish their own edit made at the Office's step.
        allowed = super().can_publish()
        if allowed and not self.user.is_superuser and self._is_units_page():
            return self._workflow_approved_latest_revision()
        return allowed

    def can_publish_subpage(self):
        # Creating and publishing in one go skips the review: never under a units' folder.
        if not self.user.is_superuser and self.page.unit_scope == UnitScope.FOLDER:
            return False
        return super().can_publish_subpage()

    def can_unschedule(self):
        # Cancelling a scheduled go-live withdraws, as unpublishing does.
        return self.user.is_active and (self.user.is_superuser or "publish" in self.permissions)

    def can_set_view_restrictions(self):
        return self.user.is_active and (self.user.is_superuser or "publish" in self.permissions)


class UnitScopedPage:
    """Mixin for the column's page types: the admin asks the unit-aware tester."""

    unit_scope = UnitScope.OFFICE

    def unit_keys(self):
        """Translation keys of the page's units (OWN pages)."""
        return set()

    @classmethod
    def translation_keys_of_units(cls, unit_keys):
        """Translation keys of this type's pages that belong to the units `unit_keys` (OWN
        page types): a lazy queryset, to evaluate (one query) or to use as a subquery."""
        return cls.objects.none().values_list("translation_key", flat=True)

    def permissions_for_user(self, user):
        return UnitPagePermissionTester(user, self)

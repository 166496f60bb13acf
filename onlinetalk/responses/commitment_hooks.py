"""The commitments' wiring: their permission policy (before the viewset is registered, so that
it picks the policy up) and their public pages on the session and the column. Registration only;
the viewset is in the Minsheng Online menu group (onlinetalk/wagtail_hooks.py)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from onlinetalk.features import FEATURE_HOOK

from .commitment_features import OPEN_COMMITMENTS, SESSION_COMMITMENTS
from .models import Commitment
from .permissions import commitment_policy

register_permission_policy(Commitment, commitment_policy)

hooks.register(FEATURE_HOOK, lambda: SESSION_COMMITMENTS)
hooks.register(FEATURE_HOOK, lambda: OPEN_COMMITMENTS)

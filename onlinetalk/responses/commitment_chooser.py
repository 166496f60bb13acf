"""A stopgap for the response editor: the body's commitment block chooses a `Commitment` with a
SnippetChooserBlock, which needs the model registered as a snippet. The commitments' own admin
(their viewset) registers it; until it is there, a plain registration keeps the hot response's
edit view working. Imported last by wagtail_hooks, so that the real viewset, when present, wins.
"""

from wagtail.snippets.models import register_snippet

from .models import Commitment

if not hasattr(Commitment, "snippet_viewset"):
    register_snippet(Commitment)

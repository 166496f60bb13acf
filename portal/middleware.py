"""Request checks of the reference site."""

from django.urls import reverse
from django.views.defaults import bad_request


class AdminNulParameterMiddleware:
    """A NUL in an admin URL's query parameters is a 400.

    PostgreSQL cannot compare text with a NUL in it, and the Wagtail admin looks some parameters
    up unchecked (`?locale=` on every translatable listing: `Locale.objects.get(language_code=…)`),
    which made such a request a 500. No browser sends one. The public views check their own
    parameters (tests/test_fuzz.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(reverse("wagtailadmin_home")) and any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in request.GET.lists()
        ):
            return bad_request(request, exception=None)  # Django's own 400 page
        return self.get_response(request)

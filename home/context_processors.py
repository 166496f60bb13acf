from django.conf import settings


def portal(request):
    """The portal's name and registration numbers for the header and footer."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_ORGANISER": settings.PORTAL_ORGANISER,
        "PORTAL_SITE_CODE": settings.PORTAL_SITE_CODE,
        "PORTAL_ICP_NUMBER": settings.PORTAL_ICP_NUMBER,
    }

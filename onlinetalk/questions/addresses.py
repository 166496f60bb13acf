"""Who is asking, without keeping who they are: the client address as a salted hash."""

import hashlib
import hmac

from django.conf import settings

from onlinetalk.conf import get_setting


def client_address(request):
    """REMOTE_ADDR, or the address a trusted reverse proxy put in X-Forwarded-For.

    ONLINETALK_TRUSTED_PROXY_COUNT says how many proxies of the site's own stand in front; only
    the address they appended is trusted, never what the client wrote there itself.
    """
    proxies = get_setting("TRUSTED_PROXY_COUNT")
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _salt():
    return (get_setting("ADDRESS_SALT") or f"onlinetalk-address:{settings.SECRET_KEY}").encode()


def salted_hash(*parts):
    message = "\x1f".join(str(part) for part in parts).encode()
    return hmac.new(_salt(), message, hashlib.sha256).hexdigest()


def address_hash(request):
    return salted_hash("address", client_address(request))

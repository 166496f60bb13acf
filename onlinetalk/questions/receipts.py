"""Receipt codes (留言码): short, unguessable, and easy to read aloud or type on a phone."""

import secrets

# No 0/O, 1/I/L: a code is read off a screen and typed again.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10


def new_receipt_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def clean_receipt_code(value):
    """What a citizen types ("k7qh2-3mxpa ") → the stored form ("K7QH23MXPA"), or ""."""
    code = "".join(char for char in str(value or "").upper() if char.isalnum())
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return ""
    return code

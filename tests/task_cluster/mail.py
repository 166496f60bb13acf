"""A slow mail server that keeps each message as a file: it waits SECONDS before it "accepts" a
message (an SMTP round trip), then writes one file named from the message's
X-Onlinetalk-Reminder header and a fresh uuid, so a message sent twice shows as two files."""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

SECONDS = 0.5
SUFFIX = ".eml"


def file_name(header):
    return f"{header.replace('/', '~')}--{uuid.uuid4().hex}{SUFFIX}"


def header_of(path):
    """The X-Onlinetalk-Reminder header ("rule/occurrence/pk") a file was named from."""
    return Path(path).name.split("--")[0].replace("~", "/")


def mail_files(directory):
    return sorted(Path(directory).glob(f"*{SUFFIX}"))


class SlowFileBackend(BaseEmailBackend):
    def send_messages(self, messages):
        directory = Path(settings.REMINDER_MAIL_DIRECTORY)
        for message in messages:
            time.sleep(SECONDS)
            name = file_name(message.extra_headers["X-Onlinetalk-Reminder"])
            partial = directory / f".{name}.part"
            partial.write_bytes(message.message().as_bytes())
            partial.rename(directory / name)  # whole files only
        return len(messages)

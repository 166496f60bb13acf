"""The tests' one time zone: Beijing time, as the portal and the notices use it."""

import datetime
import zoneinfo

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def local(*args):
    """A moment in Beijing time: local(2022, 9, 28, 10, 0)."""
    return datetime.datetime(*args, tzinfo=SHANGHAI)

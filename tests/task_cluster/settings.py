"""Settings of a real `manage.py qcluster` started by tests/test_reminder_cluster.py: the test
settings on the test's own database (REMINDER_CLUSTER_DATABASE, the name pytest-django gave it),
with a cluster that really runs (not `sync`), redelivers a task it lost within seconds (`retry`),
and a slow mail server that writes each message to a file (tests.task_cluster.mail)."""

import os

from portal.settings.test import *  # noqa: F403
from portal.settings.test import DATABASES, Q_CLUSTER

DATABASES = {"default": {**DATABASES["default"], "NAME": os.environ["REMINDER_CLUSTER_DATABASE"]}}
EMAIL_BACKEND = "tests.task_cluster.mail.SlowFileBackend"
REMINDER_MAIL_DIRECTORY = os.environ["REMINDER_MAIL_DIRECTORY"]
# timeout < retry (a task still running is not delivered a second time); a task whose worker was
# killed is delivered again `retry` seconds after it was taken.
Q_CLUSTER = {
    **Q_CLUSTER,
    "sync": False,
    "workers": 2,
    "timeout": 10,
    "retry": 12,
    "poll": 0.2,
    "catch_up": False,
}

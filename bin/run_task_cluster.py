#!/usr/bin/env python
"""Runs `manage.py qcluster` (django-q2) so that Ctrl-C, or a SIGTERM to every process of the
group, stops it within seconds instead of hanging until SIGKILL.

django-q2 1.11 stops cleanly on one SIGINT or SIGTERM sent to the cluster's main process: the
sentinel then stops the pusher, the workers and the monitor. Sent to the whole process group (the
old `make run` trap's `kill 0`, `kill -- -PGID`, systemd's default control-group kill), SIGTERM
also reaches the sentinel, which keeps SIGTERM's default action and dies at once; the main
process then waits forever in `stop_event.set()` for the dead sentinel to acknowledge.

So the cluster runs in a session of its own, out of reach of signals sent to this group; this
process turns the first SIGINT/SIGTERM/SIGHUP it receives into one SIGTERM for the cluster's main
process, and kills the cluster's group if it has not stopped after GRACE_SECONDS (a task still
running is then delivered again by the ORM broker once its retry time has passed; every task is
safe to run twice). Usage: `python bin/run_task_cluster.py [qcluster options]`.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

MANAGE_PY = Path(__file__).resolve().parent.parent / "manage.py"
# A clean stop takes 1-3 s; a worker in the middle of a task is not waited for longer than this.
GRACE_SECONDS = 8
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def run_task_cluster(qcluster_arguments):
    cluster = subprocess.Popen(
        [sys.executable, str(MANAGE_PY), "qcluster", *qcluster_arguments],
        start_new_session=True,
    )
    print(f"Task cluster started (process {cluster.pid}).", flush=True)
    asked_to_stop_at = None

    def stop_the_cluster(signum, frame):
        nonlocal asked_to_stop_at
        if asked_to_stop_at is None:  # Ctrl-C and the shell's trap both arrive: stop once
            asked_to_stop_at = time.monotonic()
            cluster.send_signal(signal.SIGTERM)

    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, stop_the_cluster)

    while True:
        try:
            exit_code = cluster.wait(timeout=0.2)
            break
        except subprocess.TimeoutExpired:
            pass
        if asked_to_stop_at is not None and time.monotonic() - asked_to_stop_at > GRACE_SECONDS:
            print(f"Task cluster not stopped after {GRACE_SECONDS} s: killed.", flush=True)
            exit_code = 1
            break
    kill_what_is_left(cluster)
    return exit_code


def kill_what_is_left(cluster):
    """The cluster's processes still alive (all of them if it hung, none after a clean stop)."""
    try:
        os.killpg(cluster.pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    cluster.wait()


if __name__ == "__main__":
    sys.exit(run_task_cluster(sys.argv[1:]))

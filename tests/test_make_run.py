"""`make run`: Ctrl-C, or a SIGTERM to the whole process group, stops the task cluster within
seconds (bin/run_task_cluster.py says why plain `manage.py qcluster` hangs on the latter)."""

import contextlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
# A bound against a hang, not a measurement: the cluster must be gone well before this.
STOP_BOUND_SECONDS = 15
START_BOUND_SECONDS = 90


@pytest.fixture(scope="module")
def task_database(tmp_path_factory):
    """A SQLite file with django-q2's tables (all the cluster reads), for the dev settings."""
    path = tmp_path_factory.mktemp("tasks") / "tasks.sqlite3"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{path}",
        "Q_WORKERS": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "django_q", "--no-input"],
        cwd=BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return environment


def live_processes_in_group(group):
    """The processes of a process group that still run (zombies are not counted)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, process_group = fields[0], int(fields[2])
        if process_group == group and state != "Z":
            alive.append(int(stat.parent.name))
    return alive


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
def test_the_task_cluster_stops_when_its_whole_group_is_signalled(task_database, stop_signal):
    started = subprocess.Popen(
        [sys.executable, "bin/run_task_cluster.py"],
        cwd=BASE_DIR,
        env=task_database,
        start_new_session=True,  # a group of its own, as the terminal gives `make run`
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output, running, cluster_groups = [], threading.Event(), []

    def read_output():
        for line in started.stdout:
            output.append(line)
            if line.startswith("Task cluster started (process "):
                cluster_groups.append(int(line.split("process ")[1].split(")")[0]))
            # "Q Cluster <name> [minsheng] running." in any language.
            if line.startswith("Q ") and "[minsheng]" in line:
                running.set()

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    try:
        assert running.wait(START_BOUND_SECONDS), "".join(output)

        os.killpg(started.pid, stop_signal)  # what Ctrl-C (INT) or `kill 0` (TERM) does
        started.wait(timeout=STOP_BOUND_SECONDS)

        assert started.returncode == 0, "".join(output)
        assert live_processes_in_group(cluster_groups[0]) == []
    finally:
        for group in [started.pid, *cluster_groups]:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
        started.wait()
        reader.join(timeout=5)


def test_make_run_starts_the_task_cluster_through_the_wrapper():
    makefile = (BASE_DIR / "Makefile").read_text()
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]

    assert "bin/run_task_cluster.py" in recipe
    assert "kill 0" not in recipe

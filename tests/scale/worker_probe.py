"""A task that writes down which worker process ran it (for test_two_workers)."""

import os
import time

from django_tasks import task


@task()
def record_run(*, number: int, log_path: str) -> None:
    # Long enough that both workers are busy at once.
    time.sleep(0.05)
    # O_APPEND writes of one short line never interleave.
    with open(log_path, "a") as log:
        log.write(f"{number} {os.getpid()}\n")

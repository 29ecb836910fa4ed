"""Named points where the fault-injection tests kill the process (kill -9), to prove that a command
interrupted anywhere leaves the store, the database and every session consistent."""

import os
import signal

from icc import settings

KILL_AT_ENV = settings.env_name("kill_at")


def checkpoint(name: str) -> None:
    """Dies here, as with kill -9, when ICC_KILL_AT names this point; otherwise does nothing."""
    if settings.value("kill_at") == name:
        os.kill(os.getpid(), signal.SIGKILL)

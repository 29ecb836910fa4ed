"""Named points where the fault-injection tests kill the process (kill -9), to prove that a command
interrupted anywhere leaves the store, the database and every session consistent."""

import os
import signal

KILL_AT_ENV = "ICC_KILL_AT"


def checkpoint(name: str) -> None:
    """Dies here, as with kill -9, when ICC_KILL_AT names this point; otherwise does nothing."""
    if os.environ.get(KILL_AT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)

"""Coordinator access: a salted PBKDF2 hash in .streamlit/secrets.toml or the environment (never in the
repository), compared in constant time, with a growing delay after failed attempts, counted per client
address and over all clients of the server process (a reload or a new session does not reset them)."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import deque

ENV_VAR = "ICC_COORDINATOR_PASSWORD_HASH"
SECRET_KEY = "coordinator_password_hash"
ITERATIONS = 310_000
MAX_DELAY_SECONDS = 8.0


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


class MalformedHash(ValueError):
    """The configured hash is not one that hash_password writes (a typo in secrets.toml, say)."""


def parse_hash(stored: str) -> tuple[int, bytes, str]:
    parts = stored.split("$")
    try:
        if len(parts) != 4 or parts[0] != "pbkdf2_sha256":
            raise ValueError
        iterations, salt, expected = int(parts[1]), bytes.fromhex(parts[2]), parts[3]
        bytes.fromhex(expected)
    except ValueError:
        raise MalformedHash("the configured coordinator password hash is not of the form "
                            "pbkdf2_sha256$ITERATIONS$SALT$DIGEST: set it again with `make coordinator-password`") from None
    return iterations, salt, expected


def verify(password: str, stored: str) -> bool:
    """Raises MalformedHash when `stored` cannot be a hash (so a broken set-up is told, not taken as a wrong
    password)."""
    iterations, salt, expected = parse_hash(stored)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest.hex(), expected)


def configured_hash(secrets_mapping=None) -> str | None:
    """The hash from the environment, else from Streamlit secrets; None when no password is set up."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    try:
        return secrets_mapping.get(SECRET_KEY) if secrets_mapping is not None else None
    except Exception:  # Streamlit raises when no secrets file exists
        return None


def failure_delay(failures: int) -> float:
    """Seconds to wait before answering after `failures` wrong passwords: 0, 1, 2, 4 ... up to 8."""
    return 0.0 if failures <= 0 else min(2 ** (failures - 1), MAX_DELAY_SECONDS)


def check(password: str, stored: str | None, failures: int, sleep=time.sleep) -> bool:
    """Verify after the delay earned by earlier failures (slows guessing; the caller counts failures)."""
    sleep(failure_delay(failures))
    return bool(stored) and verify(password, stored)


# Failures older than this are forgotten; within it, every further failure waits longer.
WINDOW_SECONDS = 15 * 60
# Failures from all clients together count one step per this many (many addresses guessing at once).
GLOBAL_STEP = 5


class Throttle:
    """Failed sign-ins per client and over all clients, within a sliding window."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.by_client: dict[str, deque] = {}
        self.everyone: deque = deque()

    def _recent(self, times: deque) -> deque:
        while times and times[0] < self.clock() - WINDOW_SECONDS:
            times.popleft()
        return times

    def failures(self, client: str) -> int:
        """The failure count that sets this client's delay: its own, or everyone's in steps, whichever is more."""
        with self.lock:
            own = len(self._recent(self.by_client.get(client, deque())))
            return max(own, len(self._recent(self.everyone)) // GLOBAL_STEP)

    def failed(self, client: str) -> None:
        with self.lock:
            now = self.clock()
            self.by_client.setdefault(client, deque()).append(now)
            self.everyone.append(now)

    def succeeded(self, client: str) -> None:
        with self.lock:
            self.by_client.pop(client, None)


THROTTLE = Throttle()


def client_key(address: object) -> str:
    """The throttle's key for a connection: its address, or 'local' where there is none (localhost)."""
    return address if isinstance(address, str) and address else "local"

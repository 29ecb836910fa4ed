"""Coordinator access: a salted PBKDF2 hash in .streamlit/secrets.toml or the environment (never in the
repository), compared in constant time, with a growing delay after failed attempts, counted per client
address and over all clients of the server (a reload, a new session or another worker does not reset them);
one client's attempts are answered one after another."""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections import deque
from contextlib import contextmanager
from pathlib import Path

from icc import settings

ENV_VAR = settings.env_name("coordinator_password_hash")
SECRET_KEY = "coordinator_password_hash"
ITERATIONS = 310_000
MAX_DELAY_SECONDS = 8.0


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


class MalformedHash(ValueError):
    """The configured hash is not one that hash_password writes (a typo in secrets.toml, say)."""


# Bounds on a configured hash: below, a hash is too cheap to guess against; above, one sign-in would take
# minutes (2e9 iterations held a worker); 0 or fewer made hashlib raise inside sign-in.
MIN_ITERATIONS, MAX_ITERATIONS = 10_000, 2_000_000


def parse_hash(stored: str) -> tuple[int, bytes, str]:
    parts = stored.split("$")
    try:
        if len(parts) != 4 or parts[0] != "pbkdf2_sha256" or not parts[1].isascii() or not parts[1].isdigit():
            raise ValueError
        iterations, salt, expected = int(parts[1]), bytes.fromhex(parts[2]), parts[3]
        if len(bytes.fromhex(expected)) != hashlib.sha256().digest_size or len(salt) < 8:
            raise ValueError
    except ValueError:
        raise MalformedHash("the configured coordinator password hash is not of the form "
                            "pbkdf2_sha256$ITERATIONS$SALT$DIGEST: set it again with `make coordinator-password`") from None
    if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise MalformedHash(f"the configured coordinator password hash has {iterations:,} iterations, outside "
                            f"{MIN_ITERATIONS:,} to {MAX_ITERATIONS:,}: set it again with `make coordinator-password`")
    return iterations, salt, expected


def verify(password: str, stored: str) -> bool:
    """Raises MalformedHash when `stored` cannot be a hash (so a broken set-up is told, not taken as a wrong
    password)."""
    iterations, salt, expected = parse_hash(stored)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest.hex(), expected)


def configured_hash(secrets_mapping=None) -> str | None:
    """The hash from the environment, else from Streamlit secrets; None when no password is set up."""
    if settings.value("coordinator_password_hash"):
        return settings.value("coordinator_password_hash")
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


# Attempts of one client are taken one at a time: a client's lock is one of this many (a hash of its key), so
# the locks stay few whatever the number of clients; two clients sharing one only wait for each other.
CLIENT_LOCKS = 64


def lock_number(client: str) -> int:
    return int(hashlib.sha256(client.encode("utf-8")).hexdigest(), 16) % CLIENT_LOCKS


class Throttle:
    """Failed sign-ins per client and over all clients, within a sliding window (in this process)."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.by_client: dict[str, deque] = {}
        self.everyone: deque = deque()
        self.client_locks = [threading.Lock() for _ in range(CLIENT_LOCKS)]

    @contextmanager
    def one_attempt_at_a_time(self, client: str):
        with self.client_locks[lock_number(client)]:
            yield

    def sign_in(self, client: str, password: str, stored: str | None, sleep=time.sleep) -> bool:
        """Check a password for a client after the delay its earlier failures earned, and count the answer.
        The client's attempts wait for each other, so six sent at once wait 0, 1, 2, 4, 8 and 8 s in turn
        (each delay is worked out after the previous attempt was counted, not before)."""
        with self.one_attempt_at_a_time(client):
            right = check(password, stored, self.failures(client), sleep=sleep)
            if right:
                self.succeeded(client)
            else:
                self.failed(client)
            return right

    @contextmanager
    def counts(self):
        with self.lock:
            yield

    def _recent(self, times: deque) -> deque:
        while times and times[0] < self.clock() - WINDOW_SECONDS:
            times.popleft()
        return times

    def failures(self, client: str) -> int:
        """The failure count that sets this client's delay: its own, or everyone's in steps, whichever is more."""
        with self.counts():
            own = len(self._recent(self.by_client.get(client, deque())))
            return max(own, len(self._recent(self.everyone)) // GLOBAL_STEP)

    def failed(self, client: str) -> None:
        with self.counts():
            now = self.clock()
            self.by_client.setdefault(client, deque()).append(now)
            self.everyone.append(now)

    def succeeded(self, client: str) -> None:
        with self.counts():
            self.by_client.pop(client, None)


class SharedThrottle(Throttle):
    """The same counts kept in a file that every worker behind the proxy reads and writes under a lock: a
    guesser whose requests the proxy spreads over N workers gets no more tries than with one."""

    def __init__(self, path: Path, clock=time.time):
        super().__init__(clock)
        self.path = Path(path)

    @contextmanager
    def one_attempt_at_a_time(self, client: str):
        """Across the workers too: an exclusive lock on the client's lock file (flock holds per open file, so
        it also orders two threads of one worker)."""
        folder = self.path.with_name(f".{self.path.name}.clients")
        folder.mkdir(parents=True, exist_ok=True)
        with super().one_attempt_at_a_time(client), (folder / f"{lock_number(client)}.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    @contextmanager
    def counts(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock, self.path.with_name(f".{self.path.name}.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                state = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                state = {}
            self.by_client = {client: deque(times) for client, times in state.get("by_client", {}).items()}
            self.everyone = deque(state.get("everyone", []))
            yield
            staging = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
            staging.write_text(json.dumps({"by_client": {client: list(times) for client, times in
                                                         self.by_client.items() if self._recent(times)},
                                           "everyone": list(self._recent(self.everyone))}), encoding="utf-8")
            os.replace(staging, self.path)


# `make serve` names a file shared by its workers; a single process (`make run`) counts in memory.
THROTTLE_FILE_ENV = settings.env_name("throttle_file")
THROTTLE = SharedThrottle(Path(settings.value("throttle_file"))) if settings.value("throttle_file") else Throttle()


# Behind `make serve` the proxy names the client in this header, overwriting whatever the client sent; the
# launcher tells the workers so (PROXY_ENV). X-Forwarded-For is never believed: a client can write it, and the
# server in front of Streamlit may already have replaced the connection's address with a value from it.
CLIENT_HEADER = "X-ICC-Client"
PROXY_ENV = settings.env_name("behind_proxy")


def client_key(address: object, headers=None, behind_proxy: bool | None = None) -> str:
    """The throttle's key for a connection: the address the proxy saw when the workers are behind it, else
    the connection's own address, or 'local' where there is none."""
    behind_proxy = settings.value("behind_proxy") if behind_proxy is None else behind_proxy
    if behind_proxy:
        named = (headers or {}).get(CLIENT_HEADER, "").strip()
        return named or "unknown"
    return address if isinstance(address, str) and address else "local"

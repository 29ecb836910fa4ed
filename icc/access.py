"""Coordinator access: a salted PBKDF2 hash in .streamlit/secrets.toml or the environment (never in the
repository), compared in constant time, with a growing delay after failed attempts."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time

ENV_VAR = "ICC_COORDINATOR_PASSWORD_HASH"
SECRET_KEY = "coordinator_password_hash"
ITERATIONS = 310_000
MAX_DELAY_SECONDS = 8.0


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, expected = stored.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), bytes.fromhex(salt), int(iterations))
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

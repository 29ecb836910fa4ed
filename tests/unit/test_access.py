"""Coordinator password: salted hash, constant-time check, growing delay after failures."""

from icc import access


def test_hash_is_salted_and_verifies():
    first, second = access.hash_password("correct horse"), access.hash_password("correct horse")
    assert first != second and first.startswith("pbkdf2_sha256$")
    assert access.verify("correct horse", first) and not access.verify("wrong horse", first)
    assert not access.verify("x", "not-a-hash")


def test_delay_grows_and_is_capped():
    assert [access.failure_delay(n) for n in range(6)] == [0, 1, 2, 4, 8, 8]


def test_check_waits_before_answering():
    waited = []
    stored = access.hash_password("secret-pass", iterations=1000)
    assert access.check("secret-pass", stored, 0, sleep=waited.append)
    assert not access.check("nope", stored, 3, sleep=waited.append)
    assert waited == [0.0, 4]
    assert not access.check("anything", None, 0, sleep=waited.append)


def test_environment_wins_and_missing_secrets_are_tolerated(monkeypatch):
    class Broken:
        def get(self, key):
            raise FileNotFoundError("no secrets.toml")

    monkeypatch.delenv(access.ENV_VAR, raising=False)
    assert access.configured_hash(Broken()) is None
    assert access.configured_hash({access.SECRET_KEY: "h"}) == "h"
    monkeypatch.setenv(access.ENV_VAR, "from-env")
    assert access.configured_hash({access.SECRET_KEY: "h"}) == "from-env"

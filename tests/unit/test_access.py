"""Coordinator password: salted hash, constant-time check, growing delay after failures."""

import threading

import pytest

from icc.web import access


def test_hash_is_salted_and_verifies():
    first, second = access.hash_password("correct horse"), access.hash_password("correct horse")
    assert first != second and first.startswith("pbkdf2_sha256$")
    assert access.verify("correct horse", first) and not access.verify("wrong horse", first)
    with pytest.raises(access.MalformedHash):
        access.verify("x", "not-a-hash")
    with pytest.raises(access.MalformedHash):
        access.verify("x", "pbkdf2_sha256$1000$not-hex$00")


def test_delay_grows_and_is_capped():
    assert [access.failure_delay(n) for n in range(6)] == [0, 1, 2, 4, 8, 8]


def test_check_waits_before_answering():
    waited = []
    stored = access.hash_password("secret-pass", iterations=10_000)
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


def test_throttle_counts_per_client_and_over_all_clients_and_forgets_old_failures():
    now = [0.0]
    throttle = access.Throttle(clock=lambda: now[0])
    for _ in range(3):
        throttle.failed("10.0.0.1")
    assert throttle.failures("10.0.0.1") == 3 and throttle.failures("10.0.0.2") == 0
    for client in range(2 * access.GLOBAL_STEP):
        throttle.failed(f"10.0.1.{client}")  # many addresses guessing once each
    assert throttle.failures("10.0.0.9") == (3 + 2 * access.GLOBAL_STEP) // access.GLOBAL_STEP
    throttle.succeeded("10.0.0.1")
    assert throttle.failures("10.0.0.1") == throttle.failures("10.0.0.9")
    now[0] += access.WINDOW_SECONDS + 1
    assert throttle.failures("10.0.0.9") == 0


def test_the_workers_of_one_server_share_their_failure_counts(tmp_path):
    now = [1_000.0]
    shared = tmp_path / "sign-in-failures.json"
    one, two = (access.SharedThrottle(shared, clock=lambda: now[0]) for _ in range(2))
    one.failed("10.0.0.1")
    two.failed("10.0.0.1")
    assert one.failures("10.0.0.1") == 2 and two.failures("10.0.0.1") == 2
    assert two.failures("10.0.0.2") == 0
    one.succeeded("10.0.0.1")
    assert two.failures("10.0.0.1") == 0
    two.failed("10.0.0.3")
    now[0] += access.WINDOW_SECONDS + 1
    assert one.failures("10.0.0.3") == 0


def test_behind_the_proxy_the_client_is_the_address_the_proxy_named():
    headers = {access.CLIENT_HEADER: "203.0.113.9", "X-Forwarded-For": "198.51.100.1"}
    assert access.client_key("127.0.0.1", headers, behind_proxy=True) == "203.0.113.9"
    # A forged X-Forwarded-For is never a key, whatever address the server in front of Streamlit took from it.
    assert access.client_key("198.51.100.1", {"X-Forwarded-For": "198.51.100.1"}, behind_proxy=True) == "unknown"
    # Without the proxy (make run) the connection's own address, and no header at all.
    assert access.client_key("203.0.113.7", headers, behind_proxy=False) == "203.0.113.7"
    assert access.client_key(None, behind_proxy=False) == "local"


def test_the_proxy_names_the_client_in_a_header_it_overwrites():
    from icc.serving import launcher

    config = launcher.proxy_config("127.0.0.1", 8080, [41001])
    assert f"http-request set-header {access.CLIENT_HEADER} %[src]" in config


@pytest.mark.parametrize("iterations", ["0", "-5", "2000000000", "1e6", "９９９９９"])
def test_a_hash_with_iterations_out_of_bounds_is_malformed_not_a_crash_or_a_hang(iterations):
    good = access.hash_password("secret-pass", iterations=10_000)
    bad = good.replace("$10000$", f"${iterations}$")
    with pytest.raises(access.MalformedHash):
        access.parse_hash(bad)


def parallel_sign_ins(throttles, count, client="198.51.100.7"):
    """`count` wrong passwords for one client sent at once, as six browser sessions would (spread over the
    `throttles`, one per worker); the delays each was told to wait, in the order they were answered."""
    stored = access.hash_password("secret-pass", iterations=10_000)
    waited, lock = [], threading.Lock()
    first_asleep, release = threading.Event(), threading.Event()

    def sleep(seconds):
        with lock:
            waited.append(seconds)
        first_asleep.set()
        release.wait()  # every attempt sleeps until all have been sent

    threads = [threading.Thread(target=throttles[n % len(throttles)].sign_in, args=(client, "guess", stored, sleep))
               for n in range(count)]
    for thread in threads:
        thread.start()
    first_asleep.wait()
    release.set()
    for thread in threads:
        thread.join()
    return waited


def test_parallel_attempts_of_one_client_wait_in_turn():
    assert parallel_sign_ins([access.Throttle()], 6) == [0, 1, 2, 4, 8, 8]


def test_parallel_attempts_through_two_workers_wait_in_turn(tmp_path):
    shared = tmp_path / "sign-in-failures.json"
    one, two = access.SharedThrottle(shared), access.SharedThrottle(shared)
    stored = access.hash_password("secret-pass", iterations=10_000)
    one.sign_in("198.51.100.7", "guess", stored, sleep=lambda seconds: None)
    assert parallel_sign_ins([one, two], 4) == [1, 2, 4, 8]
    assert one.failures("198.51.100.7") == 5

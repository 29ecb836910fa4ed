"""The serving set-up's pieces that need no running server: the proxy configuration and the load test's
saturation arithmetic."""

import os
import shutil
import subprocess

import pytest

from bench.loadtest import interpolate
from icc.serving import launcher


@pytest.mark.integration  # needs Debian's HAProxy, which `make test` installs
def test_the_proxy_configuration_is_sticky_checked_and_valid(tmp_path):
    config = launcher.proxy_config("0.0.0.0", 8080, [41001, 41002])
    assert "bind 0.0.0.0:8080" in config
    assert "server w1 127.0.0.1:41001 cookie w1" in config and "server w2 127.0.0.1:41002 cookie w2" in config
    assert "cookie icc_worker insert" in config and "option httpchk GET /_stcore/health" in config
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not os.path.exists(haproxy):
        pytest.fail("HAProxy is missing: `make test` installs it")
    (tmp_path / "haproxy.cfg").write_text(config)
    checked = subprocess.run([haproxy, "-c", "-f", str(tmp_path / "haproxy.cfg")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_workers_listen_on_loopback_with_the_network_settings():
    command = launcher.worker_command(41001)
    settings = dict(zip(command[5::2], command[6::2]))
    assert settings["--server.address"] == "127.0.0.1" and settings["--server.port"] == "41001"
    assert settings["--client.showErrorDetails"] == "none"
    assert settings["--server.enableXsrfProtection"] == "true"
    assert settings["--server.maxUploadSize"] == str(launcher.UPLOAD_LIMIT_MB)


def step(sessions, throughput, p95):
    return {"sessions": sessions, "throughput_views_per_s": throughput, "p95_s": p95}


def test_the_saturation_throughput_is_read_where_p95_crosses_the_limit():
    steps = [step(8, 6.0, 0.5), step(16, 8.0, 1.5), step(24, 9.0, 3.5)]
    assert interpolate(steps) == pytest.approx(8.5)  # half-way from 1.5 s to 3.5 s
    assert interpolate(steps[:2]) == 8.0  # never saturated: the last step, a lower bound
    assert interpolate([step(2, 1.0, 4.0)]) is None

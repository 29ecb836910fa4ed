"""The proxy's configuration as HAProxy reads it (`make test` installs Debian's HAProxy)."""

import os
import shutil
import subprocess

import pytest

from icc.serving import launcher

pytestmark = pytest.mark.integration


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


def test_the_proxy_configuration_sets_security_headers_hides_metrics_and_bounds_sockets(tmp_path, monkeypatch):
    monkeypatch.setenv(launcher.SOCKETS_ENV, "7")
    config = launcher.proxy_config("127.0.0.1", 8080, [41001], tmp_path / "haproxy.sock")
    for line in ("http-response set-header X-Frame-Options SAMEORIGIN",
                 "http-response set-header Content-Security-Policy \"frame-ancestors 'self'\"",
                 "http-response set-header X-Content-Type-Options nosniff", "http-response del-header Server",
                 "http-request deny deny_status 404 if { path_end /_stcore/metrics }",
                 "{ sc0_conn_cur gt 7 }", f"stats socket {tmp_path / 'haproxy.sock'} mode 600 level admin"):
        assert line in config

"""The serving set-up's pieces that need no running server: the proxy configuration and the load test's
saturation arithmetic."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.loadtest import interpolate
from icc.imports import round_file
from icc.paths import ROOT
from icc.serving import launcher
from icc.web import coordinator


def test_workers_listen_on_loopback_with_the_network_settings():
    command = launcher.worker_command(41001)
    settings = dict(zip(command[5::2], command[6::2]))
    assert settings["--server.address"] == "127.0.0.1" and settings["--server.port"] == "41001"
    assert settings["--server.enableXsrfProtection"] == "true"
    # One upload limit: the importer's, which the Data page's uploader and the README state too.
    assert settings["--server.maxUploadSize"] == str(round_file.UPLOAD_LIMIT_MB)
    assert round_file.MAX_BYTES == round_file.UPLOAD_LIMIT_MB * 2**20
    assert f"{round_file.UPLOAD_LIMIT_MB} MB" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert coordinator.UPLOAD_LIMIT_MB == round_file.UPLOAD_LIMIT_MB  # the Data page's uploader


def step(sessions, throughput, p95):
    return {"sessions": sessions, "throughput_views_per_s": throughput, "p95_s": p95}


def test_the_saturation_throughput_is_read_where_p95_crosses_the_limit():
    steps = [step(8, 6.0, 0.5), step(16, 8.0, 1.5), step(24, 9.0, 3.5)]
    assert interpolate(steps) == pytest.approx(8.5)  # half-way from 1.5 s to 3.5 s
    assert interpolate(steps[:2]) == 8.0  # never saturated: the last step, a lower bound
    assert interpolate([step(2, 1.0, 4.0)]) is None


def test_a_restarted_worker_rejoins_the_proxy_only_once_healthy_which_it_says_once_warm(tmp_path, monkeypatch):
    steps = []
    deployment = launcher.Deployment(2, 8080, "127.0.0.1", tmp_path)
    monkeypatch.setattr(deployment, "tell_proxy", lambda command: steps.append(command))
    monkeypatch.setattr(launcher.Worker, "start", lambda worker, environment: steps.append(f"start w{worker.number}"))
    monkeypatch.setattr(deployment, "write_state", lambda: None)
    monkeypatch.setattr(launcher, "wait_healthy", lambda url, *rest: steps.append("healthy"))
    # In a thread of its own, as the launcher's main thread has no event loop (Playwright's tests leave one here).
    with ThreadPoolExecutor(1) as pool:
        pool.submit(deployment.restart, deployment.workers[1], lambda text: None).result()
    assert steps == ["disable server workers/w2", "start w2", "healthy", "enable server workers/w2"]



"""`make serve`: N Streamlit workers on loopback behind HAProxy (sticky sessions, websocket upgrade, health
checks, access logs), with the serving settings a network needs. `make run` stays one process on localhost.

Everything a run writes goes to `run/serve-<port>/`: the proxy's configuration, its access log, one log per
worker (page errors are logged there with the reference users see) and `state.json` (the processes, read by
the load test and the tests)."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from string import Template

from icc import settings
from icc.imports.round_file import UPLOAD_LIMIT_MB
from icc.paths import ROOT
from icc.web.access import PROXY_ENV, THROTTLE_FILE_ENV

TEMPLATE = ROOT / "deploy" / "haproxy.cfg.template"
RUN = ROOT / "run"


def worker_command(port: int) -> list[str]:
    """One worker: loopback only (the proxy is the way in), XSRF protection on, uploads bounded by the import's
    limit. What every server has (no error details for users, no usage statistics) is in .streamlit/config.toml,
    which the workers read as `make run` does. A worker says it is healthy once warm (serving/warm_start.py)."""
    return [sys.executable, "-m", "streamlit", "run", "server.py", *worker_flags(port)]


def worker_flags(port: int) -> list[str]:
    return ["--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
            "--server.enableXsrfProtection", "true", "--server.maxUploadSize", str(UPLOAD_LIMIT_MB),
            "--logger.level", "info"]


# Open sessions (websockets) one client address may hold at once; the load test, one address playing many
# people, raises it.
SOCKETS_ENV = settings.env_name("sockets_per_client")


def sockets_per_client() -> int:
    return settings.value("sockets_per_client")


def proxy_config(address: str, port: int, worker_ports: list[int], socket: Path | None = None) -> str:
    servers = "\n".join(f"    server w{number} 127.0.0.1:{worker_port} cookie w{number}"
                        for number, worker_port in enumerate(worker_ports, start=1))
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        address=address, port=port, servers=servers, socket=socket or RUN / f"serve-{port}" / "haproxy.sock",
        sockets_per_client=sockets_per_client())


PR_SET_PDEATHSIG = 1


def die_with_launcher() -> None:
    """In a child before it runs: the kernel sends it SIGTERM when the launcher ends, however it ends (the
    children run in sessions of their own, so signals to the launcher's group do not reach them)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(url: str, process: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not healthy(url):
        if process.poll() is not None:
            raise RuntimeError(f"{url} stopped while starting (exit {process.returncode}); see {log}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer its health check within {timeout:.0f} s; see {log}")
        time.sleep(0.2)


@dataclass
class Worker:
    number: int
    port: int
    log: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, environment: dict[str, str]) -> None:
        handle = self.log.open("ab")
        self.process = subprocess.Popen(worker_command(self.port), cwd=ROOT, env=environment,
                                        stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
                                        preexec_fn=die_with_launcher)
        handle.close()


@dataclass
class State:
    """What a run is made of, written to state.json for the load test and the tests."""
    url: str
    proxy_pid: int
    workers: list[dict]


class Deployment:
    def __init__(self, workers: int, port: int, address: str, run_dir: Path | None = None):
        if workers < 1:
            raise ValueError("WORKERS must be 1 or more")
        self.address, self.port = address, port
        self.run_dir = run_dir or RUN / f"serve-{port}"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.workers = [Worker(number, free_port(), self.run_dir / f"worker-{number}.log")
                        for number in range(1, workers + 1)]
        self.proxy: subprocess.Popen | None = None
        # Failed coordinator sign-ins are counted in one file for all workers (web/access.SharedThrottle).
        # The workers take the client's address from the proxy's header only (web/access.client_key).
        self.environment = {**os.environ, "PYTHONUNBUFFERED": "1", PROXY_ENV: "1",
                            THROTTLE_FILE_ENV: str(self.run_dir / "sign-in-failures.json")}
        self.socket = self.run_dir / "haproxy.sock"

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.address in ("0.0.0.0", "::", "") else self.address
        return f"http://{host}:{self.port}"

    def start(self, say=print) -> None:
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not Path(haproxy).exists():
            raise RuntimeError("HAProxy is missing: `make serve` installs it (apt-get install haproxy)")
        for worker in self.workers:
            worker.start(self.environment)
        for worker in self.workers:
            wait_healthy(worker.url, worker.process, 120, worker.log)  # healthy once warm
            say(f"worker {worker.number} ready on {worker.url} (log: {worker.log})")
        config = self.run_dir / "haproxy.cfg"
        config.write_text(proxy_config(self.address, self.port, [worker.port for worker in self.workers], self.socket))
        checked = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True)
        if checked.returncode != 0:
            raise RuntimeError(f"the proxy configuration {config} is not valid:\n{checked.stderr}")
        access_log = (self.run_dir / "access.log").open("ab")
        self.proxy = subprocess.Popen([haproxy, "-db", "-f", str(config)], stdout=access_log,
                                      stderr=subprocess.STDOUT, start_new_session=True,
                                      preexec_fn=die_with_launcher)
        access_log.close()
        wait_healthy(self.url, self.proxy, 30, self.run_dir / "access.log")
        self.write_state()
        say(f"serving {len(self.workers)} worker(s) at {self.url} (access log: {self.run_dir / 'access.log'})")

    def write_state(self) -> None:
        state = State(self.url, self.proxy.pid,
                      [{"number": w.number, "port": w.port, "pid": w.process.pid, "log": str(w.log)}
                       for w in self.workers])
        temporary = self.run_dir / "state.json.partial"
        temporary.write_text(json.dumps(asdict(state), indent=1))
        os.replace(temporary, self.run_dir / "state.json")

    def tell_proxy(self, command: str) -> str:
        """A command on the proxy's runtime socket ('disable server workers/w1'); its answer."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(10)
            connection.connect(str(self.socket))
            connection.sendall(command.encode() + b"\n")
            answer = b""
            while chunk := connection.recv(4096):
                answer += chunk
        return answer.decode(errors="replace").strip()

    def restart(self, worker: Worker, say=print) -> None:
        """Start a worker again and let the proxy send it users only once it is warm (its health check says so once
        every page has run once: 26 s for the first `/` of a cold worker under load, against 1 s warm)."""
        self.tell_proxy(f"disable server workers/w{worker.number}")
        worker.start(self.environment)
        self.write_state()
        wait_healthy(worker.url, worker.process, 120, worker.log)
        self.tell_proxy(f"enable server workers/w{worker.number}")
        say(f"worker {worker.number} warm again; back in the rotation")

    def supervise(self, say=print) -> None:
        """Restart a worker that died (the proxy routes around it meanwhile) until told to stop."""
        while True:
            for worker in self.workers:
                if worker.process.poll() is not None:
                    say(f"worker {worker.number} stopped (exit {worker.process.returncode}); restarting it")
                    try:
                        self.restart(worker, say)
                    except Stop:
                        raise
                    except Exception as error:  # a failed start or warm-up: stop it, and the next round retries
                        say(f"worker {worker.number} did not come back ({error!r}); trying again")
                        if worker.process and worker.process.poll() is None:
                            worker.process.kill()
                            worker.process.wait()
            if self.proxy.poll() is not None:
                say(f"the proxy stopped (exit {self.proxy.returncode}); see {self.run_dir / 'access.log'}")
                break
            time.sleep(0.5)

    def stop(self) -> None:
        running = [process for process in [self.proxy] + [w.process for w in self.workers] if process]
        for process in running:
            if process.poll() is None:
                process.terminate()
        for process in running:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        (self.run_dir / "state.json").unlink(missing_ok=True)


class Stop(Exception):
    """SIGTERM or Ctrl-C: stop the workers and the proxy (they run in sessions of their own, so a signal
    to this process does not reach them)."""


def stop_on_signal(*_) -> None:
    raise Stop


def port_in_use(address: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError:
            return True
    return False


def serve(workers: int, port: int, address: str) -> int:
    if port_in_use(address, port):
        print(f"not serving: port {port} on {address} is in use (another server?); choose another with PORT=",
              file=sys.stderr)
        return 1
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_number, stop_on_signal)
    deployment = Deployment(workers, port, address)
    try:
        deployment.start()
        deployment.supervise()
    except RuntimeError as error:
        print(f"not serving: {error}", file=sys.stderr)
        return 1
    except Stop:
        print("stopping the proxy and the workers", file=sys.stderr)
    finally:
        for signal_number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signal_number, signal.SIG_IGN)  # a second signal must not cut the clean-up short
        deployment.stop()
    return 0

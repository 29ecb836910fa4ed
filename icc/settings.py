"""Every setting of the app in one table: its name, default, the environment variable that changes it, and what it
does. The code reads settings here only; the workers' Streamlit flags and the README's settings section are made
from this table (`python -m icc settings` prints the section; a test keeps the README equal to it).

The lowest layer: it knows where the project lives and nothing else of icc."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    env: str
    help: str

    def read(self):
        """The environment's value, of the default's type; the default where the variable is unset or empty."""
        raw = os.environ.get(self.env, "")
        if raw == "":
            return self.default
        if isinstance(self.default, bool):
            return raw.strip().lower() in ("1", "true", "yes")
        if isinstance(self.default, Path):
            return Path(raw)
        return type(self.default)(raw) if self.default is not None else raw

    @property
    def shown_default(self) -> str:
        if isinstance(self.default, Path):
            return self.default.relative_to(ROOT).as_posix()
        return "(none)" if self.default is None else str(self.default)


SETTINGS = (
    Setting("port", 8501, "PORT", "The port `make run` and `make serve` listen on (a make variable too)."),
    Setting("published_db", ROOT / "data" / "icc.duckdb", "ICC_PUBLISHED_DB",
            "The published database: a link to its newest snapshot in data/snapshots/."),
    Setting("demo_db", ROOT / "data" / "demo.duckdb", "ICC_DEMO_DB", "The fictional demo network's database."),
    Setting("import_store", ROOT / "data" / "imports" / "batches.duckdb", "ICC_IMPORT_STORE",
            "The coordinators' imported batches, laid over the published data at every build."),
    Setting("lock_wait_seconds", 120.0, "ICC_LOCK_WAIT_SECONDS",
            "How long an import, rollback or build waits for another one (or for the import store) before saying "
            "so."),
    Setting("upload_limit_mb", 20, "ICC_UPLOAD_LIMIT_MB",
            "The largest round file an import reads, on the command line and the Data page; also the workers' "
            "upload limit."),
    Setting("coordinator_password_hash", None, "ICC_COORDINATOR_PASSWORD_HASH",
            "The coordinators' password hash (else `coordinator_password_hash` in .streamlit/secrets.toml, written "
            "by `make coordinator-password`)."),
    Setting("sockets_per_client", 100, "ICC_SOCKETS_PER_CLIENT",
            "`make serve`: the open sessions (websockets) one client address may hold; raise it where a room "
            "shares one NAT address."),
    Setting("throttle_file", None, "ICC_THROTTLE_FILE",
            "Where the workers of `make serve` count failed sign-ins together (set by the launcher; unset, each "
            "process counts in memory)."),
    Setting("behind_proxy", False, "ICC_BEHIND_PROXY",
            "Set by `make serve` for its workers: the client's address is the one the proxy names in X-ICC-Client."),
    Setting("warm_renderer", True, "ICC_WARM_RENDERER",
            "Start the renderer of chart images and PDFs (kaleido and one Chromium) with the app, so the first "
            "click on an image waits for no browser; false: at the first file asked for (the fast tests)."),
    Setting("kill_at", None, "ICC_KILL_AT",
            "Tests only: the named point (store/faults.py) where an import, rollback or build kills itself."),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}


def value(name: str):
    return BY_NAME[name].read()


def env_name(name: str) -> str:
    return BY_NAME[name].env


def readme_section() -> str:
    """The README's settings table, made from SETTINGS."""
    rows = [f"| `{s.env}` | `{s.shown_default}` | {s.help} |" for s in SETTINGS]
    return "\n".join(["| variable | default | what it sets |", "|---|---|---|", *rows])

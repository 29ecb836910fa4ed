"""Write the coordinator password hash to .streamlit/secrets.toml (make coordinator-password).

The password is read without echo (or from standard input when piped); only its salted hash is stored.
"""

import getpass
import re
import sys
from pathlib import Path

from icc.web.access import SECRET_KEY, hash_password  # run with PYTHONPATH=. (make coordinator-password)

SECRETS = Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml"


def main() -> int:
    password = getpass.getpass("Coordinator password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < 10:
        print("Use at least 10 characters.", file=sys.stderr)
        return 2
    line = f'{SECRET_KEY} = "{hash_password(password)}"'
    existing = SECRETS.read_text() if SECRETS.exists() else ""
    pattern = re.compile(rf"^{SECRET_KEY}\s*=.*$", re.MULTILINE)
    updated = pattern.sub(line, existing) if pattern.search(existing) else (existing.rstrip() + "\n" + line).lstrip()
    SECRETS.write_text(updated + "\n")
    SECRETS.chmod(0o600)
    print(f"Saved the password hash in {SECRETS} (not tracked by git).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

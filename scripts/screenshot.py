"""Screenshot app pages in headless Debian Chromium, reporting any request that leaves loopback.

    python scripts/screenshot.py http://localhost:8501 / /map "/city?city=oslo" --out /tmp/shots
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", type=Path, default=Path("/tmp/shots"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--wait", type=int, default=4000, help="ms to let charts and maps draw")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    outside = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})

        def guard(route):
            host = urlparse(route.request.url).hostname or ""
            if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
                return route.continue_()
            outside.append(route.request.url)
            return route.abort()

        page.route("**/*", guard)
        for index, path in enumerate(args.paths):
            page.goto(args.base + path)
            page.wait_for_selector("h1, [data-testid='stException']", timeout=60000)
            page.wait_for_timeout(1500)
            page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30000)
            page.wait_for_timeout(args.wait)
            if args.full:
                height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 720")
                page.set_viewport_size({"width": args.width, "height": max(args.height, min(height + 40, 6000))})
                page.wait_for_timeout(800)
            name = f"{index:02d}-" + (path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_") or "home")
            page.screenshot(path=str(args.out / f"{name}.png"))
            page.set_viewport_size({"width": args.width, "height": args.height})
            errors = page.locator("[data-testid='stException']").count()
            print(f"{path}: {'EXCEPTION' if errors else 'ok'} -> {args.out / name}.png")
        browser.close()
    for url in outside:
        print("BLOCKED outside request:", url)
    return 1 if outside else 0


if __name__ == "__main__":
    sys.exit(main())

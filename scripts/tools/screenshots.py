"""Screenshots of the pages a visitor sees, at 1280 px and 390 px (1920×1080 for the kiosk).

`make screenshots` writes them to build/screenshots/, so anyone can look at the site as a
visitor would before calling a change done. Every request to another host is blocked.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WIDTHS = {"wide": (1280, 800), "phone": (390, 844)}
KIOSK = (1920, 1080)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _pages(site: Path) -> list[str]:
    """One page of each type a visitor meets, in both languages."""
    pages = ["", "en/"]
    for path in (
        "exhibits/tour/",
        "exhibits/stories/",
        "exhibits/vessels/",
        "exhibits/people/fan-zhuxian/",
        "exhibits/vessels/liaocheng-ship/",
        "exhibits/timeline/",
        "exhibits/hall-map/",
        "exhibits/teachers/",
        "exhibits/roll/",
        "exhibits/roll/luxibei-tower/",
    ):
        if (site / path / "index.html").exists():
            pages += [path, "en/" + path]
    tour = (
        sorted(p.parent.name for p in (site / "exhibits" / "tour").glob("*/index.html"))
        if (site / "exhibits" / "tour").exists()
        else []
    )
    if tour:
        pages += [f"exhibits/tour/{tour[0]}/", f"en/exhibits/tour/{tour[0]}/"]
    stories = (
        sorted(p.parent.name for p in (site / "exhibits" / "stories").glob("*/index.html"))
        if (site / "exhibits" / "stories").exists()
        else []
    )
    if stories:
        pages += [f"exhibits/stories/{stories[0]}/", f"en/exhibits/stories/{stories[0]}/"]
    return pages


def _chosen(site: Path, pages: list[str]) -> list[str]:
    """`make screenshots PAGES="exhibits/stories/my-story"`: each page named, in both languages.
    A name may be written with or without its slashes, `en/` or `index.html`."""
    out = []
    for page in pages:
        path = page.strip().strip("/").removesuffix("index.html").strip("/").removeprefix("en/")
        for shown in (path, f"en/{path}" if path else "en"):
            if not (site / shown / "index.html").exists():
                raise SystemExit(
                    f"screenshots: {site}/{shown}/index.html does not exist. Name a page of the built site, e.g. exhibits/stories/one-city-one-ship"
                )
            out.append(f"{shown}/" if shown else "")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", default="site")
    parser.add_argument("--kiosk", default="site-kiosk")
    parser.add_argument("--out", default="build/screenshots")
    parser.add_argument("--only", default="", help="only pages whose path contains this")
    parser.add_argument(
        "--pages",
        nargs="*",
        default=[],
        help="these pages instead of the usual set, as addresses in the site: exhibits/stories/my-story "
        "(and its English page, en/exhibits/stories/my-story, is shot too)",
    )
    parser.add_argument("--full", action="store_true", help="whole pages, not only the first screen")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    site = Path(args.site)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        )
        for name, (w, h) in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": w, "height": h}, is_mobile=name == "phone", has_touch=name == "phone", device_scale_factor=1
            )
            page = context.new_page()
            for path in _chosen(site, args.pages) if args.pages else _pages(site):
                if args.only and args.only not in path:
                    continue
                page.goto(base + path, wait_until="networkidle")
                slug = path.strip("/").replace("/", "_") or "home"
                page.screenshot(path=str(out / f"{slug}-{name}.png"), full_page=args.full)
                print(out / f"{slug}-{name}.png")
            context.close()
        kiosk = Path(args.kiosk)
        if (kiosk / "index.html").exists():
            context = browser.new_context(viewport={"width": KIOSK[0], "height": KIOSK[1]}, has_touch=True)
            page = context.new_page()
            # The home opened fresh shows the attract screen (the kiosk's one address): begin a visit first.
            page.goto((kiosk / "exhibits/kiosk/attract.html").resolve().as_uri(), wait_until="load")
            page.screenshot(path=str(out / "kiosk-attract.png"))
            for path in (
                [f"{p.rstrip('/') or 'index'}.html" for p in _chosen(site, args.pages)]
                if args.pages
                else (
                    "index.html",
                    "en/index.html",
                    "exhibits/vessels/liaocheng-ship.html",
                    "exhibits/tour/index.html",
                    "en/exhibits/tour/prelude.html",
                    "exhibits/kiosk/search.html",
                    "en/exhibits/kiosk/search.html",
                    "exhibits/roll/luxibei-tower.html",
                    "exhibits/stories/one-city-one-ship.html",
                )
            ):
                if not (kiosk / path).exists() or (args.only and args.only not in path):
                    continue
                page.goto((kiosk / path).resolve().as_uri(), wait_until="load")
                page.wait_for_timeout(300)
                slug = "kiosk-" + path.replace("/", "_").removesuffix(".html")
                page.screenshot(path=str(out / f"{slug}.png"))
                print(out / f"{slug}.png")
            context.close()
        browser.close()
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""deploy/nginx.conf, run for real by Debian's nginx on 127.0.0.1 (.ci/run installs it)."""

from __future__ import annotations

import gzip
import re
import sys
import urllib.error
import urllib.request

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts" / "tools"))
import local_nginx  # noqa: E402  (scripts/tools is not a package)

# Debian's nginx serving the built site.
pytestmark = [pytest.mark.gates]


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    with local_nginx.serving(built_site, tmp_path_factory.mktemp("nginx")) as base:
        yield base


def fetch(url: str, gzip_ok: bool = False):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        response = urllib.request.urlopen(request, timeout=5)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.headers, response.read()


def test_pages_are_compressed_and_revalidated(nginx):
    status, headers, body = fetch(nginx + "/en/exhibits/vessels/liaocheng-ship/", gzip_ok=True)
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "The corvette Liaocheng" in gzip.decompress(body).decode()
    assert headers["Cache-Control"] == "no-cache"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_hashed_assets_and_pictures_are_cached_for_a_year(nginx, built_site):
    css = next((built_site / "assets/stylesheets").glob("main.*.min.css")).relative_to(built_site)
    picture = next((built_site / "media").rglob("960.webp")).relative_to(built_site)
    for path in (css, picture):
        status, headers, _ = fetch(f"{nginx}/{path.as_posix()}")
        assert status == 200, path
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", path
        assert headers["Content-Security-Policy"]
    status, headers, _ = fetch(nginx + "/assets/exhibition.css")
    assert status == 200 and headers["Cache-Control"] == "no-cache"


def test_missing_pages_get_the_sites_404_page(nginx):
    status, headers, body = fetch(nginx + "/exhibits/no-such-thing/")
    assert status == 404
    assert "md-content" in body.decode()
    assert re.search("404", body.decode())


def test_headers_file_for_hosts_that_read_one(built_site):
    text = (built_site / "_headers").read_text()
    csp_line = (ROOT / "deploy" / "nginx-csp.conf").read_text().split('Content-Security-Policy "')[1].split('"')[0]
    assert f"Content-Security-Policy: {csp_line}" in text
    assert re.search(r"^/media/\*\n  Cache-Control: public, max-age=31536000, immutable$", text, re.M)
    assert "/*\n" in text and "Cache-Control: no-cache" in text

"""Serve a built site with deploy/nginx.conf, as a host would (gzip, caching, CSP), on 127.0.0.1.

Used by `make audit` (scripts/tools/audit.py) and tests/test_deploy.py. Needs Debian's nginx.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(site: Path, work: Path, port: int) -> Path:
    """An nginx.conf in `work` that runs the deploy/ server block for `site` on 127.0.0.1:port."""
    (work / "snippets").mkdir(parents=True, exist_ok=True)
    (work / "tmp").mkdir(exist_ok=True)
    shutil.copy(ROOT / "deploy" / "nginx-csp.conf", work / "snippets" / "expo-csp.conf")
    server = (ROOT / "deploy" / "nginx.conf").read_text()
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /var/www/expo/site;", f"root {site};")
    server = server.replace("include snippets/", f"include {work}/snippets/")
    # As root, nginx's workers would drop to "nobody", who may not read private tmp folders.
    user = "user root;" if os.geteuid() == 0 else ""
    path = work / "nginx.conf"
    path.write_text(f"""
{user}
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp;
    uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
    {server}
}}
""")
    return path


@contextlib.contextmanager
def serving(site: Path, work: Path, port: int | None = None):
    """site/ served by nginx with the deploy configuration while the block runs; yields the base URL."""
    port = port or free_port()
    conf = config(Path(site).resolve(), Path(work).resolve(), port)
    test = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(work)], capture_output=True, text=True)
    if test.returncode != 0:
        raise RuntimeError(test.stderr)
    process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(work), "-g", "daemon off;"])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)

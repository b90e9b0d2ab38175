"""`make edit`: the browser editor on http://127.0.0.1:8081/, for curators who do not write YAML.

One small HTTP server on 127.0.0.1 (nothing else can reach it) that
- serves the editor page (editor/index.html), our widgets and the generated configuration, and
  Decap CMS itself (installed by `make edit` into build/tools/decap/: no CDN);
- answers Decap's local backend API (POST /api/v1, the actions decap-server answers), reading and
  writing files in this folder: a record is sent to the browser as JSON and written back as YAML by
  yamlio.py, so an unchanged record keeps every byte and an edited one changes only what changed;
- lists the records for the link pickers (GET /api/records) and runs `make check` in this process
  for the record being edited (GET /api/check?path=…), with the address of its `make serve` page.

The editor never publishes: a save changes files on disk, which git sees; `make build` makes the site.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import mimetypes
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import yaml

from ..build import Build
from ..pages.catalogue import Catalogue
from ..records.model import KINDS
from ..records.roll import Header as RollHeader
from . import yamlio
from .config import SETTINGS

DECAP_VERSION = "3.16.3"
PREVIEW = "http://127.0.0.1:8000/"  # make serve
# The only folders the editor writes to.
WRITABLE = ("exhibits/", "images/", "settings/")
FOLDERS = {cls.FOLDER: kind for kind, cls in KINDS.items()}


class Refused(Exception):
    """A request for a path outside the project, or a write outside WRITABLE."""


class Project:
    def __init__(self, root: Path, decap: Path):
        self.root = root.resolve()
        self.decap = decap
        self.build = Build(self.root, kiosk=True)  # its cache keeps the checks of unchanged files
        self.lock = threading.Lock()

    # --- paths ---------------------------------------------------------------------------

    def path(self, relative: str, write: bool = False) -> Path:
        full = (self.root / relative).resolve()
        if not full.is_relative_to(self.root):
            raise Refused(relative)
        # Judged on the resolved path: exhibits/../scripts/x.py is not in exhibits/.
        if write and not (full.relative_to(self.root).as_posix() + "/").startswith(WRITABLE):
            raise Refused(relative)
        return full

    def model_of(self, relative: str):
        parts = relative.split("/")
        if parts[0] == "exhibits" and len(parts) == 3:
            if parts[1] == "roll":
                return RollHeader, "roll"
            kind = FOLDERS.get(parts[1])
            return (KINDS[kind], kind) if kind else (None, None)
        if parts[0] == "settings" and len(parts) == 2:
            name = parts[1].removesuffix(".yml")
            return SETTINGS.get(name), name
        return None, None

    # --- Decap's local backend API (decap-server's local_fs actions) ------------------------

    def entry(self, relative: str) -> dict:
        try:
            raw = self.path(relative).read_bytes()
        except (OSError, Refused):
            return {"data": None, "file": {"path": relative, "id": None}}
        data = yamlio.to_plain(yamlio.load(raw.decode("utf-8")))
        return {"data": json.dumps(data, ensure_ascii=False), "file": {"path": relative, "id": hashlib.sha256(raw).hexdigest()}}

    def media(self, relative: str) -> dict:
        path = self.path(relative)
        if not path.is_file() and relative.startswith("images/"):
            # Decap looks for a picture of another folder (places/x.png named in a person) in the
            # field's own folder: the one file of that name under images/ is the one meant.
            same = sorted((self.root / "images").rglob(Path(relative).name))
            if len(same) == 1:
                path = same[0]
        raw = path.read_bytes()
        return {
            "id": hashlib.sha256(raw).hexdigest(),
            "content": base64.b64encode(raw).decode("ascii"),
            "encoding": "base64",
            "path": relative,
            "name": Path(relative).name,
        }

    def listing(self, folder: str, extension: str, depth: int) -> list[str]:
        base = self.path(folder)
        if not base.is_dir():
            return []
        found = []
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(base)
            if path.is_file() and len(relative.parts) <= depth and path.name.endswith(extension):
                found.append(path.relative_to(self.root).as_posix())
        return found

    def save(self, relative: str, raw: str) -> None:
        target = self.path(relative, write=True)
        cls, kind = self.model_of(relative)
        data = json.loads(raw)
        old = target.read_text(encoding="utf-8") if target.exists() else None
        header = ""
        if old is None and kind in KINDS:
            header = f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
        text = yamlio.write(old, data, cls, header)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def api(self, body: dict):
        """One request of Decap's local backend API: {"action": name, "params": {...}}."""
        action, params = body.get("action"), body.get("params") or {}
        actions = {
            "info": self._info,
            "entriesByFolder": self._entries_by_folder,
            "entriesByFiles": self._entries_by_files,
            "getEntry": self._get_entry,
            "persistEntry": self._persist_entry,
            "getMedia": self._get_media,
            "getMediaFile": self._get_media_file,
            "persistMedia": self._persist_media,
            "deleteFile": self._delete,
            "deleteFiles": self._delete,
            "getDeployPreview": self._deploy_preview,
        }
        if not isinstance(action, str) or action not in actions:
            raise Refused(f"unknown action {action}")
        return actions[action](params)

    def _info(self, params: dict) -> dict:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entries_by_folder(self, params: dict) -> list[dict]:
        return [self.entry(p) for p in self.listing(params["folder"], params.get("extension", ""), params.get("depth", 1))]

    def _entries_by_files(self, params: dict) -> list[dict]:
        return [self.entry(f["path"]) for f in params["files"]]

    def _get_entry(self, params: dict) -> dict:
        return self.entry(params["path"])

    def _persist_entry(self, params: dict) -> dict:
        with self.lock:
            for asset in params.get("assets", []):
                self._write_asset(asset)
            for data_file in params.get("dataFiles") or [params["entry"]]:
                self.save(data_file["path"], data_file["raw"])
                if data_file.get("newPath"):  # the id changed: the file is renamed
                    self.path(data_file["path"], write=True).rename(self.path(data_file["newPath"], write=True))
        return {"message": "entry persisted"}

    def _get_media(self, params: dict) -> list[dict]:
        return [self.media(p) for p in self.listing(params["mediaFolder"], "", 1)]

    def _get_media_file(self, params: dict) -> dict:
        return self.media(params["path"])

    def _persist_media(self, params: dict) -> dict:
        asset = params["asset"]
        self._write_asset(asset)
        return self.media(asset["path"])

    def _delete(self, params: dict) -> dict:
        for relative in params.get("paths") or [params["path"]]:
            self.path(relative, write=True).unlink(missing_ok=True)
        return {"message": "deleted"}

    def _deploy_preview(self, params: dict) -> None:
        return None

    def _write_asset(self, asset: dict) -> None:
        """An uploaded file, written where Decap says (refused outside WRITABLE)."""
        target = self.path(asset["path"], write=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(asset["content"]))

    # --- our own endpoints -------------------------------------------------------------------

    def records(self) -> list[dict]:
        """Every record's id, kind and title, for the link pickers."""
        out = []
        for path in sorted((self.root / "exhibits").glob("*/*.yml")):
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, UnicodeDecodeError):
                continue
            if isinstance(data, dict) and data.get("id") and data.get("kind") in KINDS:
                title = data.get("title") if isinstance(data.get("title"), dict) else {}
                draft = (data.get("review") or {}).get("status") == "draft" if isinstance(data.get("review"), dict) else False
                out.append(
                    {
                        "id": str(data["id"]),
                        "kind": data["kind"],
                        "zh": title.get("zh", ""),
                        "en": title.get("en", ""),
                        "draft": draft,
                    }
                )
        return out

    def check(self, relative: str) -> dict:
        """What `make check` says about this file, and where `make serve` shows its page."""
        with self.lock:
            checked, problems = self.build.check()
        mine = [p for p in problems if p.path == relative]
        result = {
            "path": relative,
            "problems": [{"line": p.line, "field": p.field, "message": p.message, "text": str(p)} for p in mine],
            "elsewhere": len(problems) - len(mine),
            "draft": relative in checked.collection.drafts,
        }
        _cls, kind = self.model_of(relative)
        if kind in KINDS:
            record_id = Path(relative).stem
            record = KINDS[kind].model_construct(id=record_id)  # its page's address: the catalogue's
            result["preview"] = {lang: PREVIEW + Catalogue().url("record", record, lang=lang) for lang in ("zh", "en")}
        return result


def _handler(project: Project, editor_dir: Path):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - quiet: the curator's terminal shows problems only
            pass

        def send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def send_json(self, value, status: int = 200) -> None:
            self.send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

        def send_file(self, path: Path) -> None:
            if not path.is_file():
                self.send(404, b"not found", "text/plain")
                return
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if path.suffix in (".yml", ".yaml"):
                kind = "text/yaml"
            if kind.startswith("text/") or kind.endswith("javascript"):
                kind += "; charset=utf-8"
            self.send(200, path.read_bytes(), kind)

        def do_GET(self):  # noqa: N802 - the name http.server calls
            url = urlparse(self.path)
            query = parse_qs(url.query)
            try:
                if url.path in ("/", "/index.html"):
                    self.send_file(editor_dir / "index.html")
                elif url.path.startswith("/editor/"):
                    self.send_file(_inside(editor_dir, url.path.removeprefix("/editor/")))
                elif url.path.startswith("/decap/"):
                    self.send_file(_inside(project.decap, url.path.removeprefix("/decap/")))
                elif url.path == "/api/records":
                    self.send_json(project.records())
                elif url.path == "/api/check":
                    self.send_json(project.check(query.get("path", [""])[0]))
                else:
                    self.send(404, b"not found", "text/plain")
            except Refused as refused:
                self.send_json({"error": f"refused: {refused}"}, 403)

        def do_POST(self):  # noqa: N802
            if urlparse(self.path).path != "/api/v1":
                self.send(404, b"not found", "text/plain")
                return
            try:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                self.send_json(project.api(body))
            except Refused as refused:
                self.send_json({"error": f"refused: {refused}"}, 403)
            except Exception as exc:  # the browser shows Decap's error; the terminal says which file
                print(f"editor: {body.get('action') if isinstance(body, dict) else '?'}: {exc}", file=sys.stderr)
                self.send_json({"error": str(exc)}, 500)

    return Handler


def _inside(base: Path, relative: str) -> Path:
    full = (base / relative).resolve()
    if not full.is_relative_to(base.resolve()):
        raise Refused(relative)
    return full


def serve(root: Path, port: int, decap: Path) -> ThreadingHTTPServer:
    """The editor's server on 127.0.0.1:port (0: any free port), not yet serving."""
    return ThreadingHTTPServer(("127.0.0.1", port), _handler(Project(root, decap), root / "editor"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make edit", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--decap", type=Path, default=None, help="folder of decap-cms.js (default build/tools/decap/)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    decap = args.decap or root / "build/tools/decap/package/dist"
    if not (decap / "decap-cms.js").is_file():
        print(
            f"editor: {decap}/decap-cms.js is missing: run `make edit`, which installs Decap CMS {DECAP_VERSION}", file=sys.stderr
        )
        return 1
    server = serve(root, args.port, decap)
    print(f"编辑器 / Editor: http://127.0.0.1:{args.port}/  (English: http://127.0.0.1:{args.port}/?lang=en)")
    print("Saving writes the files in exhibits/, images/ and settings/; nothing is published. Ctrl+C stops.")
    print(f"Preview the pages beside it with `make serve` ({PREVIEW}).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

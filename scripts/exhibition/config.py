"""Every option of the exhibition plugin, with its type and default (mkdocs.yml: plugins: - exhibition)."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from .paths import Paths


class ExhibitionConfig(Config):
    # Where generated pages and image derivatives go, inside docs/ (both git-ignored).
    pages_dir = opt.Type(str, default=Paths.pages_dir)
    media_dir = opt.Type(str, default=Paths.media_dir)
    # Names for Chinese search segmentation, written from the records; give the
    # same path to the search plugin's jieba_dict_user.
    jieba_dict_user = opt.Type(str, default="build/jieba_user.txt")
    # Missing English translations fail the build. `exhibition build --strict` (STRICT=1 make build) sets it.
    strict = opt.Type(bool, default=False)
    # Publish records whose review status is draft. `exhibition build --drafts` (DRAFTS=1) sets it.
    drafts = opt.Type(bool, default=False)
    # Processes making image derivatives; 0 means one per core.
    workers = opt.Type(int, default=0)
    # The kiosk edition (mkdocs-kiosk.yml sets it): also writes the attract screen,
    # reads settings/kiosk.yml, and turns every link to another host into text.
    kiosk = opt.Type(bool, default=False)

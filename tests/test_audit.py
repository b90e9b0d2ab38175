"""Lighthouse's deterministic audits, on the site as a host serves it (deploy/nginx.conf, gzip,
SITE_URL set): no console error, valid hreflang, sized images, full accessibility, best-practices
and SEO scores. The performance score moves with the machine's load: `make audit` reports it
(build/audit.json); here its category is not run (a quarter of Lighthouse's work), only its
deterministic audit (sized images)."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, copy_project

sys.path.insert(0, str(ROOT / "scripts" / "tools"))
import audit as lighthouse_audit  # noqa: E402  (scripts/tools is not a package)

# Lighthouse over a site served by nginx.
pytestmark = [pytest.mark.gates]

PAGES = ["", "en/exhibits/vessels/liaocheng-ship/", f"exhibits/tour/{'prelude'}/", "en/exhibits/stories/one-city-one-ship/"]


@pytest.fixture(scope="module")
def report(tmp_path_factory, caches):
    if not lighthouse_audit.LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: `make test` installs it (build/tools/lighthouse/)")
    root = copy_project(tmp_path_factory.mktemp("audit"), caches=caches)
    categories = tuple(c for c in lighthouse_audit.CATEGORIES if c != "performance")
    return lighthouse_audit.audit(PAGES, site=root / "audit-site", root=root, categories=categories)


@pytest.mark.parametrize("path", PAGES)
def test_lighthouse_finds_no_console_error_and_full_scores(report, path):
    result = report["pages"][path or "/"]
    assert result["console_errors"] == [], result["console_errors"]
    for audit in lighthouse_audit.DETERMINISTIC:
        assert result["audits"][audit]["score"] in (1, None), (audit, result["audits"][audit])
    for category in ("accessibility", "best-practices", "seo"):
        assert result["scores"][category] == 1, (category, result["failing"])
    assert "performance" not in result["scores"]  # make audit's report (machine load moves it)

"""Printed matter for schools and the hall: QR codes, lesson handouts and worksheets (PDF), exhibit labels.

Everything here is derived from the records. Lesson aids are written under docs/
(git-ignored) during the build and cached in build/ so an unchanged lesson is not
rendered twice; the hall's label sheet is made by `make labels` into build/labels/.

Layer: an edition adapter, above pages/: it reads the Site and fills `Site.schools`
(pages/site.py declares what the pages show of it).
"""

"""Step 3: the pages (zh and en Markdown from Jinja templates), the home page's view, the roll.

Layer: above images/, settings and records/, below the edition adapters (kiosk/,
printing/, opendata) and the commands. Inside, imports point down too:
home, roll > write (the writer) > lessons > format (formatters, links) > site
(the read model) > timeline, structured, language_parts, rollfont.
"""

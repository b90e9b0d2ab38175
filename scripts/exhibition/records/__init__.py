"""Step 1: records from exhibits/*.yml, loaded with line numbers, validated into typed models.

Layer: above the base modules (words, urls), below settings and everything else. Inside,
imports point down to problems.py (the curator's `path:line: field: message`), which
imports nothing: dates < model, load < content < validate < roll, scaffold.
"""

"""Data protection as Bahrain's Personal Data Protection Law (Law No. 30 of 2018) expects:
retention (retention.py, anonymise.py), a citizen's data export (export.py), correction and
erasure requests against a 10-working-day deadline (requests.py, deadlines.py), and audit rows
that the application cannot change (append_only.py and the triggers of migration 0021).
See docs/data-protection.md."""

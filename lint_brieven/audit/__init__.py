"""Batch audit of a template repository: grades, journey moments, promise consistency, and the
reports (HTML dashboard with a page per letter, JSON, CSV). ``commands/audit.py`` runs it."""

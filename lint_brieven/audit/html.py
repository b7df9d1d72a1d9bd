"""The colours of the rule categories on the audit's pages (the dashboard is in
``dashboard.py``, the letter pages in ``letter_page.py``)."""

from __future__ import annotations

COLOURS = {
    "ambtelijk": "#f6c744",
    "jargon": "#f59f6b",
    "afkortingen": "#f2b5a0",
    "zinnen": "#8ecae6",
    "stappen": "#b8e08d",
    "kanalen": "#c9a7eb",
    "beloftes": "#f7a8c4",
    "toon": "#ff8f8f",
    "leesbaarheid": "#a3c4f3",
    "lint-brieven": "#d0d0d0",
}

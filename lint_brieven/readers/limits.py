"""Limits that keep one hostile or odd file from taking a run down.

Every limit is far above what a real letter reaches; a file past one gets a Dutch error naming
the limit, and the run goes on with the other files. The sizes of a Word file's zip entries
are settings (``ReadOptions.max_docx_entry_bytes`` and ``max_docx_total_bytes``); the rest are
fixed here.
"""

from __future__ import annotations

# A block (paragraph, list item, table cell, …) longer than this is refused: spaCy parses one
# block at a time and needs about 5 MB of memory and 25 ms per 1,000 characters of one block
# (spaCy itself refuses texts over 1,000,000 characters). A page of a letter has ~3,000.
MAX_BLOCK_CHARS = 100_000

# The distinct text of one file (every paragraph once, over all template variants): analysing
# it takes about 45 s and 1 GB of memory per 1,000,000 characters. 500,000 is ~150 pages.
MAX_FILE_TEXT_CHARS = 500_000

# Paragraphs checked in one file, over all template variants: every check runs on every
# paragraph (about 1.2 ms per paragraph), so this is about 40 s. A template checks fewer
# variants to stay below it, with a notice; another file above it is refused.
MAX_CHECKED_BLOCKS = 30_000

# Zip entries in a Word file; a letter has 15 to 40, one with many images a few hundred.
MAX_DOCX_ENTRIES = 10_000

# Nesting depth of the XML in a Word file's parts (tables in tables in content controls …);
# real documents stay well below 100.
MAX_XML_DEPTH = 500

# Pieces (text, placeholders, tags) a template may expand to, counting every macro call,
# include and block each time it is expanded: macros calling macros grow exponentially. A
# letter template with its includes expands to a few thousand.
MAX_TEMPLATE_PIECES = 200_000

# Characters of literal template text the expansion may produce (counted like the pieces).
MAX_TEMPLATE_CHARS = 2_000_000

# {% if %}, {% for %}, macro bodies and blocks inside one another while a template is
# expanded (jinja2's own parser gives up at about 250 nested tags); letters use fewer than 10.
MAX_TEMPLATE_NESTING = 100

# The most variants of one template that are checked, whatever ``max-variants`` asks for.
MAX_VARIANTS_CEILING = 1_000

# All checked variants of one template together: a large template gets fewer variants, with a
# notice saying so (each variant is laid out in full; see also MAX_CHECKED_BLOCKS).
MAX_VARIANT_PIECES = 500_000
MAX_VARIANT_CHARS = 2_000_000


def number(value: int) -> str:
    """A number the Dutch way: 100.000."""
    return f"{value:,}".replace(",", ".")

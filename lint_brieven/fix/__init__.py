"""Applying suggested rewrites: choosing the edits (``edits``) and writing files (``files``)."""

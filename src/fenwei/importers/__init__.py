"""Importers: one module per platform format, each yielding fenwei Events.

A bad record never stops an import: readers yield an ``ImportIssue`` for it
and go on. ``detect`` picks the reader for a file from its content.
"""

from fenwei.importers.base import ImportOptions
from fenwei.importers.detect import detect, format_names, reader_named

__all__ = ["ImportOptions", "detect", "format_names", "reader_named"]

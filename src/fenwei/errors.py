"""The exception tree of fenwei.

    FenweiError                 (exit 1, HTTP 500)
    ├── InputError              bad data from outside (HTTP 400/422)
    │   ├── ImportFormatError   path, line, field
    │   └── ConfigError         path, key path
    ├── AccessDenied            (HTTP 403)
    └── StoreError              wraps sqlite3 / psycopg errors

Errors carry a catalog key and its placeholders; only the CLI and the web
layer render them to text (``fenwei.i18n.t``), in the user's language.
"""

from __future__ import annotations

from typing import Any


class FenweiError(Exception):
    """Base of every error fenwei raises on purpose."""

    exit_code = 1
    key = "error.generic"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(f"{self.key} {params}")

    def render(self, locale: str | None = None) -> str:
        from fenwei.i18n import t

        return t(self.key, locale, **self.params)


class InputError(FenweiError):
    """Bad data from outside: a file, a line, a setting."""

    key = "error.input"


class ImportFormatError(InputError):
    """A file that cannot be imported at all (unreadable, unknown format)."""

    key = "error.import.format"


class ConfigError(InputError):
    """A configuration file or setting that is not valid."""

    key = "error.config"


class AccessDenied(FenweiError):
    key = "error.access_denied"


class StoreError(FenweiError):
    """The store could not be opened, migrated or written."""

    key = "error.store"

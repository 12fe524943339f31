"""The exceptions yinsi raises.

Every error from the core becomes an instance of :class:`YinsiError` or one of
its subclasses (the mapping is in one place, ``python/src/error.rs``). Messages
say what kind of thing went wrong, where (a character position, a line of a
key file, the row of a column) and why; they never contain the value being
processed or key material. An error in a column operation has a ``row``
attribute, the 0-based index of the first row that failed.
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "YinsiError",
    "InvalidKeyError",
    "KeyUnavailableError",
    "UnknownKeyVersionError",
    "InvalidValueError",
    "UnsupportedModeError",
    "InvalidOptionError",
    "InvalidTokenError",
    "MalformedTokenError",
    "TokenAuthenticationError",
    "RandomSourceError",
]


class YinsiError(Exception):
    """Base class of every yinsi error."""

    #: The 0-based row of a column where the error was found, or ``None``.
    row: Optional[int] = None


class InvalidKeyError(YinsiError, ValueError):
    """Key text or bytes are malformed or have the wrong length."""


class KeyUnavailableError(YinsiError):
    """A key could not be loaded (variable unset, file unreadable), or a pickled
    keyring reloaded on a worker holds another key."""


class UnknownKeyVersionError(YinsiError, KeyError):
    """A key version was asked for that the keyring does not hold."""

    def __str__(self) -> str:  # KeyError would quote the message
        return Exception.__str__(self)


class InvalidValueError(YinsiError, ValueError):
    """A value is not a valid instance of its kind (length, character, check digit, date, prefix)."""


class UnsupportedModeError(YinsiError, ValueError):
    """A mode or mask preset cannot be used with this kind or value."""


class InvalidOptionError(YinsiError, ValueError):
    """An option is unknown or out of range (kind name, mask preset, pseudonym length, alphabet)."""


class InvalidTokenError(YinsiError, ValueError):
    """A token cannot be read back: base class of the two token errors."""


class MalformedTokenError(InvalidTokenError):
    """A token is not well formed (wrong prefix, length or encoding)."""


class TokenAuthenticationError(InvalidTokenError):
    """A token failed authentication: altered, truncated, or from another key, kind or context."""


class RandomSourceError(YinsiError):
    """The operating system's random source failed."""

"""yinsi (隐私): tokenization, masking and PII detection for Chinese personal data.

>>> import yinsi
>>> tk = yinsi.Tokenizer(yinsi.Keyring.from_hex("00" * 32))
>>> token = tk.tokenize("cn_mobile", "138-1234-5678", context="orders.phone")
>>> token.startswith("138-")
True
>>> tk.detokenize("cn_mobile", token, context="orders.phone")
'138-1234-5678'
>>> tk.mask("cn_mobile", "13812345678")
'138****5678'

Columns (pyarrow, pandas, Polars, lists) go through the same methods; see
:class:`Tokenizer`. ``import yinsi.pandas`` adds the ``.yinsi`` accessor. Text:
:class:`Scanner`, :class:`Redactor`, :func:`redact` and ``yinsi.logging.RedactingFilter``.
"""

import sys as _sys

from yinsi._native import Keyring, Redactor, Scanner, Span, __version__
from yinsi._text import redact
from yinsi._tokenizer import CustomFormat, Tokenizer, default_tokenizer, set_default_tokenizer
from yinsi.exceptions import (
    InvalidKeyError,
    InvalidOptionError,
    InvalidTokenError,
    InvalidValueError,
    KeyUnavailableError,
    MalformedTokenError,
    RandomSourceError,
    TokenAuthenticationError,
    UnknownKeyVersionError,
    UnsupportedModeError,
    YinsiError,
)

__all__ = [
    "__version__",
    "Keyring",
    "Tokenizer",
    "CustomFormat",
    "Scanner",
    "Span",
    "Redactor",
    "redact",
    "default_tokenizer",
    "set_default_tokenizer",
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

if "pandas" in _sys.modules:  # register the accessor for free when pandas is already loaded
    import yinsi.pandas  # noqa: F401

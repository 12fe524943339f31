"""``yinsi.redact(text)``: scrub one text with a shared default redactor."""

from __future__ import annotations

import threading
from typing import Any, Mapping, Optional, Union

from yinsi._native import Redactor

__all__ = ["redact"]

_masker: Optional[Redactor] = None
_lock = threading.Lock()


def redact(text: str, policy: Union[str, Mapping[str, str], None] = None, *, tokenizer: Any = None) -> str:
    """``text`` with every value the scanner finds replaced.

    Without arguments every kind gets its display mask (``138****5678``, ``张*``), no key
    needed. ``policy`` and ``tokenizer`` are as for :class:`yinsi.Redactor`; build a
    ``Redactor`` once yourself when you call this in a loop with a policy.
    """
    global _masker
    if policy is None and tokenizer is None:
        with _lock:
            if _masker is None:
                _masker = Redactor()
        return _masker.redact(text)
    return Redactor(policy, tokenizer=tokenizer).redact(text)

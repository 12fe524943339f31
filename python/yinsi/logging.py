"""``yinsi.logging.RedactingFilter``: scrub log records before any handler sees them.

Attach it to the handlers that write records out (a filter on a logger does not
see records propagated from its child loggers)::

    import logging, yinsi.logging
    handler = logging.StreamHandler()
    handler.addFilter(yinsi.logging.RedactingFilter())      # masks: 138****5678, 张*
    logging.basicConfig(handlers=[handler], level=logging.INFO)
    logging.info("courier called %s", "13812345678")         # courier called 138****5678

The filter formats the message with its arguments, scrubs the result and stores it
as the message with no arguments left, so neither a handler, a formatter nor a
later filter sees the values. Exception and stack text are scrubbed too. The record
always passes (a line is never dropped).
"""

from __future__ import annotations

import logging
import traceback
from typing import Mapping, Optional, Union

from yinsi._native import Redactor

__all__ = ["RedactingFilter"]


class RedactingFilter(logging.Filter):
    """A :class:`logging.Filter` that scrubs PII from each record's message, arguments,
    exception and stack text with a :class:`yinsi.Redactor`.

    ``redactor`` defaults to masking every kind (no key needed). Pass
    ``Redactor("tokenize", tokenizer=tk, marker=True)`` to keep values recoverable with the key.
    """

    def __init__(self, redactor: Optional[Redactor] = None, name: str = "",
                 policy: Union[str, Mapping[str, str], None] = None) -> None:
        super().__init__(name)
        if redactor is not None and policy is not None:
            raise ValueError("give a redactor or a policy, not both")
        self.redactor = redactor if redactor is not None else Redactor(policy)

    def filter(self, record: logging.LogRecord) -> bool:
        if not super().filter(record):
            return False
        record.msg = self.redactor.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = self.redactor.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redactor.redact(record.stack_info)
        return True

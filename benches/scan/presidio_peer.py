#!/usr/bin/env python3
"""The peer for `benches/scan/run.sh`: Presidio's analyzer and anonymizer with pattern recognizers
only (no spaCy model, nothing downloaded at run time), masking the same kinds yinsi finds by
pattern in the same log lines. Names and addresses need a Chinese NER model in Presidio, which a
pattern-only run does not have, so the peer does strictly less work than `yinsi mask`.

    python presidio_peer.py SLICE_FILE   ->  prints "<bytes> <seconds> <findings>"
"""

import logging
import sys
import time

# The e-mail recognizer's tldextract tries to download the public suffix list, then falls back to
# the snapshot it ships: the run stays offline. Keep its failed-download warning quiet.
logging.getLogger("tldextract").setLevel(logging.CRITICAL)

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, EmailRecognizer
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

# Patterns in Presidio's own style: a regex per written form, scored; Presidio's credit-card
# recognizer adds its Luhn check, and the ID recognizer below its ISO 7064 check character.
CN_MOBILE = PatternRecognizer(
    supported_entity="CN_MOBILE",
    patterns=[
        Pattern("mobile", r"(?<![\w.])(?:(?:\+|00)86[ -]?|\(\+86\))?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![\w@]|\.\d)", 0.6),
        Pattern("mobile_fullwidth", r"[１][３-９][０-９]{9}", 0.6),
    ],
)
CN_LANDLINE = PatternRecognizer(
    supported_entity="CN_LANDLINE",
    patterns=[Pattern("landline", r"(?<![\w.])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[ -]?)[2-8]\d{2,3}[ -]?\d{4}(?:(?:-|转)\d{1,6})?(?![\w@]|\.\d)", 0.5)],
)


class CnIdRecognizer(PatternRecognizer):
    WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    def __init__(self):
        super().__init__(
            supported_entity="CN_ID",
            patterns=[Pattern("cn_id", r"(?<![\w.])\d{6} ?(?:19|20)\d{6} ?\d{3}[\dXx](?![\w@]|\.\d)", 0.5)],
        )

    def validate_result(self, pattern_text):
        d = pattern_text.replace(" ", "").upper()
        total = sum(int(c) * w for c, w in zip(d[:17], self.WEIGHTS))
        return "10X98765432"[total % 11] == d[17]


RECOGNIZERS = [CN_MOBILE, CN_LANDLINE, CnIdRecognizer(), CreditCardRecognizer(), EmailRecognizer()]
ENTITIES = ["CN_MOBILE", "CN_LANDLINE", "CN_ID", "CREDIT_CARD", "EMAIL_ADDRESS"]


def main() -> int:
    anonymizer = AnonymizerEngine()
    operators = {"DEFAULT": OperatorConfig("mask", {"masking_char": "*", "chars_to_mask": 4, "from_end": False})}
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    found = 0
    out = []
    start = time.perf_counter()
    for line in lines:
        results = []
        for r in RECOGNIZERS:
            results.extend(r.analyze(line, ENTITIES, None))
        results = EntityRecognizer.remove_duplicates(results)
        found += len(results)
        out.append(anonymizer.anonymize(text=line, analyzer_results=results, operators=operators).text if results else line)
    secs = time.perf_counter() - start
    print(size, f"{secs:.3f}", found)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Generate yinsi's labelled PII test corpus and the demo sample log.

Python 3.9+ standard library only.  The output is fully deterministic (fixed
seeds, no set/hash iteration order, no wall clock), so re-running this script
reproduces the committed files byte for byte:

    python3 tests/corpus/generate.py

Inputs:   core/data/regions.csv           (gazetteer, relative to the repo root)
Outputs:  tests/corpus/corpus.jsonl       {"text": ..., "spans": [{"start","end","kind"}]}
          tests/corpus/texts.txt          the texts alone, one per line (scanner input)
          tests/corpus/negatives.jsonl    hard negatives: {"line","start","end","category"}
          examples/sample.log             ~120 lines of realistic mixed logs (no labels)

Offsets are UTF-8 byte offsets into the text, end exclusive.  Every labelled
value is checked by the validators below (check characters, Luhn, real dates,
mobile prefixes, gazetteer prefixes) and every line is checked for stray
PII-like numbers outside the labelled spans and the recorded hard negatives.
All personal data produced here is synthetic.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import sys
import uuid
from collections import Counter
from random import Random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
REGIONS_CSV = os.path.join(ROOT, "core", "data", "regions.csv")
OUT_CORPUS = os.path.join(HERE, "corpus.jsonl")
OUT_TEXTS = os.path.join(HERE, "texts.txt")
OUT_NEGATIVES = os.path.join(HERE, "negatives.jsonl")
OUT_SAMPLE = os.path.join(ROOT, "examples", "sample.log")

CORPUS_SEED = 11643_1999
SAMPLE_SEED = 2026_11_29
CORPUS_LINES = 2600
SAMPLE_LINES = 120

KINDS = ["cn_id", "cn_mobile", "cn_landline", "bank_card", "email", "cn_name", "cn_address"]

# --------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------

MOBILE_PREFIXES = (
    [str(p) for p in range(130, 140)]
    + ["145", "147"]
    + [str(p) for p in (150, 151, 152, 153, 155, 156, 157, 158, 159)]
    + ["166"]
    + [str(p) for p in range(170, 179)]
    + [str(p) for p in range(180, 190)]
    + ["191", "193", "195", "196", "197", "198", "199"]
)
MOBILE_PREFIX_SET = frozenset(MOBILE_PREFIXES)

AREA3 = ["010", "020", "021", "022", "023", "024", "025", "027", "028", "029"]
AREA4 = [
    "0311", "0351", "0371", "0411", "0431", "0451", "0471", "0510", "0512", "0513",
    "0516", "0519", "0531", "0532", "0551", "0571", "0574", "0577", "0579", "0591",
    "0592", "0731", "0755", "0757", "0760", "0769", "0771", "0791", "0851", "0871",
    "0898", "0931", "0951", "0971", "0991",
]
AREA_SET = frozenset(AREA3 + AREA4)

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官", "皇甫", "东方", "慕容", "令狐", "司徒", "夏侯", "公孙", "尉迟"]
GIVEN_CHARS = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚英华玉兰秀文辉鹏宇浩欣怡婷雪琳晨阳建国志红梅波斌宁飞凯丹萍健俊"
    "峰亮林莉倩颖佳嘉思雨子涵梓轩博诗悦晓一舒雅瑶琪鑫昊睿铭泽宏天成昌云燕凤翠桂海山慧露薇蕾琦睿彤欢乐"
)

STREET_ROOTS = [
    "文三", "文一", "解放", "人民", "中山", "建设", "和平", "长江", "黄河", "学院", "科技", "新华", "胜利", "东风",
    "青年", "幸福", "朝阳", "延安", "淮海", "南京", "北京", "光明", "花园", "工业", "府前", "滨江", "湖滨", "金融",
    "创业", "世纪", "振兴", "育才", "文化", "体育", "迎宾", "友谊", "长安", "复兴", "团结", "红旗", "凤凰", "翠柳",
    "桂花", "银杏", "望江", "天目山", "莫干山", "古墩", "丰潭", "教工", "香樟", "学府", "星光", "锦绣", "金桥",
]
STREET_DIRS = ["", "", "", "", "东", "西", "南", "北", "中"]
STREET_SUFFIXES = ["路", "路", "路", "路", "街", "大街", "大道"]
ESTATES = ["阳光", "翠苑", "锦绣", "和园", "景苑", "金色", "幸福里", "绿城", "东方", "新城", "枫林", "春晓", "紫荆"]
ESTATE_SUFFIXES = ["小区", "花园", "家园", "公寓", "苑"]

PINYIN_SURNAMES = [
    "zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu",
    "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao",
    "peng", "zeng", "xiao", "tian", "dong", "yuan", "pan", "jiang", "cai", "du", "ye", "cheng", "su", "wei",
    "lu", "ding", "ren", "shen", "yao", "cui", "zhong", "tan", "fan", "jin", "shi", "liao", "jia", "xia",
    "ouyang", "sima", "zhuge", "shangguan",
]
PINYIN_GIVEN = [
    "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie", "juan", "tao",
    "ming", "chao", "xia", "ping", "gang", "hua", "yu", "lan", "xiu", "wen", "hui", "peng", "hao", "xin", "yi",
    "ting", "xue", "lin", "chen", "jian", "guo", "zhi", "hong", "mei", "bo", "bin", "ning", "fei", "kai", "dan",
    "feng", "liang", "qian", "ying", "jia", "si", "zi", "han", "xuan", "shu", "ya", "yao", "qi", "rui", "ze",
]
EMAIL_DOMAINS = [
    ("qq.com", 14), ("163.com", 12), ("126.com", 6), ("sina.com", 3), ("sohu.com", 2), ("foxmail.com", 3),
    ("139.com", 2), ("aliyun.com", 2), ("yeah.net", 1), ("gmail.com", 4), ("outlook.com", 3), ("hotmail.com", 1),
    ("example.com", 8), ("example.cn", 6), ("mail.example.com.cn", 3), ("corp.example.org", 3), ("example.net", 3),
]

CARRIERS = [("顺丰速运", "SF"), ("圆通速递", "YT"), ("中通快递", "ZTO"), ("韵达快递", "YD"), ("京东物流", "JD"),
            ("极兔速递", "JT"), ("申通快递", "STO"), ("EMS", "EMS")]
SERVICES = ["order-svc", "courier-dispatch", "member-center", "pay-gateway", "sms-sender", "hotel-pms",
            "kyc-service", "address-book", "checkout-api", "waybill-print", "crm-ticket", "notify-worker"]
HOTELS = ["如家酒店(西湖店)", "汉庭酒店", "全季酒店", "锦江之星", "亚朵酒店", "维也纳酒店", "城市便捷酒店"]
ROOM_TYPES = ["大床房", "双床房", "商务大床房", "豪华双床房", "家庭房"]
REMARKS = ["放快递柜", "放门卫", "工作日送货", "易碎品轻放", "送货前电话联系", "周末不在家", "请勿放驿站"]
GOODS = ["文件", "服装", "电子产品", "食品", "日用品", "书籍", "化妆品"]

FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
ASCII_DIGITS = str.maketrans("０１２３４５６７８９＋（）", "0123456789+()")

# --------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------

BAD_GAZETTEER_NAMES = {"522302"}  # "兴仁县市": known defect noted in regions.NOTICE.txt


class Gazetteer:
    def __init__(self, path: str):
        self.codes: set = set()
        self.provinces: dict = {}  # 2-digit prefix -> province name
        self.counties: list = []  # rows usable for IDs and addresses
        self.prefix_names: list = []  # province and city names an address may start with
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                code = row["code"]
                self.codes.add(code)
                if row["level"] == "province":
                    self.provinces[code[:2]] = row["name"]
                elif row["level"] == "county":
                    if row["name"] in ("市辖区", "县") or code in BAD_GAZETTEER_NAMES:
                        continue
                    self.counties.append(row)
        names = set(self.provinces.values())
        for r in self.counties:
            if not _is_virtual_city(r):
                names.add(r["city"])
        self.prefix_names = sorted(names, key=lambda s: (-len(s), s))
        self.id_provinces = sorted(set(self.provinces) | {"83"})
        self.mainland_provinces = sorted(p for p in self.provinces if 11 <= int(p) <= 65)


def _is_virtual_city(row) -> bool:
    city = row["city"]
    return city == row["province"] or "直辖" in city or city in ("", "市辖区", "县")


# --------------------------------------------------------------------------
# Validators (asserted on every labelled value)
# --------------------------------------------------------------------------

def to_ascii(s: str) -> str:
    return s.translate(ASCII_DIGITS)


def id_check_char(body17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS)) % 11]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    for c in "0123456789":
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError("unreachable")


def real_date(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


VALID_ID_PROVINCES: frozenset = frozenset()  # filled in main() from the gazetteer (+ "83")


def valid_id18(s: str, lo: int = 1900, hi: int = 2026) -> bool:
    s = to_ascii(s).replace(" ", "")
    if not re.fullmatch(r"\d{17}[\dXx]", s):
        return False
    if s[:2] not in VALID_ID_PROVINCES:
        return False
    y, m, d = int(s[6:10]), int(s[10:12]), int(s[12:14])
    if not (lo <= y <= hi and real_date(y, m, d)):
        return False
    return id_check_char(s[:17]) == s[17].upper()


def valid_id15(s: str) -> bool:
    s = to_ascii(s).replace(" ", "")
    if not re.fullmatch(r"\d{15}", s) or s[:2] not in VALID_ID_PROVINCES:
        return False
    return real_date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))


def valid_mobile(s: str) -> bool:
    t = to_ascii(s)
    m = re.fullmatch(r"(?:\(\+86\) ?|\+86[ -]?|0086[ -]?)?(\d{3})([ -]?)(\d{4})\2(\d{4})", t)
    return bool(m) and m.group(1) in MOBILE_PREFIX_SET


def valid_landline(s: str) -> bool:
    t = to_ascii(s)
    m = re.fullmatch(r"(?:\((0\d{2,3})\)|(0\d{2,3}?)[- ]?)([2-8][\d ]{5,8}\d)(?:(?:-|转)\d{1,5})?", t)
    if m and _landline_parts_ok(m.group(1) or m.group(2), m.group(3)):
        return True
    m = re.fullmatch(r"(?:\((0\d{2,3})\)|(0\d{2,3})[- ]?)([2-8][\d ]{5,8}\d)(?:(?:-|转)\d{1,5})?", t)
    return bool(m) and _landline_parts_ok(m.group(1) or m.group(2), m.group(3))


def _landline_parts_ok(area: str, local: str) -> bool:
    groups = local.split(" ")
    local_digits = "".join(groups)
    if area not in AREA_SET or not local_digits.isdigit():
        return False
    if len(groups) > 2 or (len(groups) == 2 and len(groups[1]) != 4):
        return False
    want = (8,) if len(area) == 3 else (7, 8)
    return len(local_digits) in want


def valid_card(s: str) -> bool:
    t = s.replace(" ", "").replace("-", "")
    if not (t.isdigit() and 16 <= len(t) <= 19 and luhn_ok(t)):
        return False
    if len(t) == 18 and valid_id18(t):
        return False  # would be ambiguous with a resident ID
    return t[:2] == "62" or t[0] == "4" or 51 <= int(t[:2]) <= 55


EMAIL_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9])?@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def valid_email(s: str) -> bool:
    return bool(EMAIL_RE.fullmatch(s)) and ".." not in s


def is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def valid_name(s: str) -> bool:
    if not (2 <= len(s) <= 4 and all(is_cjk(c) for c in s)):
        return False
    if s[:2] in COMPOUND_SURNAMES:
        return len(s) >= 3
    return s[0] in SURNAMES and len(s) <= 3


def make_address_validator(gz: Gazetteer):
    county_names = sorted({r["name"] for r in gz.counties}, key=lambda s: (-len(s), s))
    county_re = re.compile("|".join(re.escape(n) for n in county_names))
    prefix_re = re.compile("|".join(re.escape(n) for n in gz.prefix_names))

    def valid_address(s: str) -> bool:
        return bool(
            prefix_re.match(s)
            and county_re.search(s)
            and re.search(r"(路|街|大道)\d+(弄\d+)?号", s)
            and re.search(r"(号|栋|幢|单元|室)$", s)
        )

    return valid_address


VALIDATORS: dict = {}


def validate(kind: str, value: str) -> None:
    if kind == "cn_id":
        ok = valid_id18(value, 1940, 2020) or valid_id15(value)
        t = to_ascii(value).replace(" ", "")
        if ok and len(t) == 18 and t.isdigit() and t.startswith("62") and luhn_ok(t):
            ok = False  # ambiguous with a UnionPay card
    elif kind == "cn_mobile":
        ok = valid_mobile(value)
    elif kind == "cn_landline":
        ok = valid_landline(value)
    elif kind == "bank_card":
        ok = valid_card(value)
    elif kind == "email":
        ok = valid_email(value)
    elif kind == "cn_name":
        ok = valid_name(value)
    elif kind == "cn_address":
        ok = VALIDATORS["cn_address"](value)
    else:
        ok = False
    if not ok:
        raise AssertionError(f"invalid {kind} value: {value!r}")


def digits_look_like_pii(t: str) -> bool:
    """True if a bare digit run would pass any validator (so it must not appear unlabelled)."""
    n = len(t)
    if n == 11 and t[:3] in MOBILE_PREFIX_SET:
        return True
    if n == 18 and valid_id18(t):
        return True
    if n == 15 and valid_id15(t):
        return True
    if 16 <= n <= 19 and luhn_ok(t):
        return True
    if t[0] == "0" and (valid_landline(t[:3] + "-" + t[3:]) or valid_landline(t[:4] + "-" + t[4:])):
        return True
    return False


GROUPED_PATTERNS = [
    re.compile(r"(?<![0-9A-Za-z])(?:\(\+86\) ?|\+86[ -]?|0086[ -]?)?1\d{2}[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])"),
    re.compile(r"(?<![0-9A-Za-z])\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?(?![0-9A-Za-z])"),
    re.compile(r"(?<![0-9A-Za-z])\d{6} \d{8} \d{3}[\dXx](?![0-9A-Za-z])"),
    re.compile(r"(?<![0-9A-Za-z])(?:\(0\d{2,3}\)|0\d{2,3}[- ]?)[2-8]\d{2,3} ?\d{4}(?![0-9A-Za-z])"),
]


def text_is_clean(s: str) -> bool:
    """No PII-looking token in s (s has labelled spans and negatives already masked out)."""
    a = to_ascii(s)
    for m in re.finditer(r"[0-9A-Za-z]+", a):
        t = m.group()
        if t.isdigit():
            if digits_look_like_pii(t):
                return False
        elif re.fullmatch(r"\d{17}[Xx]", t) and valid_id18(t):
            return False
    for pat in GROUPED_PATTERNS:
        for m in pat.finditer(a):
            v = m.group()
            if valid_mobile(v) or valid_landline(v):
                return False
            d = re.sub(r"[ -]", "", v)
            if (d.isdigit() and 16 <= len(d) <= 19 and luhn_ok(d)) or valid_id18(d):
                return False
    if "@" in a:
        return False
    return True


# --------------------------------------------------------------------------
# Line builder: tracks UTF-8 byte offsets and char offsets
# --------------------------------------------------------------------------

class Line:
    def __init__(self):
        self.parts: list = []
        self.blen = 0
        self.clen = 0
        self.spans: list = []  # (bstart, bend, kind, cstart, cend, fmt)
        self.negs: list = []  # (bstart, bend, category, cstart, cend)

    def add(self, s: str) -> "Line":
        self.parts.append(s)
        self.blen += len(s.encode("utf-8"))
        self.clen += len(s)
        return self

    def pii(self, kind: str, value: str, fmt: str = "") -> "Line":
        validate(kind, value)
        b, c = self.blen, self.clen
        self.add(value)
        self.spans.append((b, self.blen, kind, c, self.clen, fmt))
        return self

    def neg(self, category: str, value: str) -> "Line":
        b, c = self.blen, self.clen
        self.add(value)
        self.negs.append((b, self.blen, category, c, self.clen))
        return self

    def text(self) -> str:
        return "".join(self.parts)


# --------------------------------------------------------------------------
# Value generators
# --------------------------------------------------------------------------

class Clock:
    def __init__(self, rng: Random, start: dt.datetime):
        self.rng = rng
        self.now = start

    def tick(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=self.rng.randint(0, 37), milliseconds=self.rng.randint(0, 999))
        return self.now


def weighted(rng: Random, items):
    total = sum(w for _, w in items)
    x = rng.random() * total
    for v, w in items:
        x -= w
        if x < 0:
            return v
    return items[-1][0]


class Gen:
    """All random choices for one output file go through one seeded Random."""

    def __init__(self, rng: Random, gz: Gazetteer, clock: Clock):
        self.rng = rng
        self.gz = gz
        self.clock = clock

    def digits(self, n: int, first: str = "0123456789") -> str:
        r = self.rng
        return r.choice(first) + "".join(r.choice("0123456789") for _ in range(n - 1))

    # ---- names -------------------------------------------------------------
    def name(self) -> str:
        r = self.rng
        if r.random() < 0.08:
            sur = r.choice(COMPOUND_SURNAMES)
        else:
            sur = r.choice(SURNAMES)
        n_given = 1 if r.random() < 0.35 else 2
        return sur + "".join(r.choice(GIVEN_CHARS) for _ in range(n_given))

    # ---- mobiles -----------------------------------------------------------
    def mobile_digits(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + self.digits(8)

    def mobile(self, allow_fw: bool = True):
        d = self.mobile_digits()
        a, b, c = d[:3], d[3:7], d[7:]
        fmt = weighted(self.rng, [
            ("plain", 42), ("dash", 9), ("space", 9), ("+86 grouped", 6), ("+86", 6), ("+86 space", 4),
            ("+86-", 3), ("0086", 4), ("0086 space", 3), ("(+86)", 5), ("fullwidth", 6 if allow_fw else 0),
        ])
        s = {
            "plain": d, "dash": f"{a}-{b}-{c}", "space": f"{a} {b} {c}", "+86 grouped": f"+86 {a} {b} {c}",
            "+86": "+86" + d, "+86 space": "+86 " + d, "+86-": "+86-" + d, "0086": "0086" + d,
            "0086 space": f"0086 {a} {b} {c}", "(+86)": "(+86)" + d, "fullwidth": d.translate(FW_DIGITS),
        }[fmt]
        return s, fmt

    # ---- resident IDs ------------------------------------------------------
    def region_code(self) -> str:
        r = self.rng
        if r.random() < 0.05:
            prov = r.choice(self.gz.mainland_provinces)
            while True:
                code = prov + f"{r.randint(1, 99):02d}{r.randint(1, 99):02d}"
                if code not in self.gz.codes:
                    return code
        return r.choice(self.gz.counties)["code"]

    def birth(self, lo: int, hi: int) -> dt.date:
        a = dt.date(lo, 1, 1).toordinal()
        b = dt.date(hi, 12, 31).toordinal()
        return dt.date.fromordinal(self.rng.randint(a, b))

    def cn_id(self):
        """Returns (text, fmt, gender)."""
        r = self.rng
        region = self.region_code()
        if r.random() < 0.07:
            while True:
                bd = self.birth(1940, 1985)
                seq = f"{r.randrange(1000):03d}"
                s = region + bd.strftime("%y%m%d") + seq
                if valid_id15(s):
                    return s, "legacy15", "男" if int(seq[2]) % 2 else "女"
        want_x = r.random() < 0.10
        while True:
            bd = self.birth(1940, 2020)
            seq = f"{r.randrange(1000):03d}"
            body = region + bd.strftime("%Y%m%d") + seq
            chk = id_check_char(body)
            if want_x and chk != "X":
                continue
            full = body + chk
            if full.isdigit() and full.startswith("62") and luhn_ok(full):
                continue
            break
        fmt = "plain"
        if chk == "X" and r.random() < 0.35:
            full = body + "x"
            fmt = "lower-x"
        elif chk == "X":
            fmt = "X"
        if r.random() < 0.08:
            full = f"{full[:6]} {full[6:14]} {full[14:]}"
            fmt = "grouped-6-8-4"
        return full, fmt, "男" if int(seq[2]) % 2 else "女"

    # ---- landlines ---------------------------------------------------------
    def landline(self):
        r = self.rng
        if r.random() < 0.35:
            area = r.choice(AREA3)
            n = 8
        else:
            area = r.choice(AREA4)
            n = 8 if r.random() < 0.7 else 7
        local = self.digits(n, "2345678")
        ext = self.digits(r.randint(2, 4), "123456789")
        fmt = weighted(r, [("dash", 42), ("paren", 10), ("fw-paren", 4), ("space-grouped", 9), ("space", 10),
                           ("ext-dash", 10), ("ext-转", 10), ("plain", 5)])
        grouped = f"{local[:-4]} {local[-4:]}"
        s = {
            "dash": f"{area}-{local}", "paren": f"({area}){local}", "fw-paren": f"（{area}）{local}",
            "space-grouped": f"{area} {grouped}", "space": f"{area} {local}", "ext-dash": f"{area}-{local}-{ext}",
            "ext-转": f"{area}-{local}转{ext}", "plain": f"{area}{local}",
        }[fmt]
        return s, fmt

    # ---- bank cards --------------------------------------------------------
    UNIONPAY_BINS = [("622202", 19), ("622848", 19), ("621700", 19), ("622700", 19), ("621226", 19),
                     ("622588", 16), ("621483", 16), ("622262", 19), ("621661", 19), ("623668", 19),
                     ("622609", 16), ("625908", 16), ("621799", 19), ("622908", 18), ("621285", 17),
                     ("622150", 19), ("621098", 19), ("622630", 16)]

    def card(self):
        r = self.rng
        brand = weighted(r, [("unionpay", 76), ("visa", 13), ("master", 11)])
        while True:
            if brand == "unionpay":
                bin_, n = r.choice(self.UNIONPAY_BINS)
            elif brand == "visa":
                bin_, n = "4" + self.digits(5), 16
            else:
                bin_, n = str(r.randint(51, 55)) + self.digits(4), 16
            num = luhn_complete(bin_ + self.digits(n - len(bin_) - 1))
            if not (len(num) == 18 and valid_id18(num)):
                break
        style = weighted(r, [("plain", 70), ("grouped", 25), ("dashed", 5)])
        if style != "plain":
            sep = " " if style == "grouped" else "-"
            num = sep.join(num[i:i + 4] for i in range(0, len(num), 4))
        return num, f"{brand}-{style}"

    # ---- email -------------------------------------------------------------
    def email(self):
        r = self.rng
        s, g = r.choice(PINYIN_SURNAMES), r.choice(PINYIN_GIVEN)
        style = weighted(r, [("name+digits", 25), ("dotted", 14), ("underscore", 10), ("initials", 10),
                             ("qq-numeric", 14), ("mobile-local", 5), ("plus-tag", 5), ("given-surname", 12),
                             ("upper", 5)])
        if style == "name+digits":
            local = s + g + self.digits(r.randint(2, 4))
        elif style == "dotted":
            local = f"{g}.{s}" if r.random() < 0.5 else f"{s}.{g}{r.randint(1, 99)}"
        elif style == "underscore":
            local = f"{s}_{g}{r.randint(70, 99)}"
        elif style == "initials":
            local = s[0] + g[0] + self.digits(r.randint(3, 6))
        elif style == "qq-numeric":
            local = self.digits(r.randint(6, 10), "123456789")
        elif style == "mobile-local":
            local = self.mobile_digits()
        elif style == "plus-tag":
            local = f"{s}{g}+{r.choice(['shop', 'news', 'jd', 'taobao'])}"
        elif style == "given-surname":
            local = f"{g}{s}"
        else:
            local = f"{s.capitalize()}.{g.capitalize()}"
        if style == "qq-numeric":
            domain = "qq.com"
        elif style == "mobile-local":
            domain = r.choice(["139.com", "163.com", "126.com"])
        else:
            domain = weighted(r, EMAIL_DOMAINS)
        return f"{local}@{domain}", style

    # ---- addresses ---------------------------------------------------------
    def address(self, end_with_room: bool = False):
        r = self.rng
        row = r.choice(self.gz.counties)
        prov, city, county = row["province"], row["city"], row["name"]
        virtual = _is_virtual_city(row)
        if virtual:
            prefix = prov + county if city != prov else prov + county
        elif r.random() < 0.12:
            prefix = city + county
        else:
            prefix = prov + city + county
        street = r.choice(STREET_ROOTS) + r.choice(STREET_DIRS) + r.choice(STREET_SUFFIXES)
        num = f"{r.randint(1, 999)}号"
        if prov == "上海市" and r.random() < 0.4:
            num = f"{r.randint(1, 999)}弄{r.randint(1, 60)}号"
        tail = weighted(r, [("号", 0 if end_with_room else 24), ("号室", 16), ("号栋单元室", 30),
                            ("号小区栋单元室", 10), ("号栋室", 12), ("号栋", 0 if end_with_room else 8)])
        if "栋" in tail:
            b = r.randint(1, 32)
            bld = weighted(r, [(f"{b}栋", 60), (f"{b}幢", 18), (f"{b}号楼", 22)])
            if tail == "号栋" and bld.endswith("号楼"):
                bld = f"{b}栋"
        floor, room = r.randint(1, 33), r.randint(1, 8)
        roomno = f"{floor}{room:02d}室"
        out = prefix + street + num
        if tail == "号室":
            out += roomno
        elif tail == "号栋单元室":
            out += f"{bld}{r.randint(1, 6)}单元{roomno}"
        elif tail == "号小区栋单元室":
            out += r.choice(ESTATES) + r.choice(ESTATE_SUFFIXES) + f"{bld}{r.randint(1, 6)}单元{roomno}"
        elif tail == "号栋室":
            out += bld + roomno
        elif tail == "号栋":
            out += bld
        return out, ("no-province" if not out.startswith(prov) else "full") + "/" + tail

    # ---- filler ------------------------------------------------------------
    def hex(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def uid(self) -> str:
        r = self.rng
        return r.choice(["u_", "U", "uid_", "m"]) + str(r.randint(1000, 9999999))

    # ---- hard negatives ----------------------------------------------------
    def neg_value(self, cat: str, carrier: str = "") -> str:
        for _ in range(1000):
            v = self._neg_value(cat, carrier)
            if cat == "amount":
                assert re.search(r"\d\.\d\d$", v), v
                return v
            if text_is_clean(v):
                return v
        raise AssertionError(f"could not build a clean negative for {cat}")

    def _neg_value(self, cat: str, carrier: str = "") -> str:
        r = self.rng
        if cat == "id_bad_check":
            body = r.choice(self.gz.counties)["code"] + self.birth(1940, 2020).strftime("%Y%m%d") + self.digits(3)
            good = id_check_char(body)
            return body + r.choice([c for c in ID_CHECK if c != good])
        if cat == "id_bad_date":
            y = r.randint(1950, 2010)
            kind = r.choice(["month13", "month00", "day00", "day32", "feb30", "feb29", "day31"])
            if kind == "month13":
                md = f"{r.randint(13, 19)}{r.randint(1, 28):02d}"
            elif kind == "month00":
                md = f"00{r.randint(1, 28):02d}"
            elif kind == "day00":
                md = f"{r.randint(1, 12):02d}00"
            elif kind == "day32":
                md = f"{r.randint(1, 12):02d}{r.randint(32, 39)}"
            elif kind == "feb30":
                md = f"02{r.choice([30, 31])}"
            elif kind == "feb29":
                while y % 4 == 0:
                    y += 1
                md = "0229"
            else:
                md = f"{r.choice(['04', '06', '09', '11'])}31"
            body = r.choice(self.gz.counties)["code"] + f"{y}{md}" + self.digits(3)
            assert not real_date(y, int(md[:2]), int(md[2:]))
            return body + id_check_char(body)
        if cat == "id_bad_province":
            bad = [f"{p:02d}" for p in list(range(0, 11)) + list(range(66, 71)) + list(range(72, 81)) + list(range(84, 100))]
            body = r.choice(bad) + self.digits(4) + self.birth(1950, 2010).strftime("%Y%m%d") + self.digits(3)
            return body + id_check_char(body)
        if cat == "mobile_bad_prefix":
            return "1" + r.choice("012") + self.digits(9)
        if cat == "mobile_in_long_run":
            n = r.randint(13, 20)
            pos = r.randint(0, n - 11)
            s = self.digits(pos, "123456789") if pos else ""
            s += self.mobile_digits()
            s += self.digits(n - len(s)) if n > len(s) else ""
            return s
        if cat == "waybill_no":
            kind = carrier or r.choice(["SF", "YT", "JT", "JD", "ZTO", "STO", "YD", "EMS"])
            if kind == "SF":
                return "SF" + self.digits(r.choice([12, 13]), "123456789")
            if kind in ("YT", "JT"):
                return kind + self.digits(13, "123456789")
            if kind == "JD":
                return "JDVA" + self.digits(11, "123456789")
            if kind == "ZTO":
                return r.choice(["73", "75", "78"]) + self.digits(10)
            if kind == "STO":
                return "773" + self.digits(12)
            if kind == "YD":
                return r.choice(["43", "46", "31"]) + self.digits(11)
            return "E" + r.choice("ABCEKL") + self.digits(9) + "CN"
        if cat == "order_id":
            if r.random() < 0.5:
                d = self.clock.now.strftime("%Y%m%d")
                return d + self.digits(r.choice([8, 10, 12]))
            return self.digits(r.choice([12, 13, 14, 16, 17, 18, 19, 20]), "123456789")
        if cat == "timestamp":
            t = self.clock.now
            kind = r.choice(["compact", "epoch_ms", "epoch_s"])
            epoch = int((t - dt.datetime(1970, 1, 1)).total_seconds())
            if kind == "compact":
                return t.strftime("%Y%m%d%H%M%S")
            if kind == "epoch_ms":
                return str(epoch * 1000 + r.randint(0, 999))
            return str(epoch)
        if cat == "amount":
            sym = r.choice(["", "", "¥", "￥"])
            if r.random() < 0.35:
                return sym + self.mobile_digits() + r.choice([".00", ".50", ".88", ".10"])
            return sym + f"{r.randint(1, 99999)}.{r.randint(0, 99):02d}"
        if cat == "ipv4":
            kind = r.choice(["10", "172", "192", "pub"])
            if kind == "10":
                return f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
            if kind == "172":
                return f"172.{r.randint(16, 31)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
            if kind == "192":
                return f"192.168.{r.randint(0, 255)}.{r.randint(1, 254)}"
            return f"{r.randint(1, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        if cat == "uuid":
            return str(uuid.UUID(int=r.getrandbits(128), version=4))
        if cat == "hex_trace_id":
            run = 11 if r.random() < 0.5 else r.randint(6, 15)
            pos = r.randint(1, 32 - run - 1)
            chars = [r.choice("0123456789abcdef") for _ in range(32)]
            chars[pos - 1] = r.choice("abcdef")
            chars[pos + run] = r.choice("abcdef")
            digits = self.mobile_digits() if run == 11 else self.digits(run)
            chars[pos:pos + run] = list(digits)
            return "".join(chars)
        if cat == "luhn_fail":
            n = r.randint(16, 19)
            s = ("62" + self.digits(n - 2)) if r.random() < 0.5 else self.digits(n, "123456789")
            if luhn_ok(s):
                s = s[:-1] + str((int(s[-1]) + r.randint(1, 9)) % 10)
            return s
        if cat == "url_query_id":
            host = r.choice(["m.example.com", "api.example.cn", "shop.example.com", "track.example.net"])
            path = r.choice(["/track", "/api/v1/orders", "/item/detail", "/h5/coupon", "/share"])
            q = [
                ("id", self._neg_value("mobile_bad_prefix")),
                ("order_id", self._neg_value("order_id")),
                ("item", str(r.randint(100000, 9999999999))),
                ("no", self._neg_value("waybill_no")),
            ]
            r.shuffle(q)
            k = r.randint(1, 3)
            return f"https://{host}{path}?" + "&".join(f"{a}={b}" for a, b in q[:k])
        if cat == "service_hotline":
            kind = r.choice(["400", "800", "95"])
            if kind == "95":
                return "95" + self.digits(3)
            return f"{kind}-{self.digits(3, '123456789')}-{self.digits(4)}"
        if cat == "transit_hub":
            row = r.choice(self.gz.counties)
            city = row["city"] if not _is_virtual_city(row) else row["name"]
            if r.random() < 0.5:
                return city.rstrip("市") + r.choice(["转运中心", "分拨中心", "集散中心"])
            return city + row["name"] + r.choice(["营业部", "营业点", "网点"])
        raise KeyError(cat)


NEG_CATEGORIES = [
    ("id_bad_check", 8), ("id_bad_date", 8), ("id_bad_province", 3), ("mobile_bad_prefix", 8),
    ("mobile_in_long_run", 8), ("waybill_no", 8), ("order_id", 10), ("timestamp", 8), ("amount", 8),
    ("ipv4", 6), ("uuid", 6), ("hex_trace_id", 6), ("luhn_fail", 8), ("url_query_id", 5),
    ("service_hotline", 3), ("transit_hub", 3),
]
NEG_LABELS = {
    "id_bad_check": (["交易流水号", "批次号", "凭证号"], ["txn_id", "batch_no", "voucher_no"]),
    "id_bad_date": (["交易流水号", "批次号", "凭证号"], ["txn_id", "batch_no", "voucher_no"]),
    "id_bad_province": (["交易流水号", "凭证号"], ["txn_id", "ref_no"]),
    "mobile_bad_prefix": (["会员号", "用户ID", "设备号"], ["uid", "member_id", "device_no"]),
    "mobile_in_long_run": (["交易号", "流水号"], ["seq", "txn_no", "serial"]),
    "waybill_no": (["运单号", "快递单号"], ["waybill", "tracking_no"]),
    "order_id": (["订单号"], ["order_id", "order_no"]),
    "timestamp": (["时间戳"], ["ts", "event_time", "created"]),
    "amount": (["金额", "实付", "订单金额"], ["amount", "total"]),
    "ipv4": (["IP", "登录IP"], ["ip", "client_ip", "remote_addr"]),
    "uuid": (["请求ID"], ["request_id", "rid"]),
    "hex_trace_id": (["追踪ID"], ["trace_id", "trace"]),
    "luhn_fail": (["商户单号", "支付流水"], ["out_trade_no", "pay_seq"]),
    "url_query_id": (["链接"], ["url", "referer"]),
    "service_hotline": (["客服热线"], ["hotline"]),
    "transit_hub": (["当前网点"], ["hub"]),
}


# --------------------------------------------------------------------------
# Template renderer
# --------------------------------------------------------------------------
# {name} {mobile} {phone} {landline} {id} {card} {email} {addr} {addr_room}  -> labelled PII
# {n:cat}  bare hard negative      {nz}/{ne}  labelled random negative (zh / key=value)
# {C} colon variant for this line   ⟨...⟩ optional segment (p=0.5, no nesting)
# other {x}: filler (see Renderer.filler)

TOKEN_RE = re.compile(r"\{([A-Za-z_0-9:]+)\}|⟨([^⟩]*)⟩")


class Renderer:
    def __init__(self, g: Gen, stats: Counter):
        self.g = g
        self.stats = stats

    def new_line_ctx(self):
        r = self.g.rng
        self.C = weighted(r, [("：", 45), (":", 25), (": ", 15), ("： ", 10), (" ", 5)])
        self.person_id = None
        self.carrier = ""

    def random_neg_cat(self) -> str:
        return weighted(self.g.rng, NEG_CATEGORIES)

    def neg_field(self, L: Line, cat: str, lang: str):
        r = self.g.rng
        zh, en = NEG_LABELS[cat]
        v = self.g.neg_value(cat)
        if lang == "zh":
            if cat == "transit_hub":
                L.add("快件已到达【").neg(cat, v).add("】")
                return
            L.add(r.choice(zh) + self.C).neg(cat, v)
        else:
            L.add(r.choice(en) + "=").neg(cat, v)

    def pii(self, L: Line, kind: str, **kw):
        g = self.g
        if kind == "cn_id":
            if self.person_id is not None:
                v, fmt, _ = self.person_id
                self.person_id = None
            else:
                v, fmt, _ = g.cn_id()
        elif kind == "cn_mobile":
            v, fmt = g.mobile(**kw)
        elif kind == "cn_landline":
            v, fmt = g.landline()
        elif kind == "bank_card":
            v, fmt = g.card()
        elif kind == "email":
            v, fmt = g.email()
        elif kind == "cn_name":
            v, fmt = g.name(), ""
        elif kind == "cn_address":
            v, fmt = g.address(**kw)
        else:
            raise KeyError(kind)
        L.pii(kind, v, fmt)

    def filler(self, key: str) -> str:
        g, r = self.g, self.g.rng
        now = g.clock.now
        if key == "C":
            return self.C
        if key == "date":
            return now.strftime("%Y-%m-%d")
        if key == "date2":
            return (now + dt.timedelta(days=r.randint(1, 3))).strftime("%Y-%m-%d")
        if key == "hm":
            return now.strftime("%H:%M")
        if key == "hms":
            return now.strftime("%H:%M:%S")
        if key == "room":
            return f"{r.randint(2, 23)}{r.randint(1, 40):02d}"
        if key == "uid":
            return g.uid()
        if key == "ms":
            return str(r.randint(1, 900))
        if key == "k":
            return str(r.randint(1, 9))
        if key == "fee":
            return f"{r.randint(8, 2999)}.{r.choice(['00', '50', '80'])}"
        if key == "kg":
            return f"{r.randint(1, 200) / 10:.1f}"
        if key == "num6":
            return str(r.randint(100000, 999999))
        if key == "code":
            return f"{r.randint(1, 30)}-{r.randint(1, 9)}-{r.randint(1000, 9999)}"
        if key == "hub":
            row = r.choice(g.gz.counties)
            return (row["name"] if _is_virtual_city(row) else row["city"]).rstrip("市")
        if key == "carrier":
            name, self.carrier = r.choice(CARRIERS)
            return name
        if key == "hotel":
            return r.choice(HOTELS)
        if key == "gender":
            if self.person_id is None:
                self.person_id = g.cn_id()
            return self.person_id[2]
        if key == "remark":
            return r.choice(REMARKS)
        if key == "roomtype":
            return r.choice(ROOM_TYPES)
        if key == "zip":
            return str(r.randint(100000, 859999))
        if key == "goods":
            return r.choice(GOODS)
        if key == "lvl":
            return weighted(r, [("INFO", 70), ("WARN", 14), ("ERROR", 10), ("DEBUG", 6)])
        if key == "svc":
            return r.choice(SERVICES)
        if key == "ticket":
            return f"T{now.strftime('%m%d')}-{r.randint(100, 999)}"
        raise KeyError(key)

    def render(self, L: Line, tpl: str):
        r = self.g.rng
        pos = 0
        for m in TOKEN_RE.finditer(tpl):
            if m.start() > pos:
                L.add(tpl[pos:m.start()])
            pos = m.end()
            if m.group(2) is not None:
                if r.random() < 0.5:
                    self.render(L, m.group(2))
                continue
            key = m.group(1)
            if key == "name":
                self.pii(L, "cn_name")
            elif key == "mobile":
                self.pii(L, "cn_mobile")
            elif key == "phone":
                self.pii(L, "cn_mobile" if r.random() < 0.72 else "cn_landline")
            elif key == "landline":
                self.pii(L, "cn_landline")
            elif key == "id":
                self.pii(L, "cn_id")
            elif key == "card":
                self.pii(L, "bank_card")
            elif key == "email":
                self.pii(L, "email")
            elif key == "addr":
                self.pii(L, "cn_address")
            elif key == "addr_room":
                self.pii(L, "cn_address", end_with_room=True)
            elif key.startswith("n:"):
                cat = key[2:]
                L.neg(cat, self.g.neg_value(cat, self.carrier if cat == "waybill_no" else ""))
            elif key == "nz":
                self.neg_field(L, self.random_neg_cat(), "zh")
            elif key == "ne":
                self.neg_field(L, self.random_neg_cat(), "en")
            else:
                L.add(self.filler(key))
        if pos < len(tpl):
            L.add(tpl[pos:])


# --------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------

WAYBILL_TEMPLATES = [
    "【{carrier}】运单号{C}{n:waybill_no} 寄件人{C}{name} 电话{C}{phone} 寄件地址{C}{addr} 收件人{C}{name} 电话{C}{mobile} 收货地址{C}{addr}⟨ 重量{C}{kg}kg⟩⟨ 运费{C}¥{fee}⟩",
    "运单 {n:waybill_no} | 收件人 {name} | 电话 {mobile} | 地址 {addr} | 备注 {remark}",
    "收件人{C}{name}，联系电话{C}{phone}，收货地址{C}{addr}⟨，{nz}⟩",
    "[{carrier}] 寄件人{C}{name} 寄件人电话{C}{phone} 收件人{C}{name} 收件人电话{C}{mobile} 收件地址{C}{addr} 运单号{C}{n:waybill_no}",
    "快件已到达【{n:transit_hub}】，正在派送，收件人{C}{name}，电话{C}{mobile}⟨，{nz}⟩",
    "取件通知：联系人{C}{name}，手机{C}{mobile}，取件地址{C}{addr}，预约时间{C}{date} {hm}",
    "[{carrier}] 收货地址{C}{addr} 收件人{C}{name} 手机{C}{mobile} 备用电话{C}{landline}",
    "电子面单 运单号{C}{n:waybill_no} 收件人{C}{name} {mobile} {addr} 寄件人{C}{name} {phone} 物品{C}{goods}",
    "收件人：{name}；电话：{phone}；地址：{addr}；订单号：{n:order_id}",
    "寄件人 {name} {phone} 地址 {addr} → 收件人 {name} {mobile} 收货地址 {addr}",
    "派件异常：收件人{C}{name}，电话{C}{mobile}无人接听，地址{C}{addr}，已转{hub}网点⟨，{nz}⟩",
    "【{carrier}】您的快件{n:waybill_no}已签收，收件人{C}{name}，如有疑问请拨打{n:service_hotline}",
    "[{carrier}] 月结客户寄件 寄件人{C}{name} 座机{C}{landline} 寄件地址{C}{addr} 收件人{C}{name} 手机{C}{mobile} 运单号{C}{n:waybill_no}",
    "代收货款 运单号{C}{n:waybill_no} 收件人{C}{name} 电话{C}{phone} 货款{C}¥{fee} 回款卡号{C}{card}",
]

HOTEL_TEMPLATES = [
    "【入住登记】姓名{C}{name} 性别{C}{gender} 民族{C}汉 身份证号{C}{id} 住址{C}{addr} 房号{C}{room} 入住时间{C}{date} {hm}⟨ 联系电话{C}{mobile}⟩",
    "PMS check-in room={room} 姓名{C}{name} 证件类型{C}居民身份证 证件号码{C}{id} 手机{C}{mobile} 入住时间{C}{date} {hms}⟨ {nz}⟩",
    "酒店前台登记 | 姓名 {name} | 身份证 {id} | 电话 {phone} | 住址 {addr} | 房号 {room} | 入住 {date} 离店 {date2}",
    "[{hotel}] 入住登记 房号{C}{room} 入住时间{C}{date} {hm} 姓名{C}{name} 身份证号{C}{id}⟨ 同住人姓名{C}{name} 身份证号{C}{id}⟩",
    "预订确认：联系人{C}{name}，手机{C}{mobile}，邮箱{C}{email}，房型{C}{roomtype}，入住时间{C}{date}⟨，{nz}⟩",
    "退房结账 房号{C}{room} 姓名{C}{name} 消费{C}¥{fee} 支付卡号{C}{card}⟨ {nz}⟩",
    "旅馆业治安信息上传：姓名={name}，证件号={id}，住址={addr}，入住时间={date} {hms}，房号={room}",
    "[{hotel}] 姓名{C}{name} 性别{C}{gender} 身份证号{C}{id} 入住时间{C}{date} {hm} 房号{C}{room} 押金{C}¥{fee}",
    "入住人信息 姓名{C}{name}；身份证{C}{id}；手机{C}{mobile}；住址{C}{addr_room}；房号{C}{room}",
    "协议客户预订 联系人{C}{name} 办公电话{C}{landline} 邮箱{C}{email} 担保卡号{C}{card} 入住时间{C}{date}",
    "预授权 房号{C}{room} 姓名{C}{name} 信用卡{C}{card} 金额{C}¥{fee}⟨ 邮箱{C}{email}⟩",
]

APP_TEMPLATES = [
    "sms sent phone={mobile} template=SMS_{num6} biz_id={n:order_id} cost={ms}ms",
    "order created order_id={n:order_id} user={uid} phone={mobile} amount={n:amount}",
    "kyc verify name={name} id_card={id} result=PASS trace_id={n:hex_trace_id}",
    "pay callback card_no={card} out_trade_no={n:luhn_fail} amount={fee} status=SUCCESS",
    "user login email={email} ip={n:ipv4} device=iPhone15,2 result=ok",
    "address updated uid={uid} address={addr} request_id={n:uuid}",
    "courier assigned waybill={n:waybill_no} receiver_phone={mobile} receiver_tel={landline}",
    "contact saved name:{name} tel:{landline} email:{email}",
    "SmsException: send to {mobile} failed, code=isv.BUSINESS_LIMIT_CONTROL, requestId={n:uuid}",
    "GET /api/v1/users/{uid}/profile 200 {ms}ms phone={mobile} ip={n:ipv4}",
    "bind card user={uid} card={card} holder name={name} mobile={mobile}",
    "notify sms to={mobile} content=\"您的快递已到{hub}驿站，取件码{code}\"",
    "login failed user={uid} phone={mobile} reason=WRONG_PASSWORD attempts={k} ip={n:ipv4}",
    "export row name={name}, phone={mobile}, id_card={id}, address={addr}",
    "ticket created contact={mobile} email={email} ticket={ticket}⟨ {ne}⟩",
    "realname check name={name} idcard={id} mobile={mobile} channel=operator3 cost={ms}ms",
    "refund to card={card} amount={n:amount} order_id={n:order_id}",
    "delivery address changed from={addr} to={addr} uid={uid}",
    "invoice sent email={email} tel={landline} order_id={n:order_id}",
    "withdraw apply user={uid} card={card} name={name} amount={fee}",
    "newsletter subscribe email={email} source=h5 ip={n:ipv4}",
    "merchant settle card_no={card} contact_tel={landline} batch={n:timestamp}",
    # pure negatives (no PII)
    "GET /api/v1/orders/{n:order_id}?page={k} 200 {ms}ms rid={n:uuid}",
    "payment settled amount={n:amount} ts={n:timestamp} trace={n:hex_trace_id}",
    "redirect url={n:url_query_id} status=302 cost={ms}ms",
    "batch job done processed={k} txn_id={n:id_bad_check} seq={n:mobile_in_long_run}",
    "callback from {n:ipv4} uid={n:mobile_bad_prefix} status=ok",
    "reconcile voucher_no={n:id_bad_date} out_trade_no={n:luhn_fail} ts={n:timestamp}",
]

CHAT_TEMPLATES = [
    "客服备注：客户来电反映包裹未收到，收件人{C}{name}，手机{mobile}，地址{addr}，已登记催件。",
    "用户留言：你好，我的快递一直没到，我的电话是{mobile}，麻烦尽快处理，谢谢！",
    "工单{ticket}：联系人{name}（{mobile}）要求将收货地址改为{addr}⟨，{nz}⟩。",
    "在线客服会话：用户发送身份证号{id}用于实名认证，已提醒勿在对话中发送敏感信息。",
    "客户说退款请打到卡号{card}，姓名{C}{name}，预留手机{mobile}。",
    "我住在{addr}，晚上六点后在家，有事打我电话{phone}。",
    "投诉：快递员没打电话就把包裹放在{addr_room}门口了，联系人{C}{name}，电话{mobile}。",
    "用户反馈邮箱{email}收不到验证码，手机号{mobile}，请技术排查⟨，{nz}⟩。",
    "回访记录：联系人{name}，座机{landline}，对服务表示满意。",
    "寄件人{C}{name}，要求上门取件，地址{addr}，电话{phone}，预约{date}下午。",
    "请将发票寄到{addr}，收件人{name}，电话{mobile}，邮箱{email}。",
    "用户要求修改订单{n:order_id}的收货地址为{addr}，联系电话{mobile}不变。",
    "客户来电：我的新号码是{mobile}，旧号码{mobile}停用了，帮我改一下。",
    "售后：请把换货寄到{addr}，联系人{C}{name}，白天打{landline}，晚上打{mobile}。",
    "顾客咨询：用{card}这张卡付款失败，提示余额不足，联系人{C}{name}。",
    "请把电子发票发到邮箱{email}，抬头个人，有问题打{landline}。",
    "用户：我的卡号是{card}，昨天扣了两次钱，麻烦查一下。客服：已登记，邮箱{email}会收到回复。",
    "公司前台座机{landline}，快递请放前台，联系人{C}{name}。",
    # no PII, negatives only
    "系统通知：订单{n:order_id}已发货，运单号{n:waybill_no}，实付{n:amount}。",
    "客服热线{n:service_hotline}，工作时间9:00-21:00。快件已到达【{n:transit_hub}】。",
    "用户咨询优惠券，链接{n:url_query_id}打不开，已反馈技术。",
    "退款已原路退回，金额{n:amount}，交易号{n:mobile_in_long_run}，预计1-3个工作日到账。",
]

ENGLISH_TEMPLATES = [
    "name: {name}, phone: {mobile}, email: {email}",
    "address={addr} zip={zip}⟨ {ne}⟩",
    "customer name: {name}; tel: {landline}; id: {id}",
    "Name: {name} | Mobile: {mobile} | Address: {addr}",
    "contact_name={name} contact_phone={phone} contact_email={email}",
    "card: {card}, holder name: {name}, order: {n:order_id}",
    "shipping address: {addr}; receiver name: {name}; receiver mobile: {mobile}",
    "user profile -> name={name} id_no={id} phone={phone} email={email}",
    "billing: card_no={card} amount={n:amount} ref={n:luhn_fail}",
    "emergency contact name: {name}, tel: {phone}",
    "guest name={name} passport=none id_card={id} room={room}",
    "email={email} mobile={mobile} last_login_ip={n:ipv4}",
    "bank card: {card}; email: {email}",
    "office tel: {landline}, email: {email}, name: {name}",
    "payee name={name} account={card} bank=ICBC",
]


def log_prefix(L: Line, R: Renderer):
    g, r = R.g, R.g.rng
    t = g.clock.now
    lvl = R.filler("lvl")
    svc = R.filler("svc")
    form = weighted(r, [("iso", 40), ("spring", 25), ("bracket", 20), ("iso-trace", 15)])
    iso = t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
    if form == "iso":
        L.add(f"{iso} {lvl} [{svc}] ")
    elif form == "spring":
        cls = svc.split("-")[0]
        L.add(t.strftime("%Y-%m-%d %H:%M:%S.") + f"{t.microsecond // 1000:03d} {lvl:>5} {r.randint(1000, 65000)} "
              f"--- [nio-8080-exec-{r.randint(1, 20)}] c.e.{cls}.{r.choice(['Controller', 'Service', 'Handler'])} : ")
    elif form == "bracket":
        L.add(t.strftime("[%Y-%m-%d %H:%M:%S] ") + f"{lvl} {svc}: ")
    else:
        L.add(f"{iso} {lvl} {svc} trace=").neg("hex_trace_id", g.neg_value("hex_trace_id")).add(" ")


def style_template(L: Line, R: Renderer, templates, prefix_p: float):
    r = R.g.rng
    if r.random() < prefix_p:
        log_prefix(L, R)
    R.render(L, r.choice(templates))


def style_app(L, R, prefix_p):
    log_prefix(L, R)
    R.render(L, R.g.rng.choice(APP_TEMPLATES))


JSON_PII_KEYS = {
    "cn_mobile": ["phone", "mobile", "receiver_phone", "contact_phone"],
    "cn_id": ["id_card", "idCard", "id_no"],
    "cn_name": ["name", "name", "receiver_name", "guest_name"],
    "cn_address": ["address", "receiver_address", "addr"],
    "email": ["email"],
    "bank_card": ["bank_card", "card_no"],
    "cn_landline": ["tel", "landline"],
}
JSON_MSGS_PLAIN = ["order created", "短信发送成功", "address book synced", "check-in recorded", "waybill printed",
                   "kyc passed", "payment ok", "用户信息已更新", "courier assigned", "export finished"]
JSON_MSGS_PII = [("短信发送至", "cn_mobile", "失败，运营商限流"), ("用户修改收货地址为", "cn_address", ""),
                 ("客服回拨", "cn_mobile", "无人接听"), ("发票已发送至", "email", ""),
                 ("实名认证 身份证号", "cn_id", " 校验通过")]
NUMERIC_NEGS = {"mobile_bad_prefix", "mobile_in_long_run", "order_id", "timestamp", "luhn_fail"}


def style_json(L: Line, R: Renderer, prefix_p: float):
    g, r = R.g, R.g.rng
    t = g.clock.now
    iso = t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
    L.add('{"ts":"' + iso + '","level":"' + R.filler("lvl") + '","svc":"' + R.filler("svc") + '"')
    kinds = [k for k, w in [("cn_mobile", 0.65), ("cn_id", 0.35), ("cn_name", 0.45), ("cn_address", 0.4),
                             ("email", 0.3), ("bank_card", 0.3), ("cn_landline", 0.25)] if r.random() < w]
    if not kinds and r.random() < 0.6:
        kinds = [r.choice(list(JSON_PII_KEYS))]
    negs = []
    if r.random() < 0.55:
        negs = [R.random_neg_cat() for _ in range(r.choice([1, 1, 2]))]
        negs = [c for c in negs if c not in ("transit_hub", "service_hotline")] or ["order_id"]
    fields = [("pii", k) for k in kinds] + [("neg", c) for c in negs]
    r.shuffle(fields)
    nested = len(kinds) >= 2 and r.random() < 0.2
    if nested:
        inner = [f for f in fields if f[0] == "pii"][:2]
        fields = [f for f in fields if f not in inner]
        L.add(',"user":{')
        for i, (_, kind) in enumerate(inner):
            L.add(("," if i else "") + '"' + r.choice(JSON_PII_KEYS[kind]) + '":"')
            R.pii(L, kind)
            L.add('"')
        L.add("}")
    for typ, what in fields:
        if typ == "pii":
            key = r.choice(JSON_PII_KEYS[what])
            if what == "cn_mobile" and r.random() < 0.12:
                L.add(',"' + key + '":').pii("cn_mobile", g.mobile_digits(), "json-number")
                continue
            L.add(',"' + key + '":"')
            R.pii(L, what)
            L.add('"')
        else:
            key = r.choice(NEG_LABELS[what][1])
            v = g.neg_value(what)
            if what in NUMERIC_NEGS and v.isdigit() and r.random() < 0.4:
                L.add(',"' + key + '":').neg(what, v)
            else:
                L.add(',"' + key + '":"').neg(what, v).add('"')
    if r.random() < 0.3:
        pre, kind, post = r.choice(JSON_MSGS_PII)
        L.add(',"msg":"' + pre)
        R.pii(L, kind)
        L.add(post + '"')
    else:
        L.add(',"msg":"' + r.choice(JSON_MSGS_PLAIN) + '"')
    L.add("}")


STYLES = [
    ("waybill", 20, lambda L, R, p: style_template(L, R, WAYBILL_TEMPLATES, p)),
    ("hotel", 15, lambda L, R, p: style_template(L, R, HOTEL_TEMPLATES, p)),
    ("app", 20, style_app),
    ("json", 20, style_json),
    ("chat", 14, lambda L, R, p: style_template(L, R, CHAT_TEMPLATES, p)),
    ("english", 11, lambda L, R, p: style_template(L, R, ENGLISH_TEMPLATES, p)),
]


# --------------------------------------------------------------------------
# Per-line checks
# --------------------------------------------------------------------------

NAME_LABEL_RE = re.compile(r"姓名|收件人|寄件人|联系人|(?i:name)\"?\s*[=:：]")
NAME_LABEL_FOLLOWERS = ("电话", "手机", "地址", "姓名", "要求")
FORBIDDEN_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def check_line(L: Line, style: str) -> None:
    text = L.text()
    raw = text.encode("utf-8")
    assert not any(c in text for c in FORBIDDEN_CHARS), text
    spans = sorted(L.spans)
    prev_end = -1
    for b, e, kind, cs, ce, _ in spans:
        assert 0 <= b < e <= len(raw) and b >= prev_end, (text, spans)
        prev_end = e
        value = raw[b:e].decode("utf-8")
        assert value == text[cs:ce]
        validate(kind, value)
        before = text[cs - 1] if cs > 0 else ""
        after = text[ce] if ce < len(text) else ""
        if kind in ("cn_id", "cn_mobile", "cn_landline", "bank_card"):
            bad = lambda c: bool(c) and (to_ascii(c).isascii() and (to_ascii(c).isalnum() or c in "+-"))
            assert not bad(before) and not bad(after), (kind, value, text)
        elif kind == "email":
            assert not (before and re.match(r"[A-Za-z0-9._%+@-]", before)), text
            assert not (after and re.match(r"[A-Za-z0-9._%+@-]", after)), text
        elif kind == "cn_name":
            assert not (after and is_cjk(after)), (value, text)
        elif kind == "cn_address":
            assert not (after and (after.isdigit() or (is_cjk(after) and not value.endswith("室")))), (value, text)
    for b, e, cat, cs, ce in L.negs:
        for sb, se, *_ in spans:
            assert e <= sb or b >= se, ("negative overlaps a label", text)
    # everything outside labels and negatives must be clean
    cuts = sorted([(cs, ce) for _, _, _, cs, ce, _ in spans] + [(cs, ce) for _, _, _, cs, ce in L.negs])
    residual, pos = [], 0
    for cs, ce in cuts:
        residual.append(text[pos:cs])
        residual.append("§")
        pos = max(pos, ce)
    residual.append(text[pos:])
    assert text_is_clean("".join(residual)), ("stray PII-like value", text)
    # a name label followed by Han characters must be a labelled name (or another field label)
    name_starts = {cs for _, _, kind, cs, _, _ in spans if kind == "cn_name"}
    for m in NAME_LABEL_RE.finditer(text):
        i = m.end()
        while i < len(text) and text[i] in " ：:=\"'【[":
            i += 1
        if i < len(text) and is_cjk(text[i]):
            if i not in name_starts and not text.startswith(NAME_LABEL_FOLLOWERS, i):
                raise AssertionError(("unlabelled text after a name label", text, text[i:i + 6]))
    if style == "json":
        json.loads(text)


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def generate(seed: int, n: int, gz: Gazetteer, prefix_p: float, start: dt.datetime, styles=None):
    rng = Random(seed)
    g = Gen(rng, gz, Clock(rng, start))
    stats = Counter()
    R = Renderer(g, stats)
    lines = []
    styles = styles or STYLES
    for _ in range(n):
        g.clock.tick()
        R.new_line_ctx()
        name, _, fn = weighted(rng, [((s, w, f), w) for s, w, f in styles])
        L = Line()
        fn(L, R, prefix_p)
        # extra hard negatives appended to some lines
        if name in ("waybill", "hotel", "chat") and rng.random() < 0.15:
            L.add(" ")
            R.neg_field(L, R.random_neg_cat(), "zh")
        elif name in ("app", "english") and rng.random() < 0.3:
            L.add(" ")
            R.neg_field(L, R.random_neg_cat(), "en")
        check_line(L, name)
        lines.append((name, L))
    return lines


def write_text(path: str, content: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(content)


def main() -> int:
    global VALID_ID_PROVINCES
    gz = Gazetteer(REGIONS_CSV)
    VALID_ID_PROVINCES = frozenset(gz.id_provinces)
    VALIDATORS["cn_address"] = make_address_validator(gz)

    lines = generate(CORPUS_SEED, CORPUS_LINES, gz, 0.3, dt.datetime(2026, 11, 29, 0, 0, 0))
    corpus_out, texts_out, neg_out = [], [], []
    kind_counts, fmt_counts, neg_counts, style_counts = Counter(), Counter(), Counter(), Counter()
    lines_with_neg = 0
    for i, (style, L) in enumerate(lines, 1):
        text = L.text()
        spans = [{"start": b, "end": e, "kind": k} for b, e, k, _, _, _ in sorted(L.spans)]
        corpus_out.append(json.dumps({"text": text, "spans": spans}, ensure_ascii=False))
        texts_out.append(text)
        for b, e, cat, _, _ in sorted(L.negs):
            neg_out.append(json.dumps({"line": i, "start": b, "end": e, "category": cat}, ensure_ascii=False))
            neg_counts[cat] += 1
        lines_with_neg += bool(L.negs)
        style_counts[style] += 1
        for _, _, k, _, _, fmt in L.spans:
            kind_counts[k] += 1
            fmt_counts[f"{k}:{fmt.split('/')[0] if k != 'cn_address' else fmt}"] += 1
    assert len(lines) >= 2400
    assert lines_with_neg / len(lines) >= 0.30, lines_with_neg
    assert all(kind_counts[k] >= 400 for k in KINDS), kind_counts

    write_text(OUT_CORPUS, "\n".join(corpus_out) + "\n")
    write_text(OUT_TEXTS, "\n".join(texts_out) + "\n")
    write_text(OUT_NEGATIVES, "\n".join(neg_out) + "\n")

    sample = generate(SAMPLE_SEED, SAMPLE_LINES, gz, 0.85, dt.datetime(2026, 11, 29, 9, 0, 0))
    sample_kinds = Counter(k for _, L in sample for _, _, k, _, _, _ in L.spans)
    assert all(sample_kinds[k] > 0 for k in KINDS), sample_kinds
    write_text(OUT_SAMPLE, "\n".join(L.text() for _, L in sample) + "\n")

    out = sys.stdout
    out.write(f"corpus: {len(lines)} lines, {sum(kind_counts.values())} labels, "
              f"{len(neg_out)} hard negatives on {lines_with_neg} lines ({lines_with_neg / len(lines):.1%})\n")
    out.write("styles: " + ", ".join(f"{s}={c}" for s, c in sorted(style_counts.items())) + "\n")
    out.write("labels: " + ", ".join(f"{k}={kind_counts[k]}" for k in KINDS) + "\n")
    out.write("negatives: " + ", ".join(f"{c}={n}" for c, n in sorted(neg_counts.items())) + "\n")
    out.write("formats:\n")
    for k, c in sorted(fmt_counts.items()):
        out.write(f"  {k} {c}\n")
    out.write(f"sample.log: {len(sample)} lines, labels " +
              ", ".join(f"{k}={sample_kinds[k]}" for k in KINDS) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

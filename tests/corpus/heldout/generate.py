#!/usr/bin/env python3
"""Held-out labelled PII corpus for the yinsi scanner (Python 3.9+, standard library only).

Written independently of the scanner's rules: from issue 4 item 1 (what must be found and what
must be ignored), the kinds' accepted forms in issue 3, and the shapes of real logistics, hotel,
e-commerce and app logs.  Every value is synthetic and made up from a fixed seed.

    python3 tests/corpus/heldout/generate.py      # rewrites the files below, prints counts

Writes, beside this script:
  heldout.jsonl        {"text": ..., "spans": [{"start": B, "end": B, "kind": K}]}  (evaluate.py's format)
  texts.txt            the texts, one per line (line N = record N)
  negatives.jsonl      hard negatives {"line": N, "start": B, "end": B, "category": C}
  meta.jsonl           per line: {"line": N, "style": S, "spans": [{"start","end","kind","fmt"}]}
                       (the written form of each label, for the error breakdown in analyze.py)

Offsets are UTF-8 bytes, end exclusive.  Every labelled value passes the validators below, and
every line is checked for stray PII outside the labels (a line that has any is regenerated).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import re
import sys
from collections import Counter

SEED = 20261129
N_LINES = 2600
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))

# --------------------------------------------------------------------------------------------
# validators (written from the standards, not from the scanner)
# --------------------------------------------------------------------------------------------

PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
             50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_C = "10X98765432"
FW = str.maketrans("０１２３４５６７８９", "0123456789")


def id_check(d17: str) -> str:
    return ID_C[sum(int(c) * w for c, w in zip(d17, ID_W)) % 11]


def real_date(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def valid_id18(s: str) -> bool:
    s = s.translate(FW).replace(" ", "").replace("-", "")
    if not re.fullmatch(r"\d{17}[\dXx]", s):
        return False
    if int(s[:2]) not in PROVINCES:
        return False
    if not real_date(int(s[6:10]), int(s[10:12]), int(s[12:14])) or not 1900 <= int(s[6:10]) <= 2099:
        return False
    return id_check(s[:17]) == s[17].upper()


def valid_id15(s: str) -> bool:
    s = s.translate(FW)
    return (re.fullmatch(r"\d{15}", s) is not None and int(s[:2]) in PROVINCES
            and real_date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12])))


def luhn_ok(s: str) -> bool:
    s = s.translate(FW).replace(" ", "").replace("-", "")
    if not s.isdigit():
        return False
    tot = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return tot % 10 == 0


def valid_card(s: str) -> bool:
    d = s.translate(FW).replace(" ", "").replace("-", "")
    return d.isdigit() and 16 <= len(d) <= 19 and luhn_ok(d)


# real network segments (MIIT), including the newer 190/192/196/197 and virtual-operator 162/165/167
MOBILE_PREFIXES = ([str(p) for p in range(130, 140)] + ["145", "147", "149", "150", "151", "152", "153",
                   "155", "156", "157", "158", "159", "162", "165", "166", "167", "170", "171", "173",
                   "175", "176", "177", "178"] + [str(p) for p in range(180, 190)]
                   + ["190", "191", "192", "193", "195", "196", "197", "198", "199"])
COMMON_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                   "155", "156", "157", "158", "159", "176", "177", "180", "181", "182", "183", "185",
                   "186", "187", "188", "189", "199", "191", "198"]


def valid_mobile(s: str) -> bool:
    d = s.translate(FW)
    d = re.sub(r"^(\+86|0086|\(\+86\)|（\+86）)", "", d)
    d = re.sub(r"[ \-]", "", d)
    return re.fullmatch(r"1[3-9]\d{9}", d) is not None and d[:3] in MOBILE_PREFIXES


AREA8 = ["010", "020", "021", "022", "023", "024", "025", "027", "028", "029", "0311", "0351", "0371",
         "0431", "0451", "0471", "0531", "0532", "0551", "0571", "0574", "0577", "0591", "0592",
         "0731", "0755", "0757", "0769", "0771", "0791", "0851", "0871", "0898", "0512", "0510",
         "0760", "0756", "0931"]
AREA7 = ["0951", "0971", "0991", "0917", "0738", "0359"]


def valid_landline(s: str) -> bool:
    for alen in (3, 4):
        m = re.fullmatch(r"(?:\((0\d{%d})\)|（(0\d{%d})）|(0\d{%d}))[ \-]?([2-8][\d ]{5,8}\d)(?:(?:-|转)\d{1,5})?"
                         % (alen - 1, alen - 1, alen - 1), s)
        if not m:
            continue
        area = m.group(1) or m.group(2) or m.group(3)
        local = m.group(4).replace(" ", "")
        if (area in AREA8 and len(local) == 8) or (area in AREA7 and len(local) == 7):
            return True
    return False


EMAIL_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


def valid_email(s: str) -> bool:
    return EMAIL_RE.fullmatch(s) is not None and ".." not in s


HAN = re.compile(r"[\u4e00-\u9fff]")


def valid_name(s: str) -> bool:
    return re.fullmatch(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff]{2,6}", s) is not None


# --------------------------------------------------------------------------------------------
# gazetteer
# --------------------------------------------------------------------------------------------

COUNTIES, PROV_SHORT = [], {}
with open(os.path.join(ROOT, "core", "data", "regions.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["level"] == "province" and r["alt_name"]:
            PROV_SHORT[r["name"]] = r["alt_name"]
        if r["level"] != "county" or r["name"] in ("市辖区", "城区", "郊区", "矿区", "县"):
            continue
        if r["city"] in ("", "省直辖县级行政区划", "县", "自治区直辖县级行政区划") or r["city"] == "市辖区":
            continue
        if int(r["code"][:2]) not in PROVINCES or int(r["code"][:2]) >= 71:
            continue
        COUNTIES.append((r["code"], r["name"], r["province"], r["city"]))
COUNTIES.sort()
PLACE_NAMES = sorted({c[1] for c in COUNTIES if len(c[1]) >= 3} | {c[2] for c in COUNTIES}
                     | {c[3] for c in COUNTIES if len(c[3]) >= 3}, key=lambda s: (-len(s), s))
PLACE_RE = re.compile("|".join(map(re.escape, PLACE_NAMES)))
ADDR_START_RE = re.compile("|".join(map(re.escape, PLACE_NAMES + sorted(PROV_SHORT.values(), key=len, reverse=True))))

# --------------------------------------------------------------------------------------------
# value generators
# --------------------------------------------------------------------------------------------

rng = random.Random(SEED)


def ch(seq):
    return seq[rng.randrange(len(seq))]


def digits(n: int, first: str = "0123456789") -> str:
    return ch(first) + "".join(ch("0123456789") for _ in range(n - 1))


def fullwidth(s: str) -> str:
    return s.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def rand_date(y0=1945, y1=2008):
    while True:
        y, m, d = rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 31)
        if real_date(y, m, d):
            return y, m, d


def mobile_digits() -> str:
    p = ch(COMMON_PREFIXES) if rng.random() < 0.8 else ch(MOBILE_PREFIXES)
    return p + digits(8)


def gen_mobile(forms=None):
    d = mobile_digits()
    a, b, c = d[:3], d[3:7], d[7:]
    table = [
        ("plain", 30, d), ("dash344", 8, f"{a}-{b}-{c}"), ("space344", 8, f"{a} {b} {c}"),
        ("+86 space344", 6, f"+86 {a} {b} {c}"), ("+86plain", 6, f"+86{d}"), ("+86 plain", 5, f"+86 {d}"),
        ("+86-dash", 3, f"+86-{a}-{b}-{c}"), ("0086 plain", 3, f"0086 {d}"), ("0086plain", 3, f"0086{d}"),
        ("(+86)plain", 4, f"(+86){d}"), ("(+86) space344", 2, f"(+86) {a} {b} {c}"),
        ("fullwidth", 6, fullwidth(d)), ("+86 dash344", 3, f"+86 {a}-{b}-{c}"),
        ("（+86）plain", 2, f"（+86）{d}"),
    ]
    if forms:
        table = [t for t in table if t[0] in forms]
    fmt, _, s = rng.choices(table, weights=[t[1] for t in table])[0]
    assert valid_mobile(s), s
    return s, fmt


def id18_parts(region=None, x=None):
    while True:
        region = region or ch(COUNTIES)[0]
        y, m, d = rand_date()
        body = f"{region}{y:04d}{m:02d}{d:02d}{digits(3)}"
        c = id_check(body)
        if x is None or (x == (c == "X")):
            return body + c


def gen_id(forms=None):
    table = [("plain", 50), ("X", 9), ("x", 5), ("space684", 5), ("dash684", 3), ("fullwidth", 4), ("legacy15", 8)]
    if forms:
        table = [t for t in table if t[0] in forms]
    fmt = rng.choices([t[0] for t in table], weights=[t[1] for t in table])[0]
    if fmt == "legacy15":
        y, m, d = rand_date(1940, 1999)
        s = f"{ch(COUNTIES)[0]}{y % 100:02d}{m:02d}{d:02d}{digits(3)}"
        assert valid_id15(s), s
        return s, fmt
    s = id18_parts(x=True if fmt in ("X", "x") else (False if fmt == "plain" else None))
    if fmt == "x":
        s = s[:17] + "x"
    elif fmt == "space684":
        s = f"{s[:6]} {s[6:14]} {s[14:]}"
    elif fmt == "dash684":
        s = f"{s[:6]}-{s[6:14]}-{s[14:]}"
    elif fmt == "fullwidth":
        s = fullwidth(s)
    assert valid_id18(s), s
    return s, fmt


CARD_BINS = [("622202", 19), ("622848", 19), ("621700", 19), ("622588", 16), ("621483", 16), ("623058", 19),
             ("622609", 16), ("621226", 19), ("625807", 16), ("628888", 16), ("622700", 19), ("620522", 18),
             ("4", 16), ("4", 16), ("51", 16), ("53", 16), ("55", 16), ("2221", 16), ("3528", 16), ("6011", 16)]


def luhn_complete(body: str) -> str:
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


def card_digits():
    while True:
        bin_, n = ch(CARD_BINS)
        s = luhn_complete(bin_ + digits(n - len(bin_) - 1))
        if len(s) == 18 and valid_id18(s):
            continue
        return s


def gen_card(forms=None):
    d = card_digits()
    table = [("plain", 55), ("space4", 30), ("dash4", 8), ("fullwidth", 3)]
    if forms:
        table = [t for t in table if t[0] in forms]
    fmt = rng.choices([t[0] for t in table], weights=[t[1] for t in table])[0]
    groups = [d[i:i + 4] for i in range(0, len(d), 4)]
    s = {"plain": d, "space4": " ".join(groups), "dash4": "-".join(groups), "fullwidth": fullwidth(d)}[fmt]
    assert valid_card(s), s
    return s, f"{fmt}/{len(d)}"


def gen_landline(forms=None):
    if rng.random() < 0.88:
        area = ch(AREA8)
        local = digits(8, "2345678")
    else:
        area = ch(AREA7)
        local = digits(7, "2345678")
    table = [("dash", 40), ("(area)", 10), ("（area）", 5), ("space", 8), ("nosep", 6), ("dash-ext", 8),
             ("dash转ext", 8), ("(area)-ext", 2)]
    if forms:
        table = [t for t in table if t[0] in forms]
    fmt = rng.choices([t[0] for t in table], weights=[t[1] for t in table])[0]
    ext = digits(rng.choice([3, 3, 4]), "123456789")
    s = {"dash": f"{area}-{local}", "(area)": f"({area}){local}", "（area）": f"（{area}）{local}",
         "space": f"{area} {local}", "nosep": f"{area}{local}", "dash-ext": f"{area}-{local}-{ext}",
         "dash转ext": f"{area}-{local}转{ext}", "(area)-ext": f"({area}){local}-{ext}"}[fmt]
    assert valid_landline(s), s
    return s, fmt


PY_SUR = ["zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma",
          "zhu", "hu", "guo", "he", "lin", "luo", "gao", "zheng", "liang", "xie", "song", "tang", "han"]
PY_GIV = ["wei", "fang", "na", "min", "jing", "lei", "yang", "jun", "tao", "ming", "chao", "xia", "ping",
          "gang", "hua", "hao", "yu", "xin", "yi", "jie", "qiang", "lin", "xiaoyu", "zihan", "haoran"]
MAIL_DOMAINS = ["qq.com", "163.com", "126.com", "foxmail.com", "sina.com", "sohu.com", "gmail.com",
                "outlook.com", "hotmail.com", "yeah.net", "139.com", "aliyun.com", "example.com.cn",
                "corp.example.cn", "mail.shop-demo.cn", "example.org"]


def gen_email():
    sur, giv = ch(PY_SUR), ch(PY_GIV)
    table = [
        ("name", f"{sur}{giv}"), ("name+digits", f"{sur}{giv}{rng.randint(1, 9999)}"),
        ("dotted", f"{giv}.{sur}"), ("underscore", f"{sur}_{giv}{rng.randint(70, 99)}"),
        ("qq-number", digits(rng.randint(8, 10), "123456789")), ("mobile-local", mobile_digits()),
        ("plus-tag", f"{sur}{giv}+{ch(['shop', 'jd', 'tb', 'news'])}"), ("hyphen", f"{sur}-{giv}"),
        ("initials", f"{sur[0]}{giv[0]}{rng.randint(100, 999)}"), ("MixedCase", f"{sur.title()}{giv.title()}"),
    ]
    fmt, local = ch(table)
    dom = ch(MAIL_DOMAINS)
    if fmt == "qq-number":
        dom = "qq.com"
    if fmt == "MixedCase" and rng.random() < 0.5:
        dom = dom.upper() if rng.random() < 0.3 else dom.title()
    s = f"{local}@{dom}"
    assert valid_email(s), s
    return s, fmt


SURNAMES = list("张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文")
COMPOUND = ["欧阳", "司马", "诸葛", "上官", "皇甫", "慕容", "东方", "令狐", "夏侯", "尉迟", "公孙", "司徒"]
GIVEN1 = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华辉鹏飞斌宇浩凯琳晨悦欣怡婷雪颖瑶佳琪萌楠")
GIVEN2 = ["秀英", "桂英", "建国", "志强", "子涵", "梓萱", "浩然", "宇轩", "雨桐", "欣怡", "一诺", "晓东", "海燕",
          "文博", "思远", "嘉怡", "俊杰", "雅琴", "国强", "春梅", "玉兰", "德明", "天佑", "诗涵", "明轩", "若曦"]
MINORITY = ["阿依古丽·买买提", "艾力·吐尔逊", "古丽娜尔·艾山", "帕尔哈提·阿不都", "热依拉·依明"]


def gen_name():
    r = rng.random()
    if r < 0.02:
        return ch(MINORITY), "dot-name"
    sur = ch(COMPOUND) if r < 0.09 else ch(SURNAMES)
    giv = ch(GIVEN1) if rng.random() < 0.4 else ch(GIVEN2)
    if len(sur) == 2 and len(giv) == 2 and rng.random() < 0.5:
        giv = giv[0]
    s = sur + giv
    assert valid_name(s), s
    return s, ("compound" if len(sur) == 2 else f"{len(s)}char")


ROAD_STEMS = ["文三", "解放", "人民", "中山", "建设", "长江", "黄河", "和平", "新华", "学院", "青年", "胜利",
              "滨江", "科技", "工业", "东风", "南京", "西湖", "体育", "光明", "幸福", "金桥", "望江", "迎宾",
              "红旗", "育才", "朝阳", "紫荆", "丰泽", "银杏", "梧桐", "海棠", "香樟", "翠柏"]
ROAD_SUF = ["路", "路", "路", "街", "大道", "大街", "中路", "东路", "西路", "北路", "南路", "巷"]
ESTATES = ["阳光花园", "翠苑一区", "金色家园", "碧桂园", "万科城", "绿城桂花园", "世纪花城", "锦绣江南", "东方明珠苑",
           "幸福里", "和谐家园", "丽景湾", "融创壹号院", "保利天悦", "龙湖春江郦城"]
TOWERS = ["国贸大厦", "科创大厦", "环球中心", "银泰中心", "创业大厦", "数码港", "时代广场"]
TOWNS = ["城关镇", "柳河镇", "石桥镇", "新兴街道", "城东街道", "北苑街道", "东湖街道", "高新街道"]
VILLAGES = ["李家村", "王庄村", "大柳树村", "河口村", "新村", "前进村"]


def gen_address(forms=None):
    code, county, prov, city = ch(COUNTIES)
    muni = prov == city
    table = [("prov+city+county", 62), ("city+county", 16), ("county-only", 4), ("short-prov", 9), ("spaced", 7)]
    if forms:
        table = [t for t in table if t[0] in forms]
    head_fmt = rng.choices([t[0] for t in table], weights=[t[1] for t in table])[0]
    sp = " " if head_fmt == "spaced" else ""
    if muni:
        head = {"county-only": county, "short-prov": PROV_SHORT[prov] + county}.get(head_fmt, f"{prov}{sp}{county}")
    elif head_fmt in ("prov+city+county", "spaced"):
        head = f"{prov}{sp}{city}{sp}{county}"
    elif head_fmt == "short-prov":
        head = f"{PROV_SHORT[prov]}{city}{county}"
    elif head_fmt == "city+county":
        head = f"{city}{county}"
    else:
        head = county
    head += sp
    road = ch(ROAD_STEMS) + ch(ROAD_SUF)
    no = f"{rng.randint(1, 999)}号"
    tail_kind = rng.choices(["号", "栋单元室", "小区栋单元室", "幢室", "大厦室", "小区栋", "村组号", "镇路号", "号楼单元+房号"],
                            weights=[20, 25, 15, 10, 10, 6, 5, 9, 7])[0]
    if tail_kind == "号":
        tail = road + no
    elif tail_kind == "栋单元室":
        tail = f"{road}{no}{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(1, 33)}0{rng.randint(1, 4)}室"
    elif tail_kind == "小区栋单元室":
        tail = f"{road}{no}{ch(ESTATES)}{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(1, 33)}0{rng.randint(1, 4)}室"
    elif tail_kind == "幢室":
        tail = f"{road}{no}{rng.randint(1, 20)}幢{rng.randint(1, 25)}0{rng.randint(1, 6)}室"
    elif tail_kind == "大厦室":
        fl = rng.randint(2, 38)
        tail = f"{road}{no}{ch(TOWERS)}{fl}楼{fl}{rng.randint(1, 20):02d}室"
    elif tail_kind == "小区栋":
        tail = f"{ch(ESTATES)}{rng.randint(1, 30)}栋"
    elif tail_kind == "村组号":
        tail = f"{ch(TOWNS[:3])}{ch(VILLAGES)}{rng.randint(1, 12)}组{rng.randint(1, 99)}号"
    elif tail_kind == "号楼单元+房号":
        tail = f"{road}{no}{ch(ESTATES)}{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 28)}0{rng.randint(1, 4)}"
    else:
        tail = f"{ch(TOWNS)}{road}{no}"
    fmt = f"{head_fmt}/{tail_kind}"
    if rng.random() < 0.05:
        tail = fullwidth(tail)
        fmt += "/fullwidth"
    return head + tail, fmt


# --------------------------------------------------------------------------------------------
# hard negatives (each must fail every validator; checked by stray_check)
# --------------------------------------------------------------------------------------------

def not_luhn(s: str) -> str:
    if luhn_ok(s):
        s = s[:-1] + str((int(s[-1]) + 1) % 10)
    return s


def neg_value(cat: str) -> str:
    if cat == "order_no":
        return ch(["", "", "DD", "E", "PO"]) + not_luhn("2026" + f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + digits(rng.choice([6, 8, 9, 10, 11])))
    if cat == "waybill_no":
        return ch([f"SF{digits(13, '1')}", f"YT{digits(13, '4')}", f"JT{digits(13, '3')}", f"JDVA{digits(11, '1')}",
                   f"75{digits(12)}", f"4{digits(12)}", f"EA{digits(9)}CN", f"DPK{digits(12)}"])
    if cat == "epoch_ms":
        return str(rng.randint(1764000000000, 1765999999999))
    if cat == "epoch_s":
        return str(rng.randint(1764000000, 1765999999))
    if cat == "ts14":
        return f"202611{rng.randint(1, 30):02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}"
    if cat == "amount":
        return ch([f"{rng.randint(1, 9999)}.{rng.randint(0, 99):02d}", f"{mobile_digits()}.00",
                   f"{rng.randint(1, 99)},{rng.randint(100, 999)}.{rng.randint(0, 99):02d}"])
    if cat == "ipv4":
        return ch([f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                   f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                   f"{rng.randint(36, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"])
    if cat == "uuid":
        h = "".join(ch("0123456789abcdef") for _ in range(32))
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{ch('89ab')}{h[17:20]}-{h[20:]}"
    if cat == "hex_trace":
        # a trace id with a mobile-like 11-digit run glued to hex letters
        return ch("abcdef") + mobile_digits() + "".join(ch("0123456789abcdef") for _ in range(19)) + ch("abcdef")
    if cat == "id_bad_check":
        s = id18_parts()
        return s[:17] + ch([c for c in "0123456789X" if c != s[17]])
    if cat == "id_bad_date":
        region = ch(COUNTIES)[0]
        y, m, d = ch([(1990, 2, 30), (1987, 13, 5), (2001, 4, 31), (1995, 2, 29), (1979, 0, 12), (1988, 6, 0), (1993, 11, 31)])
        body = f"{region}{y:04d}{m:02d}{d:02d}{digits(3)}"
        return body + id_check(body)
    if cat == "non_mobile11":
        return ch(["10", "11", "12"]) + digits(9)
    if cat == "luhn_fail":
        return not_luhn(ch(["62", "62", "4", "53"]) + digits(rng.choice([15, 17])))
    if cat == "glued_alnum":
        return ch([f"ORD{mobile_digits()}", f"u{mobile_digits()}", f"{mobile_digits()}A", f"SN{id18_parts()[:-1]}",
                   f"v{card_digits()}", f"IMG{mobile_digits()}x"])
    if cat == "masked":
        d = mobile_digits()
        s = id18_parts()
        return ch([f"{d[:3]}****{d[7:]}", f"{s[:6]}********{s[14:]}", f"{d[:3]}*****{d[8:]}", f"****{d[7:]}"])
    if cat == "hotline":
        return ch(["400-820-8820", "400-811-1111", "800-830-8300", "95338", "95311", "95188", "10086", "4006-789-000", "12306"])
    if cat == "postcode":
        return digits(6, "123456789")
    if cat == "imei":
        return luhn_complete("86" + digits(12))
    if cat == "version":
        return f"{rng.randint(1, 19)}.{rng.randint(0, 30)}.{rng.randint(0, 999)}"
    raise KeyError(cat)


# --------------------------------------------------------------------------------------------
# line builder
# --------------------------------------------------------------------------------------------

class Line:
    def __init__(self, style):
        self.style = style
        self.parts, self.spans, self.negs, self.n = [], [], [], 0

    def t(self, s):
        self.parts.append(s)
        self.n += len(s.encode("utf-8"))
        return self

    def v(self, kind, pair):
        s, fmt = pair
        a = self.n
        self.t(s)
        self.spans.append((a, self.n, kind, fmt))
        return s

    def neg(self, cat, s=None):
        s = neg_value(cat) if s is None else s
        a = self.n
        self.t(s)
        self.negs.append((a, self.n, cat))
        return s

    def text(self):
        return "".join(self.parts)

    # shorthands
    def mob(self, forms=None): return self.v("cn_mobile", gen_mobile(forms))
    def idn(self, forms=None): return self.v("cn_id", gen_id(forms))
    def card(self, forms=None): return self.v("bank_card", gen_card(forms))
    def tel(self, forms=None): return self.v("cn_landline", gen_landline(forms))
    def mail(self): return self.v("email", gen_email())
    def name(self): return self.v("cn_name", gen_name())
    def addr(self, forms=None): return self.v("cn_address", gen_address(forms))


def ts_iso():
    return f"2026-11-{rng.randint(1, 30):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 999):03d}+08:00"


def ts_plain():
    return f"2026-11-{rng.randint(1, 30):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def hms():
    return f"{rng.randint(8, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def hexs(n):
    return "".join(ch("0123456789abcdef") for _ in range(n))


# names: label words from issue 4 (and compounds that end in one), each with = : ： forms
NAME_LABELS_ZH = ["姓名", "收件人", "寄件人", "联系人", "收件人姓名", "寄件人姓名", "客户姓名", "真实姓名"]
ADDR_LABELS_ZH = ["地址", "收货地址", "住址", "收件地址", "寄件地址", "家庭住址", "详细地址"]


def zh_sep():
    return rng.choices(["：", ":", "=", "： ", ": "], weights=[50, 20, 5, 10, 15])[0]


def name_label(L):
    lab = ch(NAME_LABELS_ZH)
    L.t(lab + zh_sep())
    L.name()


def addr_label(L, forms=None):
    L.t(ch(ADDR_LABELS_ZH) + zh_sep())
    L.addr(forms)


def maybe_addr_suffix(L):
    if rng.random() < 0.35:
        L.t(ch(["，放门卫", "（放快递柜）", "，谢谢", " 门口左转", "，工作日送", "，到了打电话", " 请放驿站", "。"]))


# --------------------------------------------------------------------------------------------
# styles
# --------------------------------------------------------------------------------------------

def st_chat(L):
    """Customer-service chat transcript lines."""
    who = ch([f"买家 tb_{hexs(6)}", f"客户({rng.randint(10000, 99999)})", f"用户 wx_{hexs(8)}", "访客", "Customer"])
    agent = ch([f"客服{rng.randint(100, 999)}号", f"kf_{rng.randint(1000, 9999)}", "在线客服", "售后客服"])
    L.t(f"[{ts_plain()}] ")
    k = rng.randrange(14)
    if k == 0:
        L.t(f"{who}: 麻烦寄到"); L.addr(); maybe_addr_suffix(L)
    elif k == 1:
        L.t(f"{who}：我的手机是"); L.mob(); L.t(ch(["，微信同号", "，打不通就发短信", "", " 谢谢", "。"]))
    elif k == 2:
        L.t(f"{who}: 地址改一下，"); addr_label(L); L.t("，"); name_label(L); L.t("，电话"); L.mob()
    elif k == 3:
        L.t(f"{agent}: 亲，请核对一下信息：收件人："); L.name(); L.t(" 手机："); L.mob(); L.t(" 地址：")
        L.addr(); L.t(" 对吗？")
    elif k == 4:
        L.t(f"{who}: 订单"); L.neg("order_no"); L.t("一直没发货，我电话"); L.mob(); L.t("，你们打给我")
    elif k == 5:
        L.t(f"{who}：身份证号码我发一下 "); L.idn(); L.t(ch(["", "，麻烦尽快实名", " 谢谢"]))
    elif k == 6:
        L.t(f"{who}: 退款退到这张卡 "); L.card(); L.t(ch(["", "，", " 就行"]))
    elif k == 7:
        L.t(f"{agent}：您好，您的快递单号 "); L.neg("waybill_no"); L.t(" 已于 "); L.t(hms()); L.t(" 签收，如有问题请致电 ")
        L.neg("hotline")
    elif k == 8:
        L.t(f"{who}: 发票发我邮箱 "); L.mail(); L.t(ch(["", " 谢谢", "，抬头写公司"]))
    elif k == 9:
        L.t(f"{who}: 公司座机"); L.tel(); L.t(ch(["，白天有人", "", " 找前台"]))
    elif k == 10:
        L.t(f"{agent}: 已为您登记，工单号 "); L.neg("order_no"); L.t("，金额 ¥"); L.neg("amount"); L.t(" 将原路退回")
    elif k == 11:
        L.t(f"{who}: hi, pls ship to "); L.addr(); L.t(", phone "); L.mob(); L.t(", thx")
    elif k == 12:
        L.t(f"{who}：{ch(['我', '收货人'])}电话换成"); L.mob(); L.t("了，原来那个"); L.neg("masked"); L.t("不用了")
    else:
        L.t(f"{agent}：为保护隐私，您的手机号已显示为 "); L.neg("masked"); L.t("，如需修改请回复新号码")


def st_csv(L):
    """CSV / TSV export rows (no header on the line)."""
    sep = ch([",", ",", "\t", "|"])
    k = rng.randrange(6)
    cols = []

    def col(fn):
        cols.append(fn)

    if k == 0:   # order export
        seq = [lambda: L.neg("order_no"), lambda: L.t(ts_plain()), lambda: L.mob(["plain", "dash344", "+86plain"]),
               lambda: L.addr(), lambda: L.neg("amount"), lambda: L.t(ch(["已发货", "待付款", "已签收", "SHIPPED"]))]
    elif k == 1:  # member export
        seq = [lambda: L.t(str(rng.randint(100000, 9999999))), lambda: L.mail(), lambda: L.mob(),
               lambda: L.t(ch(["VIP", "普通", "gold"])), lambda: L.neg("ts14")]
    elif k == 2:  # hotel register
        seq = [lambda: L.t(f"{rng.randint(2, 28)}{rng.randint(1, 40):02d}"), lambda: L.idn(),
               lambda: L.t(ch(["男", "女"])), lambda: L.t(ts_plain()), lambda: L.mob(["plain"])]
    elif k == 3:  # payroll
        seq = [lambda: L.t(f"E{rng.randint(1000, 99999)}"), lambda: L.card(), lambda: L.neg("amount"),
               lambda: L.idn(["plain", "X"]), lambda: L.t(ch(["工商银行", "建设银行", "招商银行", "农业银行"]))]
    elif k == 4:  # supplier contacts; the name cell carries its label
        seq = [lambda: L.t(ch(["华东仓", "北京分公司", "深圳办", "华南RDC"])), lambda: L.tel(), lambda: L.mail(),
               lambda: (L.t("联系人:"), L.name()), lambda: L.neg("ipv4")]
    else:  # waybill export with negatives
        seq = [lambda: L.neg("waybill_no"), lambda: L.neg("epoch_ms"), lambda: L.mob(["plain", "space344"]),
               lambda: L.neg("non_mobile11"), lambda: L.addr(["prov+city+county", "city+county"])]
    quote = sep == "," and rng.random() < 0.3
    for i, fn in enumerate(seq):
        if i:
            L.t(sep)
        if quote:
            L.t('"')
        fn()
        if quote:
            L.t('"')


def st_sql(L):
    """SQL statements as they appear in slow-query and error logs."""
    k = rng.randrange(7)
    if k == 0:
        L.t(f"INSERT INTO `t_order_addr` (`id`,`order_no`,`phone`,`address`,`gmt_create`) VALUES ({rng.randint(1, 10**7)},'")
        L.neg("order_no"); L.t("','"); L.mob(["plain"]); L.t("','"); L.addr(); L.t(f"','{ts_plain()}');")
    elif k == 1:
        L.t("INSERT INTO user_kyc(uid, id_no, card_no, created_at) VALUES (")
        L.t(str(rng.randint(10**5, 10**8))); L.t(", '"); L.idn(); L.t("', '"); L.card(["plain"]); L.t(f"', NOW());")
    elif k == 2:
        L.t("UPDATE t_member SET name='"); L.name(); L.t("', mobile='"); L.mob(["plain", "+86plain"])
        L.t(f"' WHERE id = {rng.randint(1, 10**7)};")
    elif k == 3:
        L.t("SELECT * FROM t_user WHERE email = '"); L.mail(); L.t("' AND status = 1 LIMIT 1; -- cost ")
        L.t(f"{rng.randint(1, 900)}ms")
    elif k == 4:
        L.t(f"[SQL] {ts_plain()} Duplicate entry '"); L.mob(["plain"]); L.t("' for key 'uk_mobile', trace=")
        L.neg("hex_trace")
    elif k == 5:
        L.t("insert into hotel_guest(room, id_no, checkin_ts) values ('"); L.t(str(rng.randint(201, 3999)))
        L.t("', '"); L.idn(); L.t("', '"); L.neg("ts14"); L.t("');")
    else:
        L.t("UPDATE waybill SET receiver_tel='"); L.tel(); L.t("', receiver_addr='"); L.addr(); L.t("' WHERE waybill_no='")
        L.neg("waybill_no"); L.t("';")


def st_nginx(L):
    """nginx / access-log lines with query strings."""
    ip = neg_value("ipv4")
    L.neg("ipv4", ip)
    L.t(f" - - [{rng.randint(1, 30):02d}/Nov/2026:{hms()} +0800] \"")
    k = rng.randrange(6)
    if k == 0:
        L.t("GET /api/v1/user/bind?phone="); L.mob(["plain"]); L.t(f"&code={rng.randint(100000, 999999)}&ts=")
        L.neg("epoch_ms")
    elif k == 1:
        L.t("POST /sms/send?mobile="); L.mob(["plain"]); L.t("&tpl=SMS_"); L.t(str(rng.randint(10**8, 10**9)))
        L.t("&reqId="); L.neg("uuid")
    elif k == 2:
        L.t("GET /order/detail?orderId="); L.neg("order_no"); L.t("&uid="); L.neg("non_mobile11")
    elif k == 3:
        L.t("GET /account/reset?email="); L.mail(); L.t("&sign="); L.t(hexs(32))
    elif k == 4:
        L.t("GET /track?no="); L.neg("waybill_no"); L.t("&tel="); L.mob(["plain"])
    else:
        L.t("GET /verify/idcard?idNo="); L.idn(["plain", "X"]); L.t("&t="); L.neg("epoch_s")
    L.t(f" HTTP/1.1\" {ch(['200', '200', '302', '400', '500'])} {rng.randint(120, 9000)} \"-\" \"")
    L.t(ch(["Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X)", "okhttp/4.9.3", "Dalvik/2.1.0 (Linux; U; Android 13)",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"]))
    L.t(f"\" rt={rng.randint(1, 999) / 1000:.3f}")


def st_java(L):
    """Java exception messages and stack-trace lines."""
    k = rng.randrange(9)
    if k == 0:
        L.t(f"{ts_plain()}.{rng.randint(0, 999):03d} ERROR [http-nio-8080-exec-{rng.randint(1, 200)}] c.e.u.UserService - ")
        L.t("com.example.user.InvalidIdCardException: id card "); L.idn(); L.t(" does not match name ")
        L.t("(expected "); L.t("姓名="); L.name(); L.t(")")
    elif k == 1:
        L.t(f"\tat com.example.order.service.impl.OrderServiceImpl.create(OrderServiceImpl.java:{rng.randint(20, 900)})")
    elif k == 2:
        L.t("Caused by: java.sql.SQLIntegrityConstraintViolationException: Duplicate entry '"); L.mail()
        L.t("' for key 'uk_email'")
    elif k == 3:
        L.t("java.lang.IllegalArgumentException: mobile format error: "); L.mob(); L.t(" (orderId="); L.neg("order_no"); L.t(")")
    elif k == 4:
        L.t("org.springframework.web.client.HttpClientErrorException$BadRequest: 400 : \"{\\\"code\\\":40012,\\\"msg\\\":\\\"bank card ")
        L.card(); L.t(" not supported\\\"}\"")
    elif k == 5:
        L.t(f"{ts_plain()} WARN  [pool-3-thread-{rng.randint(1, 16)}] c.e.l.AddressResolver : cannot geocode address=")
        L.addr(); L.t(f", fallback to city, cost={rng.randint(1, 3000)}ms")
    elif k == 6:
        L.t("com.example.sms.SmsException: send failed to "); L.mob(["+86plain", "+86 plain", "0086plain", "plain"])
        L.t(", provider=aliyun, bizId="); L.neg("hex_trace")
    elif k == 7:
        L.t(f"\t... {rng.randint(2, 80)} common frames omitted")
    else:
        L.t("com.example.hotel.CheckInException: guest "); L.t("name="); L.name(); L.t(", idNo="); L.idn()
        L.t(", room="); L.t(str(rng.randint(201, 3999)))


def st_python(L):
    """Python tracebacks and exception messages."""
    k = rng.randrange(8)
    if k == 0:
        L.t(f"  File \"/srv/app/{ch(['users', 'orders', 'kyc', 'notify'])}/views.py\", line {rng.randint(10, 999)}, in {ch(['bind_phone', 'create', 'verify', 'send'])}")
    elif k == 1:
        L.t("ValueError: invalid phone number: '"); L.mob(); L.t("'")
    elif k == 2:
        L.t("KeyError: '"); L.mail(); L.t("'")
    elif k == 3:
        L.t("django.db.utils.IntegrityError: duplicate key value violates unique constraint \"user_idcard_key\" DETAIL:  Key (id_card)=(")
        L.idn(["plain", "X", "x"]); L.t(") already exists.")
    elif k == 4:
        L.t("requests.exceptions.HTTPError: 502 Server Error for url: https://api.example.cn/v2/card/bind?card_no=")
        L.card(["plain"]); L.t("&ts="); L.neg("epoch_ms")
    elif k == 5:
        L.t("{'name': '"); L.name(); L.t("', 'mobile': '"); L.mob(); L.t("', 'address': '"); L.addr(); L.t("'}")
    elif k == 6:
        L.t(f"{ts_plain()},{rng.randint(0, 999):03d} ERROR celery.worker: Task notify.send_sms[")
        L.neg("uuid"); L.t("] raised unexpected: TimeoutError('"); L.mob(["plain", "+86plain"]); L.t("')")
    else:
        L.t("AssertionError: expected tel "); L.tel(); L.t(f" got None (retry {rng.randint(1, 5)}/5)")


def st_logfmt(L):
    """key=value logfmt lines."""
    L.t(f"ts={ts_iso()} level={ch(['info', 'warn', 'error', 'debug'])} ")
    k = rng.randrange(7)
    if k == 0:
        L.t("msg=\"sms sent\" mobile="); L.mob(["plain", "+86plain"]); L.t(" tpl=SMS_"); L.t(str(rng.randint(10**8, 10**9)))
        L.t(" biz_id="); L.neg("order_no")
    elif k == 1:
        L.t("msg=\"kyc passed\" uid="); L.neg("non_mobile11"); L.t(" id_no="); L.idn(); L.t(" name="); L.name()
        L.t(" latency_ms="); L.t(str(rng.randint(5, 900)))
    elif k == 2:
        L.t("msg=\"waybill created\" waybill="); L.neg("waybill_no"); L.t(" receiver_name="); L.name()
        L.t(" receiver_phone="); L.mob(); L.t(" receiver_addr=\""); L.addr(); L.t("\"")
    elif k == 3:
        L.t("msg=\"payment\" card="); L.card(["plain"]); L.t(" amount="); L.neg("amount"); L.t(" trace_id=")
        L.neg("hex_trace"); L.t(" client_ip="); L.neg("ipv4")
    elif k == 4:
        L.t("msg=\"login\" email="); L.mail(); L.t(" device_imei="); L.neg("imei"); L.t(" app_ver="); L.neg("version")
    elif k == 5:
        L.t("msg=\"check-in\" name="); L.name(); L.t(" id_card="); L.idn(); L.t(" address=\""); L.addr()
        L.t("\" room="); L.t(str(rng.randint(201, 2999)))
    else:
        L.t("msg=\"risk check\" ref="); L.neg(ch(["id_bad_check", "id_bad_date"])); L.t(" txn="); L.neg("luhn_fail")
        L.t(" at="); L.neg("ts14"); L.t(" result=pass")


def st_yaml(L):
    """YAML-ish dumps (one key per line) and indented config."""
    ind = ch(["", "  ", "    ", "- ", "  - "])
    k = rng.randrange(12)
    q = ch(["", "", "\"", "'"])
    if k == 0:
        L.t(f"{ind}name: {q}"); L.name(); L.t(q)
    elif k == 1:
        L.t(f"{ind}phone: {q}"); L.mob(); L.t(q)
    elif k == 2:
        L.t(f"{ind}address: {q}"); L.addr(); L.t(q)
    elif k == 3:
        L.t(f"{ind}id_card: {q}"); L.idn(); L.t(q)
    elif k == 4:
        L.t(f"{ind}email: {q}"); L.mail(); L.t(q)
    elif k == 5:
        L.t(f"{ind}bank_card: {q}"); L.card(); L.t(q)
    elif k == 6:
        L.t(f"{ind}tel: {q}"); L.tel(); L.t(q)
    elif k == 7:
        L.t(f"{ind}order_id: "); L.neg("order_no")
    elif k == 8:
        L.t(f"{ind}created_at: "); L.neg(ch(["epoch_ms", "ts14", "epoch_s"]))
    elif k == 9:
        L.t(f"{ind}request_id: "); L.neg("uuid")
    elif k == 10:
        L.t(f"{ind}收件人: "); L.name(); L.t(f"  # {ch(['备注', 'vip', '老客户'])}")
    else:
        L.t(f"{ind}contact: {{name: "); L.name(); L.t(", mobile: "); L.mob(["plain"]); L.t("}")


def st_sms(L):
    """SMS templates (brand in 【】)."""
    k = rng.randrange(9)
    if k == 0:
        L.t(f"【{ch(['顺丰速运', '中通快递', '京东物流', '菜鸟驿站'])}】您的快件"); L.neg("waybill_no")
        L.t(f"已到达{ch(['丰巢柜', '驿站', '门卫'])}，取件码{rng.randint(100000, 999999)}，如有疑问请联系派件员")
        L.mob(["plain"])
    elif k == 1:
        L.t(f"【{ch(['工商银行', '招商银行', '建设银行'])}】您尾号{rng.randint(1000, 9999)}的卡于11月{rng.randint(1, 30)}日{hms()[:5]}消费人民币")
        L.neg("amount"); L.t("元，余额"); L.neg("amount"); L.t("元。")
    elif k == 2:
        L.t(f"【美团】验证码{rng.randint(100000, 999999)}，5分钟内有效，请勿泄露。")
    elif k == 3:
        L.t("【XX酒店】尊敬的宾客，您预订的房间已确认，入住人姓名："); L.name(); L.t("，证件号："); L.neg("masked")
        L.t("，如需帮助请致电"); L.tel()
    elif k == 4:
        L.t(f"【{ch(['拼多多', '淘宝', '京东'])}】您的订单"); L.neg("order_no"); L.t("已发货，收件人："); L.name()
        L.t("，收货地址："); L.addr(); maybe_addr_suffix(L)
    elif k == 5:
        L.t("【物流通知】快件已从【"); L.neg("transit", ch(COUNTIES)[3] + ch(["转运中心", "分拨中心", "集散中心"]))
        L.t("】发出，下一站【"); L.neg("transit", ch(COUNTIES)[1] + ch(["营业部", "网点", "营业点"])); L.t("】")
    elif k == 6:
        L.t("【中国移动】您的账户已充值"); L.neg("amount"); L.t(f"元，如有疑问请拨打10086。")
    elif k == 7:
        L.t("【快递员】您好，我是派件员，电话"); L.mob(); L.t("，包裹放在"); L.addr(["prov+city+county", "city+county"])
        L.t("楼下快递柜了")
    else:
        L.t("【银行】您的新卡"); L.card(["space4", "plain"]); L.t("已寄出，请注意查收。持卡人身份证后四位"); L.t(str(rng.randint(1000, 9999)))


def st_prose(L):
    """Free-form Chinese sentences (chat notes, remarks, complaints)."""
    k = rng.randrange(13)
    if k == 0:
        L.t("麻烦寄到"); L.addr(); L.t("，收件人："); L.name(); L.t("，电话"); L.mob()
    elif k == 1:
        L.t("我的手机是"); L.mob(); L.t(ch(["，有事打我", "", "，备用号", "。"]))
    elif k == 2:
        L.t("我住在"); L.addr(); maybe_addr_suffix(L)
    elif k == 3:
        L.mob(); L.t(ch([" 这个号码是我本人的", "是我老婆的电话，送货前联系她", " 打不通请打座机"]))
    elif k == 4:
        L.t("备注："); L.t(f"{ch(['周末', '工作日', '晚上'])}送货，联系人："); L.name(); L.t("，座机"); L.tel()
    elif k == 5:
        L.t("投诉：快递员把包裹放在"); L.neg("transit", ch(COUNTIES)[3] + ch(["转运中心", "分拨中心"]))
        L.t(f"{rng.randint(3, 9)}天没动，单号"); L.neg("waybill_no")
    elif k == 6:
        L.t("开户行：招商银行，卡号："); L.card(); L.t("，户主身份证："); L.idn()
    elif k == 7:
        L.t("发货地址："); L.addr(); L.t("；退货请寄"); L.addr(); L.t("，寄件人："); L.name()
    elif k == 8:
        L.t(f"用户于{ts_plain()}提交实名认证，证件号码"); L.idn(); L.t("，认证结果：一致")
    elif k == 9:
        L.t("联系邮箱"); L.mail(); L.t("，或者加我微信"); L.t(ch(["同手机号", "wxid_" + hexs(10)]))
    elif k == 10:
        L.t("收件人："); L.neg("name_placeholder", ch(["未填写", "本人", "同上", "保密"])); L.t("，电话：")
        L.mob(); L.t("，地址：同上次")
    elif k == 11:
        L.t("住址："); L.addr(); L.t("。"); L.t("紧急联系人："); L.name(); L.t(" "); L.mob()
    else:
        L.t(f"订单{rng.randint(1, 9)}号的收件人电话："); L.mob(); L.t("，寄件人电话："); L.tel()


def st_mixed(L):
    """Mixed Chinese/English and full-width forms."""
    k = rng.randrange(13)
    if k == 10:
        L.t(f"From: \"{ch(['客服中心', 'Support', '售后'])}\" <"); L.mail(); L.t(f"> Subject: 订单确认 {ts_plain()}")
        return
    if k == 11:
        L.t("<a href=\"mailto:"); L.mail(); L.t("\">联系我们</a> <a href=\"tel:"); L.mob(["plain", "+86plain"]); L.t("\">拨打</a>")
        return
    if k == 12:
        L.t("NAME="); L.name(); L.t(" MOBILE="); L.mob(); L.t(" ADDRESS="); L.addr()
        return
    if k == 0:
        L.t("Please ship to "); L.addr(); L.t(" ASAP, 联系人: "); L.name(); L.t(" mobile "); L.mob(["+86 space344", "+86plain", "+86 plain"])
    elif k == 1:
        L.t("Name: "); L.name(); L.t(" / Tel: "); L.tel(); L.t(" / Email: "); L.mail()
    elif k == 2:
        L.t("姓名："); L.name(); L.t("　电话："); L.mob(["fullwidth"]); L.t("　身份证："); L.idn(["fullwidth", "plain"])
    elif k == 3:
        L.t("（客户留言）电话："); L.mob(["（+86）plain"]); L.t("，地址："); L.addr()
    elif k == 4:
        L.t("contact "); L.mail(); L.t(" or call "); L.mob(["(+86)plain", "(+86) space344", "0086 plain"]); L.t(" before 6pm")
    elif k == 5:
        L.t("address="); L.addr(); L.t("; zip="); L.neg("postcode"); L.t("; name="); L.name()
    elif k == 6:
        L.t("卡号："); L.card(["fullwidth", "space4"]); L.t("，有效期12/29，CVV不提供")
    elif k == 7:
        L.t("ID: "); L.idn(["space684", "dash684", "X", "x"]); L.t(" (verified) ip="); L.neg("ipv4")
    elif k == 8:
        L.t("电话（办公）："); L.tel(["（area）", "(area)", "dash转ext", "dash-ext"]); L.t("，手机："); L.mob()
    else:
        L.t("收件人"); L.t(ch(["：", ":"])); L.name(); L.t("，TEL："); L.mob(["dash344", "space344"]); L.t("，ADDR：")
        L.addr()


def st_applog(L):
    """Ordinary application logs with bracketed prefixes, values at the end or start."""
    k = rng.randrange(11)
    if k == 0:
        L.mob(["plain"]); L.t(f" {ts_plain()} login ok from "); L.neg("ipv4")
    elif k == 1:
        L.t(f"{ts_plain()} [INFO] [order-svc] create order "); L.neg("order_no"); L.t(" for user ")
        L.neg("glued_alnum"); L.t(" contact ")
        L.mob()
    elif k == 2:
        L.t(f"[{ts_iso()}][WARN][risk] blocked txn "); L.neg("luhn_fail"); L.t(" card="); L.card()
    elif k == 3:
        L.t(f"{ts_plain()} DEBUG push token={hexs(16)} device="); L.neg("imei"); L.t(" tel="); L.mob(["plain", "dash344"])
    elif k == 4:
        L.t(f"I{rng.randint(1000, 1231)} {hms()}.{rng.randint(0, 999999):06d} {rng.randint(1, 99999)} handler.go:{rng.randint(10, 500)}] verify id=")
        L.idn(); L.t(" req="); L.neg("uuid")
    elif k == 5:
        L.t(f"{ts_plain()} INFO  mail queued to "); L.mail(); L.t(f", size={rng.randint(1, 99)}KB, at ")
        L.neg("epoch_ms")
    elif k == 6:
        L.t(f"{ts_plain()} INFO 收件人："); L.name(); L.t(" 寄件人："); L.name(); L.t(" 运单："); L.neg("waybill_no")
    elif k == 8:
        L.t(f"{ts_plain()} INFO [http] resp body={{\"code\":0,\"data\":{{\"receiverName\":\""); L.name()
        L.t("\",\"receiverMobile\":\""); L.mob(["plain"]); L.t("\",\"orderNo\":\""); L.neg("order_no"); L.t("\"}}}")
    elif k == 9:
        L.t(f"{ts_plain()} DEBUG payload={{\"name\":\""); L.name(); L.t("\",\"idCard\":\""); L.idn(["plain", "X"])
        L.t("\",\"address\":\""); L.addr(); L.t("\"}")
    else:
        L.t(f"{ts_plain()} ERROR 下单失败 uid="); L.neg("non_mobile11"); L.t(" amount="); L.neg("amount")
        L.t(" ts="); L.neg("ts14"); L.t(" ref="); L.neg(ch(["id_bad_check", "id_bad_date"]))


def st_negonly(L):
    """Lines with only hard negatives."""
    k = rng.randrange(6)
    if k == 0:
        L.t(f"{ts_plain()} INFO settle batch="); L.neg("order_no"); L.t(" total="); L.neg("amount")
        L.t(" from "); L.neg("ipv4"); L.t(" trace="); L.neg("hex_trace")
    elif k == 1:
        L.t("txn "); L.neg("luhn_fail"); L.t(" declined; retry at "); L.neg("epoch_ms")
    elif k == 2:
        L.t("校验失败：证件号 "); L.neg(ch(["id_bad_check", "id_bad_date"])); L.t(" 不合法")
    elif k == 3:
        L.t("uid="); L.neg("non_mobile11"); L.t(" sku="); L.neg("glued_alnum"); L.t(" req_id="); L.neg("uuid")
    elif k == 4:
        L.t("已签收，签收人：本人，运单号"); L.neg("waybill_no"); L.t("，客服热线"); L.neg("hotline")
    else:
        L.t("姓名："); L.neg("name_placeholder", ch(["未知", "未填写", "匿名用户", "张*", "李**"])); L.t(" 电话：")
        L.neg("masked"); L.t(" 身份证：") ; L.neg("masked")


STYLES = [
    ("chat", st_chat, 260), ("csv", st_csv, 220), ("sql", st_sql, 180), ("nginx", st_nginx, 170),
    ("java", st_java, 200), ("python", st_python, 160), ("logfmt", st_logfmt, 200), ("yaml", st_yaml, 180),
    ("sms", st_sms, 180), ("prose", st_prose, 250), ("mixed", st_mixed, 200), ("applog", st_applog, 140),
    ("negonly", st_negonly, 60),
]

# --------------------------------------------------------------------------------------------
# stray check: no unlabelled PII anywhere outside the labelled spans
# --------------------------------------------------------------------------------------------

B = r"(?<![0-9A-Za-z_])(?<!\d\.)"
E = r"(?![0-9A-Za-z_])(?!\.\d)"
STRAY_PATTERNS = [
    ("cn_mobile", re.compile(B + r"(?:\+86[ \-]?|0086[ \-]?|\(\+86\)\s?)?1\d{2}[ \-]?\d{4}[ \-]?\d{4}" + E), valid_mobile),
    ("cn_id18", re.compile(B + r"\d{6}[ \-]?\d{8}[ \-]?\d{3}[\dXx]" + E), valid_id18),
    ("cn_id15", re.compile(B + r"\d{15}" + E), valid_id15),
    ("bank_card", re.compile(B + r"\d{4}(?:[ \-]?\d{4}){3}(?:[ \-]?\d{1,3})?" + E), valid_card),
    ("cn_landline", re.compile(B + r"(?:\(0\d{2,3}\)|0\d{2,3})[ \-]?[2-8]\d{6,7}" + E), lambda s: True),
    ("email", re.compile(r"@"), lambda s: True),
]
NAME_LABEL_RE = re.compile(r"(?:姓名|收件人|寄件人|联系人|name)\s*['\"]?\s*[=:：]\s*['\"]?\s*[\u4e00-\u9fff]", re.I)


def masked_text(text: str, spans, negs, keep_negs=False):
    b = bytearray(text.encode("utf-8"))
    for a, e, *_ in spans:
        b[a:e] = b"\x01" * (e - a)
    if not keep_negs:
        for a, e, cat in negs:
            if cat in ("transit", "name_placeholder"):
                b[a:e] = b"\x02" * (e - a)
    return b.decode("utf-8", "replace")


def stray_check(L) -> list:
    text = L.text()
    problems = []
    # labels are valid and do not overlap
    prev = 0
    for a, e, kind, fmt in sorted(L.spans):
        if a < prev:
            problems.append("overlap")
        prev = e
        val = text.encode()[a:e].decode()
        ok = {"cn_mobile": valid_mobile, "cn_id": lambda s: valid_id18(s) or valid_id15(s), "bank_card": valid_card,
              "cn_landline": valid_landline, "email": valid_email, "cn_name": valid_name,
              "cn_address": lambda s: ADDR_START_RE.match(s) is not None and (s[-1] in "号栋幢室" or s[-1].isdigit())}[kind](
            val.translate(FW) if kind == "cn_address" else val)
        if not ok:
            problems.append(f"invalid {kind}")
    rest = masked_text(text, L.spans, L.negs).translate(FW)
    for kind, pat, val in STRAY_PATTERNS:
        for m in pat.finditer(rest):
            if val(m.group(0)):
                problems.append(f"stray {kind}")
    # 11-digit runs that look like any 1[3-9] number, even on an unknown segment
    if re.search(B + r"1[3-9]\d{9}" + E, rest):
        problems.append("stray mobile-like")
    if re.search(B + r"\d{16,19}" + E, rest) and any(luhn_ok(m) for m in re.findall(B + r"\d{16,19}" + E, rest)):
        problems.append("stray luhn")
    if NAME_LABEL_RE.search(rest):
        problems.append("stray name")
    if PLACE_RE.search(rest):
        problems.append("stray place")
    return problems


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------

NOISY = ("logfmt", "applog", "nginx", "java")
NOISE_CATS = ["id_bad_check", "id_bad_date", "glued_alnum", "luhn_fail", "non_mobile11", "order_no", "epoch_ms"]
NOISE_W = [25, 20, 20, 15, 10, 5, 5]


def build():
    weights = [w for _, _, w in STYLES]
    records, retries = [], Counter()
    while len(records) < N_LINES:
        name, fn, _ = rng.choices(STYLES, weights=weights)[0]
        L = Line(name)
        fn(L)
        if name in NOISY and rng.random() < 0.3:
            L.t(" " + ch(["ref", "seq", "tx", "sn", "biz", "chk"]) + "=")
            L.neg(rng.choices(NOISE_CATS, weights=NOISE_W)[0])
        text = L.text()
        bad = stray_check(L)
        if bad or any(c in text for c in "\n\r\u2028\u2029\x85"):
            retries[";".join(sorted(set(bad)))] += 1
            continue
        records.append(L)
    return records, retries


def main():
    records, retries = build()
    out = {k: open(os.path.join(HERE, k), "w", encoding="utf-8", newline="\n")
           for k in ("heldout.jsonl", "texts.txt", "negatives.jsonl", "meta.jsonl")}
    kinds, fmts, styles, negc = Counter(), Counter(), Counter(), Counter()
    for n, L in enumerate(records, 1):
        text = L.text()
        spans = sorted(L.spans)
        out["heldout.jsonl"].write(json.dumps({"text": text, "spans": [
            {"start": a, "end": e, "kind": k} for a, e, k, _ in spans]}, ensure_ascii=False) + "\n")
        out["texts.txt"].write(text + "\n")
        for a, e, cat in L.negs:
            out["negatives.jsonl"].write(json.dumps({"line": n, "start": a, "end": e, "category": cat}) + "\n")
            negc[cat] += 1
        out["meta.jsonl"].write(json.dumps({"line": n, "style": L.style, "spans": [
            {"start": a, "end": e, "kind": k, "fmt": f} for a, e, k, f in spans]}, ensure_ascii=False) + "\n")
        styles[L.style] += 1
        for a, e, k, f in spans:
            kinds[k] += 1
            fmts[(k, f.split("/")[0] if k == "cn_address" else f)] += 1
    for f in out.values():
        f.close()
    print(f"{len(records)} lines, {sum(kinds.values())} labels, {sum(negc.values())} hard negatives, "
          f"{sum(1 for L in records if not L.spans)} lines without PII")
    print("styles:", ", ".join(f"{k} {v}" for k, v in sorted(styles.items())))
    print("labels:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("negatives:", ", ".join(f"{k} {v}" for k, v in sorted(negc.items())))
    print("rejected while generating (regenerated):", dict(sorted(retries.items())), file=sys.stderr)


if __name__ == "__main__":
    main()

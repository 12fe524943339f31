use super::*;
use crate::{Keyring, Mask, Tokenizer};

fn found(text: &str) -> Vec<(String, Kind)> {
    Scanner::new().scan(text).iter().map(|s| (text[s.start..s.end].to_string(), s.kind)).collect()
}

fn one(text: &str, kind: Kind) -> String {
    let f = found(text);
    assert_eq!(f.len(), 1, "{text}: {f:?}");
    assert_eq!(f[0].1, kind, "{text}");
    f[0].0.clone()
}

fn none(text: &str) {
    assert!(found(text).is_empty(), "{text}: {:?}", found(text));
}

fn masker() -> Redactor {
    Redactor::new(Scanner::new(), Policy::new(Action::Mask(Mask::Default)), None).unwrap()
}

fn tokenizer(byte: &str) -> Tokenizer {
    Tokenizer::new(Keyring::from_hex(&byte.repeat(32)).unwrap())
}

#[test]
fn mobiles_in_every_written_form() {
    for (text, want) in [
        ("电话13812345678无人接听", "13812345678"),
        ("phone=+86 138 1234 5678 ok", "+86 138 1234 5678"),
        ("tel: +8613812345678", "+8613812345678"),
        ("手机：+86-15011904678", "+86-15011904678"),
        ("0086 197 8072 5132 浙", "0086 197 8072 5132"),
        ("008613535803163。", "008613535803163"),
        ("我的电话是(+86)17100482709，谢谢", "(+86)17100482709"),
        ("手机：１５２８０１６７６４３，", "１５２８０１６７６４３"),
        ("call 138-1234-5678.", "138-1234-5678"),
    ] {
        assert_eq!(one(text, Kind::CnMobile), want, "{text}");
    }
}

#[test]
fn number_look_alikes_are_not_reported() {
    none("uid=12038475610 status=ok"); // 12x is no network prefix
    none("订单号 20261129102133138123456789"); // mobile inside a long run
    none("order=SF1381234567812"); // glued to letters
    none("trace=54014f91386e1d18085133228f2db809");
    none("rid=ed9bccb17738079019cef786f43ca68e");
    none("request c52bbc8c-eee7-49a2-8aa2-1c5e072022b9 done");
    none("金额 13800000000.00 元，¥13812.50");
    none("client 172.45.2.106 remote 10.13.81.234");
    none("ts=1795943030208 at 2026-11-29 10:21:33");
    none("user_13812345678 and 13812345678abc");
    none("card 6222021234567890127 fails Luhn"); // Luhn failure
    none("order 2026112910361638 is not a card"); // no issuer prefix
    none("id 110101199003071235 wrong check"); // ISO 7064 failure
    none("id 110101199013071234 month 13");
    none("hotline 400-820-8820 or 95338");
}

#[test]
fn ids_cards_landlines_emails() {
    assert_eq!(one("身份证号：11010519491231002X，", Kind::CnId), "11010519491231002X");
    assert_eq!(one("证件 11010519491231002x", Kind::CnId), "11010519491231002x");
    assert_eq!(one("ID 110105 19491231 002X ok", Kind::CnId), "110105 19491231 002X");
    assert_eq!(one("卡号 6222 0212 3456 7890 128 到账", Kind::BankCard), "6222 0212 3456 7890 128");
    assert_eq!(one("card=4111111111111111", Kind::BankCard), "4111111111111111");
    for l in [
        "010-62345678",
        "0571-87654321-801",
        "0571-87654321转801",
        "021 5432 1098",
        "(0755)23456789",
        "（0755）23456789",
    ] {
        assert_eq!(one(&format!("座机 {l} 找前台"), Kind::CnLandline), l);
    }
    assert_eq!(one("邮箱：he_hao99@example.cn，", Kind::Email), "he_hao99@example.cn");
    assert_eq!(one("发票已发送至liangyi625@sina.com", Kind::Email), "liangyi625@sina.com");
    none("mail root@localhost now");
}

#[test]
fn names_after_labels() {
    assert_eq!(one("收件人：冯薇伟，如有疑问", Kind::CnName), "冯薇伟");
    assert_eq!(one("寄件人： 夏芳欣 座机", Kind::CnName), "夏芳欣");
    assert_eq!(one("同住人姓名：司马艳霞 身份证", Kind::CnName), "司马艳霞");
    assert_eq!(one("holder name: 尉迟佳, ok", Kind::CnName), "尉迟佳");
    assert_eq!(one("contact_name=刘成 ", Kind::CnName), "刘成");
    assert_eq!(one("联系人刘成，", Kind::CnName), "刘成");
    assert_eq!(one("name=买买提·艾力 ok", Kind::CnName), "买买提·艾力");
    none("收件人电话：无 联系人手机：无");
    none("张三来了"); // no label, no name
    none("app_name=order-svc");
}

#[test]
fn addresses() {
    let a = "浙江省杭州市西湖区文三路138号3栋2单元501室";
    assert_eq!(one(&format!("地址：{a}，放门卫"), Kind::CnAddress), a);
    assert_eq!(one(&format!("收货地址为{a}门口"), Kind::CnAddress), a);
    assert_eq!(one(&format!("我住在{a}。"), Kind::CnAddress), a);
    assert_eq!(one("from=宿州市埇桥区银杏路863号32幢 to", Kind::CnAddress), "宿州市埇桥区银杏路863号32幢");
    assert_eq!(one("地址：文三路138号，", Kind::CnAddress), "文三路138号");
    none("已到达杭州转运中心，永州市蓝山县营业点已揽收");
    none("地址：见备注");
    none("IP地址：10.0.0.1");
}

#[test]
fn overlap_rule_is_leftmost_longest() {
    // The mobile number is the local part of an e-mail: the e-mail wins.
    assert_eq!(one("mail 13812345678@qq.com", Kind::Email), "13812345678@qq.com");
    assert_eq!(one("x 13812345678+tag@qq.com", Kind::Email), "13812345678+tag@qq.com");
    let mut hits = vec![
        Hit::new(5, 9, Kind::CnName, 0.5),
        Hit::new(0, 10, Kind::Email, 0.5),
        Hit::new(0, 4, Kind::CnMobile, 0.5),
        Hit::new(10, 12, Kind::CnId, 0.5),
    ];
    finder::resolve_for_test(&mut hits);
    let got: Vec<_> = hits.iter().map(|h| (h.start, h.end, h.kind)).collect();
    assert_eq!(got, [(0, 10, Kind::Email), (10, 12, Kind::CnId)]);
}

#[test]
fn kinds_can_be_switched_off() {
    let sc = Scanner::with_kinds(&[Kind::Email]);
    assert_eq!(sc.kinds(), [Kind::Email]);
    let text = "13812345678 a@b.cn 姓名：张三";
    let spans = sc.scan(text);
    assert_eq!(spans.len(), 1);
    assert_eq!(&text[spans[0].start..spans[0].end], "a@b.cn");
}

#[test]
fn raw_bytes_skip_invalid_utf8() {
    let mut line = b"\xff\xfe phone 13812345678 \xc3".to_vec();
    line.extend_from_slice("手机\u{FF1A}".as_bytes());
    line.extend_from_slice(b"\x80");
    line.extend_from_slice(b"13912345678");
    let spans = Scanner::new().scan_bytes(&line);
    let got: Vec<&[u8]> = spans.iter().map(|s| &line[s.start..s.end]).collect();
    assert_eq!(got, [&b"13812345678"[..], b"13912345678"]);
    let mut out = Vec::new();
    masker().redact_line(&line, &mut out, &mut Stats::default());
    let want = [&b"\xff\xfe phone 138****5678 \xc3"[..], "手机\u{FF1A}".as_bytes(), b"\x80139****5678"].concat();
    assert_eq!(out, want);
}

#[test]
fn json_lines_by_key() {
    let line = r#"{"ts":"2026-11-29T00:02:53Z","name":"孔明","tel":"029-49043534转375","phone":13812345678,"user":{"idCard":"11010519491231002X","remote_addr":"10.0.0.1","app_name":"svc"},"addr":"杭州市西湖区文三路1号","msg":"发给 a@b.cn 了","n":13912345678}"#;
    let spans = Scanner::new().scan(line);
    let got: Vec<(&str, Kind)> = spans.iter().map(|s| (&line[s.start..s.end], s.kind)).collect();
    assert_eq!(
        got,
        [
            ("孔明", Kind::CnName),
            ("029-49043534转375", Kind::CnLandline),
            ("13812345678", Kind::CnMobile),
            ("11010519491231002X", Kind::CnId),
            ("杭州市西湖区文三路1号", Kind::CnAddress),
            ("a@b.cn", Kind::Email),
        ]
    );
    // Structure, key order, spacing and other values are kept; a bare number that is masked
    // becomes a string.
    let out = masker().redact(line);
    assert_eq!(
        out,
        r#"{"ts":"2026-11-29T00:02:53Z","name":"孔*","tel":"029-******34转375","phone":"138****5678","user":{"idCard":"110105********002X","remote_addr":"10.0.0.1","app_name":"svc"},"addr":"杭州市西湖区****","msg":"发给 a***@b.cn 了","n":13912345678}"#
    );
}

#[test]
fn json_values_with_escapes_and_invalid_values() {
    let line = r#"{ "name" : "\u5f20\u4e09" , "phone":"12345", "note":"he said \"13812345678\"" }"#;
    let spans = Scanner::new().scan(line);
    let got: Vec<(&str, Kind)> = spans.iter().map(|s| (&line[s.start..s.end], s.kind)).collect();
    assert_eq!(got, [(r"\u5f20\u4e09", Kind::CnName), ("12345", Kind::CnMobile), ("13812345678", Kind::CnMobile)]);
    let r = masker();
    let mut out = Vec::new();
    let mut stats = Stats::default();
    r.redact_line(line.as_bytes(), &mut out, &mut stats);
    // "12345" is under a phone key but has no mask: it gets the label (a fallback).
    assert_eq!(
        String::from_utf8(out).unwrap(),
        r#"{ "name" : "张*" , "phone":"[CN_MOBILE]", "note":"he said \"138****5678\"" }"#
    );
    assert_eq!(stats.fallbacks, 1);
    assert_eq!(stats.found(Kind::CnMobile), 2);
    // Not a complete object: free text.
    assert_eq!(found(r#"{"phone":"13812345678""#), [("13812345678".to_string(), Kind::CnMobile)]);
    // Keys are configurable.
    let mut sc = Scanner::new();
    sc.json_keys_mut().remove("name").insert("guest", Kind::CnName);
    let line = r#"{"name":"孔明","guest":"诸葛亮"}"#;
    let spans = sc.scan(line);
    assert_eq!(spans.len(), 1);
    assert_eq!(&line[spans[0].start..spans[0].end], "诸葛亮");
}

#[test]
fn actions_per_kind() {
    let text = "姓名：张三丰 电话 138 1234 5678 邮箱 zhang.san@example.com";
    assert_eq!(masker().redact(text), "姓名：张** 电话 138 **** 5678 邮箱 z***@example.com");
    let r = Redactor::new(Scanner::new(), Policy::new(Action::Redact), None).unwrap();
    assert_eq!(r.redact(text), "姓名：[CN_NAME] 电话 [CN_MOBILE] 邮箱 [EMAIL]");
    let mut policy = Policy::new(Action::Keep);
    policy.set(Kind::CnMobile, Action::Pseudonymize);
    let r = Redactor::new(Scanner::new(), policy, Some(tokenizer("01"))).unwrap();
    let out = r.redact(text);
    let p = out.split("[CN_MOBILE:").nth(1).unwrap().split(']').next().unwrap();
    assert_eq!(p.len(), 20);
    assert!(out.starts_with("姓名：张三丰 电话 [CN_MOBILE:"));
    // The same number in another layout has the same pseudonym.
    assert_eq!(r.redact("电话 13812345678"), format!("电话 [CN_MOBILE:{p}]"));
    assert!(Redactor::new(Scanner::new(), Policy::new(Action::Tokenize), None).is_err());
    assert_eq!("mask:keep_first3_last4".parse::<Action>().unwrap(), Action::Mask(Mask::KEEP_FIRST3_LAST4));
    assert!("nope".parse::<Action>().is_err());
}

#[test]
fn markers_round_trip_and_resist_forgery() {
    let text = "收件人：欧阳娜娜，手机 +86 138 1234 5678，身份证 11010519491231002X，地址：浙江省杭州市西湖区文三路138号3栋2单元501室，邮箱 ab.cd@qq.com，座机 0571-87654321转801，卡 6222021234567890128";
    let mut policy = Policy::new(Action::Tokenize);
    policy.set_marker(true).set_context(b"logs");
    let r = Redactor::new(Scanner::new(), policy.clone(), Some(tokenizer("02"))).unwrap();
    let masked = r.redact(text);
    assert_eq!(masked.matches(marker::OPEN).count(), 7, "{masked}");
    for secret in ["欧阳娜娜", "1234 5678", "11010519491231002X", "文三路", "ab.cd", "87654321", "6222021234567890128"]
    {
        assert!(!masked.contains(secret));
    }
    assert_eq!(r.unmask(&masked), text);
    // A bare JSON number becomes a marker string and comes back as a number.
    let json = r#"{"phone":13812345678,"name":"张三","n":[1]}"#;
    let masked_json = r.redact(json);
    assert!(masked_json.starts_with(r#"{"phone":"⟦ytn:cn_mobile:1:"#), "{masked_json}");
    assert_eq!(r.unmask(&masked_json), json);
    // A scan of the masked text finds no original value (markers hold tokens, not values).
    // Another key or context: markers stay as they are.
    let other = Redactor::new(Scanner::new(), policy, Some(tokenizer("03"))).unwrap();
    assert_eq!(other.unmask(&masked), masked);
    let mut p2 = Policy::new(Action::Tokenize);
    p2.set_marker(true).set_context(b"other");
    let other = Redactor::new(Scanner::new(), p2, Some(tokenizer("02"))).unwrap();
    assert_eq!(other.unmask(&masked), masked);
    // A forged or altered marker is not restored.
    let forged = "⟦yt:cn_mobile:1:aaaaaaaa:13800000000⟧";
    assert_eq!(r.unmask(forged), forged);
    let first = masked.find(marker::OPEN).unwrap();
    let tag_at = masked[first..].match_indices(':').nth(2).unwrap().0 + first + 1;
    let mut altered = masked.clone();
    let c = if &altered[tag_at..tag_at + 1] == "a" { "b" } else { "a" };
    altered.replace_range(tag_at..tag_at + 1, c);
    let mut stats = Stats::default();
    let mut out = Vec::new();
    r.unmask_line(altered.as_bytes(), &mut out, &mut stats);
    assert_eq!((stats.restored, stats.unrestored), (6, 1));
}

#[test]
fn stream_keeps_lines_bytes_and_order() {
    let input = b"a 13812345678\n\n\xff\xfe bad 13912345678 \xc3\r\n{\"phone\":\"13712345678\"}\nlast 13612345678";
    let mut out = Vec::new();
    let stats = masker().redact_stream(&input[..], &mut out).unwrap();
    assert_eq!(
        out,
        b"a 138****5678\n\n\xff\xfe bad 139****5678 \xc3\r\n{\"phone\":\"137****5678\"}\nlast 136****5678".to_vec()
    );
    assert_eq!(stats.lines, 5);
    assert_eq!(stats.bytes, input.len() as u64);
    assert_eq!(stats.found(Kind::CnMobile), 4);
    let mut lines = Vec::new();
    let n = Scanner::new()
        .scan_stream(&input[..], |line, span| {
            lines.push((line, span.start, span.end));
            Ok(())
        })
        .unwrap();
    assert_eq!(n, 5);
    assert_eq!(lines, [(1, 2, 13), (3, 7, 18), (4, 10, 21), (5, 5, 16)]);
}

/// Reads that cut lines and characters anywhere, with invalid bytes in some reads and not in
/// others: the stream (which checks the UTF-8 of a read's lines at once) scrubs every line as
/// `redact_line` does alone.
#[test]
fn stream_matches_line_by_line_for_any_read_size() {
    let mut input = Vec::new();
    for k in 0..40 {
        input.extend_from_slice("收件人：张三，电话：13812345678，地址：浙江省杭州市西湖区文三路1号\n".as_bytes());
        if k % 7 == 3 {
            input.extend_from_slice(b"\xff bad 13912345678 \xe5\xbc\n");
        }
        input.extend_from_slice(b"{\"phone\":\"13712345678\",\"name\":\"\xe6\x9d\x8e\xe5\x9b\x9b\"}\n");
    }
    let r = masker();
    let mut want = Vec::new();
    for line in input.split_inclusive(|&c| c == b'\n') {
        let mut stats = Stats::default();
        r.redact_line(&line[..line.len() - 1], &mut want, &mut stats);
        want.push(b'\n');
    }
    for step in [1, 2, 3, 5, 64, 100, 1000, 4096] {
        let mut out = Vec::new();
        r.redact_stream(Trickle { data: &input, step }, &mut out).unwrap();
        assert!(out == want, "step {step}");
    }
}

/// A live stream (`tail -f log | yinsi mask`): each line reaches the writer, flushed, before
/// the next read, which may wait for new input; a file read whole is written at the end only.
#[test]
fn stream_flushes_each_line_before_waiting_for_more() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let flushed = Rc::new(RefCell::new(Vec::<u8>::new()));
    // Each read hands out one part; before handing out the next it records what was flushed.
    struct Parts {
        parts: Vec<&'static [u8]>,
        flushed: Rc<RefCell<Vec<u8>>>,
        seen: Vec<String>,
    }
    impl std::io::Read for Parts {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.seen.push(String::from_utf8_lossy(&self.flushed.borrow()).into_owned());
            let Some(part) = (!self.parts.is_empty()).then(|| self.parts.remove(0)) else { return Ok(0) };
            buf[..part.len()].copy_from_slice(part);
            Ok(part.len())
        }
    }
    struct Sink {
        pending: Vec<u8>,
        flushed: Rc<RefCell<Vec<u8>>>,
        flushes: usize,
    }
    impl std::io::Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.pending.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.flushed.borrow_mut().append(&mut self.pending);
            self.flushes += 1;
            Ok(())
        }
    }
    let parts: Vec<&'static [u8]> = vec![b"a 13812345678\n", b"b 13912345678\nc ", b"13712345678\n", b"tail"];
    let mut reader = Parts { parts, flushed: flushed.clone(), seen: Vec::new() };
    let mut sink = Sink { pending: Vec::new(), flushed: flushed.clone(), flushes: 0 };
    masker().redact_stream(&mut reader, &mut sink).unwrap();
    assert_eq!(
        reader.seen,
        [
            "",
            "a 138****5678\n",
            "a 138****5678\nb 139****5678\n",
            "a 138****5678\nb 139****5678\nc 137****5678\n",
            "a 138****5678\nb 139****5678\nc 137****5678\n",
        ]
    );
    assert_eq!(*flushed.borrow(), b"a 138****5678\nb 139****5678\nc 137****5678\ntail".to_vec());
    // Read whole (one read fills what it was asked for but the end): one flush, at the end.
    let input = "x 13812345678\n".repeat(100_000);
    let mut sink = Sink { pending: Vec::new(), flushed: Rc::new(RefCell::new(Vec::new())), flushes: 0 };
    masker().redact_stream(input.as_bytes(), &mut sink).unwrap();
    assert_eq!(sink.flushes, 2, "one for the read that ended short, one at the end");
}

/// A read error stops the stream with that error, after the lines scrubbed before it are
/// written: lines are handed to the writer in batches, and a read that fills the buffer is no
/// moment to flush, so the last batch is still held when the next read fails.
#[test]
fn stream_writes_the_lines_before_a_read_error() {
    struct Failing {
        data: Vec<u8>,
        at: usize,
    }
    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.data.len() - self.at);
            if n == 0 {
                return Err(std::io::Error::other("disk"));
            }
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }
    // One read fills the buffer exactly, ending inside a line; the next read fails.
    let line = "a 13812345678\n";
    let lines = (WINDOW + LOOKBEHIND) / line.len();
    let mut data = line.repeat(lines).into_bytes();
    data.resize(WINDOW + LOOKBEHIND, b'7');
    let mut out = Vec::new();
    let e = masker().redact_stream(Failing { data, at: 0 }, &mut out).unwrap_err();
    assert_eq!(e.to_string(), "disk");
    assert!(out == "a 138****5678\n".repeat(lines).into_bytes(), "{} bytes written", out.len());
}

/// `yinsi scan --format jsonl` on a live stream: the scan says `Idle` after the values of the
/// last line a read completed, before it reads again (which may wait for new input); a file read
/// whole says it once, at the short read before its end.
#[test]
fn stream_scan_says_idle_after_each_line_before_waiting_for_more() {
    use std::cell::RefCell;
    use std::rc::Rc;
    fn show(e: &StreamEvent) -> String {
        match e {
            StreamEvent::Value { line, span } => format!("{line}: {} {}..{}", span.kind, span.start, span.end),
            StreamEvent::Idle { line } => format!("{line}: idle"),
        }
    }
    let events = Rc::new(RefCell::new(Vec::<String>::new()));
    // Each read hands out one part; before handing out the next it records the events so far.
    struct Parts {
        parts: Vec<&'static [u8]>,
        events: Rc<RefCell<Vec<String>>>,
        seen: Vec<Vec<String>>,
    }
    impl std::io::Read for Parts {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.seen.push(self.events.borrow().clone());
            let Some(part) = (!self.parts.is_empty()).then(|| self.parts.remove(0)) else { return Ok(0) };
            buf[..part.len()].copy_from_slice(part);
            Ok(part.len())
        }
    }
    let parts: Vec<&'static [u8]> =
        vec![b"a 13812345678\n", b"b 13912345678 x@qq.com\nnone\nc ", b"13712345678\n", b"tail 13612345678"];
    let mut reader = Parts { parts, events: events.clone(), seen: Vec::new() };
    let lines = Scanner::new()
        .scan_stream_events(&mut reader, |e| {
            events.borrow_mut().push(show(&e));
            Ok(())
        })
        .unwrap();
    assert_eq!(lines, 5);
    let after_1 = ["1: cn_mobile 2..13", "1: idle"];
    let after_2 = [&after_1[..], &["2: cn_mobile 2..13", "2: email 14..22", "3: idle"]].concat();
    let after_3 = [&after_2[..], &["4: cn_mobile 2..13", "4: idle"]].concat();
    assert_eq!(reader.seen, [vec![], after_1.to_vec(), after_2.clone(), after_3.clone(), after_3.clone()]);
    assert_eq!(*events.borrow(), [&after_3[..], &["5: cn_mobile 5..16"]].concat());
    // The same stream through `scan_stream`: the same values, no idle.
    let parts: Vec<&'static [u8]> =
        vec![b"a 13812345678\n", b"b 13912345678 x@qq.com\nnone\nc ", b"13712345678\n", b"tail 13612345678"];
    let mut values = Vec::new();
    let mut reader = Parts { parts, events: Rc::new(RefCell::new(Vec::new())), seen: Vec::new() };
    Scanner::new()
        .scan_stream(&mut reader, |line, span| {
            values.push(show(&StreamEvent::Value { line, span }));
            Ok(())
        })
        .unwrap();
    assert_eq!(values, events.borrow().iter().filter(|e| !e.ends_with("idle")).cloned().collect::<Vec<_>>());
    // Read whole (every read fills what it was asked for but the last): one idle, at the end.
    let input = "x 13812345678\n".repeat(100_000);
    let mut idle = Vec::new();
    Scanner::new()
        .scan_stream_events(input.as_bytes(), |e| {
            if let StreamEvent::Idle { .. } = e {
                idle.push(e);
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(idle, [StreamEvent::Idle { line: 100_000 }]);
}

/// A reader that hands out at most `step` bytes per call.
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn long_lines_are_scrubbed_across_windows() {
    // A line of about 3.5 windows with a value every 997 bytes or so, including values that
    // straddle every possible cut point, and labels just before them.
    let unit = "x 姓名：张三 phone 13812345678 卡 6222021234567890128 ";
    let mut line = String::new();
    let mut pad = 0usize;
    while line.len() < 3 * WINDOW + WINDOW / 2 {
        line.push_str(unit);
        line.push_str(&"y".repeat(pad % 61));
        line.push(' ');
        pad += 7;
    }
    let mut input = line.clone().into_bytes();
    input.extend_from_slice(b"\nshort 13912345678\n");
    let mut out = Vec::new();
    let stats = masker().redact_stream(Trickle { data: &input, step: 100_003 }, &mut out).unwrap();
    let want = format!("{}\nshort 139****5678\n", masker().redact(&line));
    assert!(out == want.as_bytes(), "windowed output differs from whole-line output");
    let n = line.matches(unit).count() as u64;
    assert_eq!(stats.found(Kind::CnMobile), n + 1);
    assert_eq!(stats.found(Kind::CnName), n);
    assert_eq!(stats.found(Kind::BankCard), n);
    assert_eq!(stats.lines, 2);
    // Scan offsets within the long line are absolute.
    let mut last = 0;
    let mut count = 0;
    Scanner::new()
        .scan_stream(&input[..], |l, s| {
            if l == 1 {
                assert!(s.start >= last);
                let v = &line[s.start..s.end];
                assert!(["张三", "13812345678", "6222021234567890128"].contains(&v), "{:?}", s);
                last = s.end;
                count += 1;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(count, 3 * n);
}

#[test]
fn debug_never_shows_values() {
    let text = "电话 13812345678";
    let s = Scanner::new().scan(text);
    let d = format!("{s:?} {:?}", masker());
    assert!(!d.contains("13812345678") && !d.contains("5678"), "{d}");
}

#[test]
fn address_mask_with_known_prefix_equals_the_kind_mask() {
    let r = masker();
    for a in [
        "浙江省杭州市西湖区文三路138号3栋2单元501室",
        "新疆维吾尔自治区喀什地区塔什库尔干塔吉克自治县银杏大道396号",
        "上海市虹口区长江路439号金色苑9栋3单元2208室",
        "宿州市埇桥区银杏路863号32幢",
    ] {
        let want = crate::kinds::rules(Kind::CnAddress).mask(&crate::Options::default(), a, Mask::Default).unwrap();
        assert_eq!(r.redact(&format!("地址：{a}，")), format!("地址：{want}，"));
        assert_eq!(r.redact(&format!("寄到{a}。")), format!("寄到{want}。"));
    }
}

/// `(start, end, kind)` of every span, to compare with [`at`].
fn spans(text: &str) -> Vec<(usize, usize, Kind)> {
    Scanner::new().scan(text).iter().map(|s| (s.start, s.end, s.kind)).collect()
}

/// The exact span of the first occurrence of `value` in `text`.
fn at(text: &str, value: &str, kind: Kind) -> (usize, usize, Kind) {
    let start = text.find(value).unwrap_or_else(|| panic!("{value} not in {text}"));
    (start, start + value.len(), kind)
}

#[test]
fn names_and_addresses_in_single_quotes() {
    use Kind::*;
    let t = "{'name': '叶杰', 'mobile': '181 5937 3024'}";
    assert_eq!(spans(t), [at(t, "叶杰", CnName), at(t, "181 5937 3024", CnMobile)]);
    let t = "UPDATE t_member SET name='欧阳娜娜', mobile='17745635813' WHERE id=7";
    assert_eq!(spans(t), [at(t, "欧阳娜娜", CnName), at(t, "17745635813", CnMobile)]);
    let t = "    name: '卢艳'";
    assert_eq!(spans(t), [at(t, "卢艳", CnName)]);
    let t = "receiver_name = '艾力·吐尔逊' ok";
    assert_eq!(spans(t), [at(t, "艾力·吐尔逊", CnName)]);
    let t = "SET receiver_addr='河北省承德市兴隆县金桥大街638号' WHERE 1";
    assert_eq!(spans(t), [at(t, "河北省承德市兴隆县金桥大街638号", CnAddress)]);
    // Quotes around the value of a Han label word, as in JSON fragments inside a log line.
    let t = r#"body={"收件人":"王五","寄件人": '赵六'} ok"#;
    assert_eq!(spans(t), [at(t, "王五", CnName), at(t, "赵六", CnName)]);
    none("app_name='order-svc' env='prod'");
}

#[test]
fn addresses_with_blanks_between_administrative_parts() {
    use Kind::*;
    let a = "浙江省 杭州市 桐庐县 胜利北路555号世纪花城25栋6单元1001室";
    let t = format!("手机：19865405627，地址：{a} 对吗？");
    assert_eq!(spans(&t), [at(&t, "19865405627", CnMobile), at(&t, a, CnAddress)]);
    // Without a label (an SQL value), with long names and a full-width blank.
    let a = "贵州省 黔东南苗族侗族自治州\u{3000}施秉县 石桥镇大柳树村9组24号";
    let t = format!("VALUES ('13015555520','{a}','2026-11-09 14:42:52')");
    assert_eq!(spans(&t), [at(&t, "13015555520", CnMobile), at(&t, a, CnAddress)]);
    // One blank between an unspaced prefix and the street; two blanks.
    let t = "我住在浙江省杭州市西湖区 文三路138号3栋。";
    assert_eq!(spans(t), [at(t, "浙江省杭州市西湖区 文三路138号3栋", CnAddress)]);
    let t = "寄到 杭州市  西湖区  文三路1号，谢谢";
    assert_eq!(spans(t), [at(t, "杭州市  西湖区  文三路1号", CnAddress)]);
    // Not joined: three blanks, a single-level prefix, a field word, no suffix after the blank.
    none("我在浙江省杭州市西湖区   文三路1号");
    none("浙江省 今年3号台风");
    // A time word after the blank is no address body, however many levels the prefix has.
    none("杭州市西湖区 明天3号到");
    none("浙江省 杭州市 西湖区 下午3点 5号门");
    let t = "地址：杭州市西湖区 明天3号发货";
    assert_eq!(spans(t), [at(t, "杭州市西湖区", CnAddress)]);
    let t = "地址：浙江省 杭州市 西湖区 电话 13812345678";
    assert_eq!(spans(t), [at(t, "浙江省 杭州市 西湖区", CnAddress), at(t, "13812345678", CnMobile)]);
    let t = "地址：浙江省 杭州市 西湖区 见备注";
    assert_eq!(spans(t), [at(t, "浙江省 杭州市 西湖区", CnAddress)]);
    let t = "from 杭州市西湖区 to 上海市浦东新区";
    assert_eq!(spans(t), []);
}

#[test]
fn name_placeholders_are_not_names() {
    use Kind::*;
    for p in finder::NAME_PLACEHOLDERS {
        for t in [format!("收件人：{p}，电话：13812345678"), format!("{{'name': '{p}', 'tel': '13812345678'}}")]
        {
            assert_eq!(spans(&t), [at(&t, "13812345678", CnMobile)], "{p}");
        }
        none(&format!("姓名：{p} 性别：男"));
        none(&format!(r#"{{"name":"{p}","level":"INFO"}}"#));
    }
    none("姓名：张* 寄件人：李**");
    // A real name is still found, also one that contains a placeholder's characters.
    let t = "收件人：保密军，寄件人：同上官";
    assert_eq!(spans(t), [at(t, "保密军", CnName), at(t, "同上官", CnName)]);
    let t = r#"{"name":"张三","phone":"13812345678"}"#;
    assert_eq!(spans(t), [at(t, "张三", CnName), at(t, "13812345678", CnMobile)]);
}

#[test]
fn a_date_is_no_part_of_a_number_value() {
    use Kind::*;
    // The date's digits and the number after it made an 11-digit mobile (199…).
    none("birthday 1990-01-01 123 ok");
    none("at 1998-12-31 2359");
    let t = "2026-11-29 13812345678";
    assert_eq!(spans(t), [at(t, "13812345678", CnMobile)]);
    let t = "日期 2026-11-29 电话 0571-8888 8888";
    assert_eq!(spans(t), [at(t, "0571-8888 8888", CnLandline)]);
    // A date that starts a run is passed over whole where its unit ends (a space, a character
    // that goes on no run); the rest of the run reads as it did behind the date.
    for (t, value, kind) in [
        ("2026-11-29 138 1234 5678", "138 1234 5678", CnMobile),
        ("2026-11-29　13812345678", "13812345678", CnMobile),
        ("2026-11-29X 13812345678", "13812345678", CnMobile),
        ("2026-11-290 13812345678", "13812345678", CnMobile),
        ("2026-11-29 0571-8888 8888", "0571-8888 8888", CnLandline),
        ("2026-11-29 11010519491231002X", "11010519491231002X", CnId),
    ] {
        assert_eq!(spans(t), [at(t, value, kind)], "{t}");
    }
    // Where the date's unit goes on, the run is one unit, and no value.
    none("2026-11-29-13812345678");
    none("2026-11-29x13812345678");
    none("2026-11-29１3812345678");
    // Not a date: a landline with an area code and a local number in pieces.
    let t = "0571-22-31 8888";
    assert_eq!(spans(t), [at(t, t, CnLandline)]);
    for (text, date) in [
        ("2026-11-29", true),
        ("1900-01-31", true),
        ("2099-12-01", true),
        ("1890-01-01", false),
        ("2126-01-01", false),
        ("1990-13-01", false),
        ("1990-00-01", false),
        ("1990-01-32", false),
        ("1990-01-00", false),
        ("1990-1-01 ", false),
        ("1990/01/01", false),
        ("１９９０-01-01", false),
    ] {
        assert_eq!(finder::is_iso_date(text.as_bytes()), date, "{text}");
    }
}

#[test]
fn a_run_of_four_digit_groups_is_one_number() {
    use Kind::*;
    let card = "6222 0212 3456 7890 128";
    assert_eq!(spans(card), [at(card, card, BankCard)]);
    // A card after another number: a tail of four groups or more.
    for t in ["1707 6222 0212 3456 7890 128", "6029 6222 0212 3456 7890 128", "1231　6222 0212 3456 7890 128"] {
        assert_eq!(spans(t), [at(t, card, BankCard)], "{t}");
    }
    // Never a shorter piece: an ID or an order number in fours holds no landline.
    none("1101 0519 4912 3100 2X");
    none("1101 0519 4912 3100 24");
    none("卡号 1101 0519 4912 3100");
    none("1707 0571 8888 8888");
    // Three groups, or a group of another size, are no such run: pieces are tried as before.
    let t = "电话 0519 4912 3100";
    assert_eq!(spans(t), [at(t, "0519 4912 3100", CnLandline)]);
    let t = "1707 138 1234 5678";
    assert_eq!(spans(t), [at(t, "138 1234 5678", CnMobile)]);
    let t = "1707 0571-8888 8888";
    assert_eq!(spans(t), [at(t, "0571-8888 8888", CnLandline)]);
}

#[test]
fn mobiles_in_free_text_are_grouped_as_mobiles() {
    use Kind::*;
    for t in [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "(+86) 138 1234 5678",
        "0086 138 1234 5678",
        "0086 13812345678",
        "+86 13812345678",
        "+86138 1234 5678",
        "0086138-1234-5678",
        "１３８ １２３４ ５６７８",
    ] {
        let line = format!("电话 {t} 谢谢");
        assert_eq!(spans(&line), [at(&line, t, CnMobile)], "{t}");
    }
    // Other groupings are runs of small numbers (and the docs promise `3 4 4` or none).
    for t in ["13 812 345 678", "1381 2345 678", "138-12-34-5678", "86 13 8123 45678"] {
        none(&format!("数量 {t} 件"));
    }
    // Under a phone key the key decides, whatever the grouping.
    let t = r#"{"phone":"13 812 345 678"}"#;
    assert_eq!(spans(t), [at(t, "13 812 345 678", CnMobile)]);
}

#[test]
fn a_role_word_before_a_name_is_not_part_of_it() {
    use Kind::*;
    for (text, name) in [
        ("收件人：本人张三，电话13812345678", "张三"),
        ("姓名:本人 张三", "张三"),
        ("收货人：客户王小明", "王小明"),
        ("联系人：顾客\u{3000}欧阳娜娜 电话", "欧阳娜娜"),
        // No name after the role word: the field's value is read as before.
        ("收件人：顾客明，", "顾客明"),
    ] {
        let found = spans(text);
        assert_eq!(found.iter().filter(|s| s.2 == CnName).count(), 1, "{text}");
        assert_eq!(found[0], at(text, name, CnName), "{text}");
    }
    for text in ["收件人：本人，电话", "姓名：客户 性别：男", "收件人：用户"] {
        assert!(spans(text).iter().all(|s| s.2 != CnName), "{text}");
    }
}

#[test]
fn bare_room_numbers_after_unit_and_building() {
    use Kind::*;
    for (text, want) in [
        (
            "麻烦寄到湖南省邵阳市邵东县南京北路505号金色家园9号楼4单元603，放门卫",
            "湖南省邵阳市邵东县南京北路505号金色家园9号楼4单元603",
        ),
        (
            "Please ship to 重庆市梁平区金桥西路379号世纪花城29号楼4单元2102 ASAP",
            "重庆市梁平区金桥西路379号世纪花城29号楼4单元2102",
        ),
        ("地址：杭州市西湖区文三路1号3栋502门口", "杭州市西湖区文三路1号3栋502"),
        ("地址：杭州市西湖区文三路1号9号楼603", "杭州市西湖区文三路1号9号楼603"),
        ("地址：杭州市西湖区文三路1号13号楼1单元1604楼下快递柜", "杭州市西湖区文三路1号13号楼1单元1604"),
        ("地址：杭州市西湖区文三路1号2单元603电话", "杭州市西湖区文三路1号2单元603"),
        // Not a room number: after `号`, glued to a letter or `-`, six digits or more.
        ("包裹放在杭州市西湖区文三路653号楼下快递柜了", "杭州市西湖区文三路653号"),
        ("地址：杭州市西湖区文三路1号501", "杭州市西湖区文三路1号"),
        ("地址：杭州市西湖区文三路1号2单元603A", "杭州市西湖区文三路1号2单元"),
        ("地址：杭州市西湖区文三路1号2单元603-1", "杭州市西湖区文三路1号2单元"),
        ("地址：杭州市西湖区文三路1号2单元123456", "杭州市西湖区文三路1号2单元"),
        ("地址：杭州市西湖区文三路1号3栋2单元501室", "杭州市西湖区文三路1号3栋2单元501室"),
        // A floor (one or two digits and `楼`) before the room number.
        ("地址：杭州市西湖区文三路1号4单元6楼602，谢谢", "杭州市西湖区文三路1号4单元6楼602"),
        ("地址：杭州市西湖区文三路1号3栋12楼1203", "杭州市西湖区文三路1号3栋12楼1203"),
        ("地址：杭州市西湖区文三路1号4单元6楼", "杭州市西湖区文三路1号4单元6"),
        ("地址：杭州市西湖区文三路1号4单元123楼602", "杭州市西湖区文三路1号4单元123"),
    ] {
        assert_eq!(spans(text), [at(text, want, CnAddress)], "{text}");
    }
    let t = "地址：杭州市西湖区文三路1号2单元13812345678";
    assert_eq!(spans(t), [at(t, "杭州市西湖区文三路1号2单元", CnAddress), at(t, "13812345678", CnMobile)]);
}

#[test]
fn json_key_lookup_exact_suffix_and_changes() {
    let keys = JsonKeys::default();
    assert_eq!(keys.lookup("phone"), Some((Kind::CnMobile, true)));
    assert_eq!(keys.lookup("idCard"), Some((Kind::CnId, true)));
    assert_eq!(keys.lookup("ID-Card"), Some((Kind::CnId, true)));
    assert_eq!(keys.lookup("receiver_phone"), Some((Kind::CnMobile, false)));
    assert_eq!(keys.lookup("guestName"), Some((Kind::CnName, false)));
    assert_eq!(keys.lookup("user_bank_card_no"), Some((Kind::BankCard, false)));
    assert_eq!(keys.lookup("_name"), Some((Kind::CnName, false)));
    for key in ["msg", "level", "phones", "nickname", "name_", "", "x".repeat(70).as_str()] {
        assert_eq!(keys.lookup(key), None, "{key}");
    }
    // `tel` is a suffix word too, but only a word that ends the key counts.
    assert_eq!(keys.lookup("home_tel_phone"), Some((Kind::CnMobile, false)));

    let mut keys = JsonKeys::default();
    keys.remove("phone").insert("guest", Kind::CnName).insert_suffix("mobile_phone", Kind::CnLandline);
    assert_eq!(keys.lookup("phone"), None);
    assert_eq!(keys.lookup("Guest"), Some((Kind::CnName, true)));
    // Both `mobile_phone` and `phone` were suffix words; `phone` is gone, so the new word decides.
    assert_eq!(keys.lookup("work_mobile_phone"), Some((Kind::CnLandline, false)));
    keys.insert_suffix("phone", Kind::CnMobile);
    // With both present, the one listed first wins (`mobile_phone`, inserted before `phone`).
    assert_eq!(keys.lookup("work_mobile_phone"), Some((Kind::CnLandline, false)));
    assert_eq!(JsonKeys::empty().lookup("phone"), None);
}

/// The key filters ([`JsonKeys`] rejects most keys by their last byte and length) and the hash
/// indexes never miss a key the lists match: lookups agree with a plain reading of the lists (exact key first, then the first
/// listed suffix word the key ends in after a `_`) for every key built from words and pieces,
/// with a list of keys and words and with suffix words of two and one bytes added.
#[test]
fn json_key_filter_agrees_with_the_lists() {
    let words = ["phone", "name", "id", "no", "card", "x", "tel", "user", "ts", "e", "_", "addr", "mail", "bank", "zq"];
    let exact = ["phone", "id_no", "card_no", "name", "tel", "email", "addr", "bank_card", "x_id"];
    let suffix = ["phone", "id_no", "name", "tel", "bank_card", "addr", "mail"];
    let mut keys = JsonKeys::empty();
    for k in exact {
        keys.insert(k, Kind::CnMobile);
    }
    for (i, w) in suffix.iter().enumerate() {
        keys.insert_suffix(w, Kind::ALL[i % 5]);
    }
    let reference = |exact: &[&str], suffix: &[&str], key: &str| {
        if exact.contains(&key) {
            return Some(true);
        }
        suffix
            .iter()
            .any(|w| key.len() > w.len() && key.ends_with(w) && key.as_bytes()[key.len() - w.len() - 1] == b'_')
            .then_some(false)
    };
    let mut lists = (exact.to_vec(), suffix.to_vec());
    for extra in [None, Some("zq"), Some("e")] {
        if let Some(w) = extra {
            keys.insert_suffix(w, Kind::Email);
            lists.1.push(w);
        }
        let mut matched = 0;
        for a in words {
            for b in words {
                for c in ["", "_", "s"] {
                    for key in [format!("{a}_{b}{c}"), format!("{a}{b}{c}"), format!("{a}{c}")] {
                        let got = keys.lookup(&key).map(|(_, exact)| exact);
                        assert_eq!(got, reference(&lists.0, &lists.1, &key), "{key} with {extra:?}");
                        matched += got.is_some() as usize;
                    }
                }
            }
        }
        assert!(matched > 50, "{matched}");
    }
}

#[test]
fn very_long_digit_runs_hold_no_value_and_end_the_run() {
    let giant = "7".repeat(200_000);
    none(&giant);
    let text = format!("电话 13812345678 {giant} 完");
    assert_eq!(found(&text), [("13812345678".to_owned(), Kind::CnMobile)]);
    let text = format!("{giant} 13812345678");
    assert_eq!(found(&text), [("13812345678".to_owned(), Kind::CnMobile)]);
}

/// The filters and hash indexes of [`JsonKeys::lookup`] agree with a plain reading of the lists
/// on generated keys: camel case, dashes, spaces, `_` at either end, non-ASCII bytes, and keys
/// around the normalisation limit; with the default lists, and with short suffix words added
/// and keys that are left out (too long, empty).
#[test]
fn json_key_lookup_agrees_with_the_slow_reading() {
    let pieces = [
        "phone", "Phone", "name", "Name", "id", "ID", "no", "No", "card", "Card", "tel", "TEL", "mail", "e", "x",
        "addr", "address", "mobile", "bank", "_", "-", " ", "__", "电话", "ts", "z",
    ];
    let seps = ["", "_", "-", " ", "A"];
    let mut lists = vec![JsonKeys::default(), JsonKeys::empty()];
    let mut custom = JsonKeys::default();
    custom.insert_suffix("e", Kind::Email).insert_suffix("x", Kind::CnId).insert_suffix("id_no_x", Kind::BankCard);
    custom.insert(&"k".repeat(70), Kind::CnName).insert("", Kind::CnName).insert_suffix("", Kind::CnName);
    custom.insert("zz", Kind::CnAddress).remove("tel");
    lists.push(custom);
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 11) as usize % n
    };
    let mut keys: Vec<String> = vec![String::new(), "k".repeat(70), "k".repeat(64), "K".repeat(63), "_".repeat(64)];
    for a in pieces {
        for s in seps {
            for b in pieces {
                keys.push(format!("{a}{s}{b}"));
            }
        }
    }
    for _ in 0..20_000 {
        let n = 1 + next(5);
        let mut key = String::new();
        for _ in 0..n {
            key.push_str(pieces[next(pieces.len())]);
            key.push_str(seps[next(seps.len())]);
        }
        if next(8) == 0 {
            key = format!("{}_{}", "q".repeat(50 + next(20)), key);
        }
        keys.push(key);
    }
    let mut matched = 0;
    for keys_list in &lists {
        for key in &keys {
            let got = keys_list.lookup(key);
            assert_eq!(got, keys_list.lookup_slow(key), "{key:?}");
            matched += got.is_some() as usize;
        }
    }
    assert!(matched > 2_000, "{matched}");
    // try_insert says so instead.
    let mut keys = JsonKeys::empty();
    assert!(keys.try_insert("", Kind::CnName).is_err());
    assert!(keys.try_insert(&"k".repeat(65), Kind::CnName).is_err());
    assert_eq!(keys.try_insert("guestName", Kind::CnName).unwrap().lookup("guest_name"), Some((Kind::CnName, true)));
    // The keys left out match nothing, not even the empty key they once turned into.
    for key in ["", "k", &"k".repeat(70), &"k".repeat(64)] {
        assert_eq!(lists[2].lookup(key), None, "{key:?}");
    }
}

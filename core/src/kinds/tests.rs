//! `mask_into` against `mask`, for every kind: the same text, appended; on error, `out` untouched.

use super::*;
use crate::tokenizer::CustomFormat;
use crate::{gazetteer, Alphabet, Error};

/// Every preset, and first/last counts that keep nothing, some, or everything.
pub(super) const PRESETS: [Mask; 13] = [
    Mask::Default,
    Mask::PrivacyWaybill,
    Mask::FirstLast { first: 0, last: 0 },
    Mask::FirstLast { first: 1, last: 1 },
    Mask::KEEP_FIRST1_LAST2,
    Mask::KEEP_FIRST3_LAST4,
    Mask::KEEP_FIRST6_LAST4,
    Mask::FirstLast { first: 4, last: 20 },
    Mask::FirstLast { first: 100, last: 100 },
    Mask::KeepAreaLast2,
    Mask::KeepFirst1Domain,
    Mask::KeepSurname,
    Mask::KeepDistrict,
];

/// Text already in the output buffer: `mask_into` appends after it and never touches it.
const BEFORE: &str = "日志 line: ";

fn custom_options() -> Options {
    Options {
        custom: Some(CustomFormat {
            name: "vip".into(),
            alphabet: Alphabet::new("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ").unwrap(),
            keep_first: 2,
            keep_last: 1,
        }),
        ..Options::default()
    }
}

fn vectors() -> serde_json::Value {
    serde_json::from_str(include_str!("../../../tests/vectors/kinds.json")).unwrap()
}

/// Valid and invalid values of `kind`: every input and token of the shared vectors, then
/// hand-picked written forms and edge cases.
fn values(kind: Kind) -> Vec<String> {
    let mut out: Vec<String> = vectors()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == kind.name())
        .flat_map(|c| [c["input"].as_str(), c["output"].as_str()])
        .flatten()
        .map(str::to_owned)
        .collect();
    let extra: &[&str] = match kind {
        Kind::CnId => &[
            "11010519491231002X",
            "11010519491231002x",
            "１１０１０５１９４９１２３１００２Ｘ",
            "１１０１０５１９４９１２３１００２ｘ",
            "110105 19491231 002X",
            "110105-19491231-002x",
            "110105491231002",
            "110105 491231 002",
            "110105194912310021",
            "190105194912310021",
            "110105194902300021",
            "110105189912310021",
            "11010519491231002",
            "1101051949123100211",
            "11010519491231002Y",
            "1101051949123100X2",
            "X10105194912310021",
            "110105 19491231 002X ",
            "",
            "X",
        ],
        Kind::CnMobile => {
            out.extend(super::cn_mobile::tests::WRITTEN_FORMS.map(str::to_owned));
            &[
                "19912345678",
                "12812345678",
                "23812345678",
                "1381234567",
                "138123456789",
                "138a1234567",
                "138--12345678",
                "+86",
                "",
            ]
        }
        Kind::CnLandline => &[
            "010-62345678",
            "0571-87654321",
            "0571-8765432",
            "(0755)23456789",
            "（0755）23456789",
            "021 5432 1098",
            "010-62345678-801",
            "0571-8765432-801",
            "0571-87654321转801",
            "01062345678",
            "０５７１-８７６５４３２１",
            "011-62345678",
            "010-12345678",
            "010-62345678-",
            "(0755 23456789",
            "",
        ],
        Kind::BankCard => &[
            "4111111111111111",
            "4111-1111-1111-1111",
            "4111 1111 1111 1111",
            "6222021234567890128",
            "4111111111111112",
            "411111111111111",
            "4111--1111111111111",
            "",
        ],
        Kind::Email => &[
            "a@b.cn",
            "zhang.san+tag@mail.example.com",
            "Li_Si-1@QQ.com",
            "abc@example.com",
            "a..b@c.cn",
            "@b.cn",
            "张@c.cn",
            "",
        ],
        Kind::CnName => {
            &["张三", "张三丰", "欧阳娜娜", "欧阳", "司马相如", "买买提·艾力", "𠀀𠀁", "张", "Tom", "张 三", ""]
        }
        Kind::CnAddress => &[
            "浙江省杭州市西湖区文三路100号",
            "浙江省杭州市西湖区",
            "杭州市西湖区文三路",
            "北京市朝阳区建国路88号",
            "某某路1号",
            "ab",
            "浙",
            "浙江\n杭州",
            "",
        ],
        Kind::Custom => &["VIP-12345-67890", "VIP-ABCDE-FGHJK", "AB-1", "ABCD", "ABC", "a", "", "VIP-"],
    };
    out.extend(extra.iter().map(|&v| v.to_owned()));
    out
}

/// `mask_into` appends exactly what `mask` returns, or fails with the same error and leaves
/// `out` as it was.
fn assert_same(kind: Kind, options: &Options, value: &str, mask: Mask) -> Result<String> {
    let rules = rules(kind);
    let want = rules.mask(options, value, mask);
    let mut out = String::from(BEFORE);
    let got = rules.mask_into(options, value, mask, &mut out);
    match (&want, got) {
        (Ok(w), Ok(())) => assert_eq!(out, format!("{BEFORE}{w}"), "{kind} {mask} {value:?}"),
        (Err(w), Err(g)) => {
            assert_eq!(w, &g, "{kind} {mask} {value:?}");
            assert_eq!(out, BEFORE, "{kind} {mask} {value:?}: out changed on error");
        }
        (w, g) => panic!("{kind} {mask} {value:?}: mask gave {w:?}, mask_into gave {g:?}"),
    }
    want
}

#[test]
fn mask_into_equals_mask_for_every_kind() {
    for kind in Kind::ALL {
        let options = if kind == Kind::Custom { custom_options() } else { Options::default() };
        let (mut ok, mut failed) = (0, 0);
        for value in values(kind) {
            for mask in PRESETS {
                match assert_same(kind, &options, &value, mask) {
                    Ok(_) => ok += 1,
                    Err(_) => failed += 1,
                }
            }
        }
        // Both paths are exercised for every kind.
        assert!(ok >= 20 && failed >= 20, "{kind}: {ok} masks, {failed} errors");
    }
    // No custom format: refused, `out` untouched.
    let e = assert_same(Kind::Custom, &Options::default(), "VIP-12345-67890", Mask::Default);
    assert!(matches!(e, Err(Error::UnsupportedMode { .. })));
}

/// What the scanner keeps of a number (its positions) masks it as the kind does: the positions
/// are there exactly for the valid values, and both masks made from them (on a string, and on
/// bytes when every masked character is ASCII) equal [`KindRules::mask`], for every preset,
/// over the hand-picked values and thousands of edits of them.
#[test]
fn positions_mask_as_the_kind_masks() {
    let options = Options::default();
    let alphabet = ["0", "1", "5", "X", "x", " ", "-", "+", "(", ")", "（", "）", "１", "Ｘ", "－", "转", "\u{3000}"];
    let mut rng = Rng(0x706f_7369_7469_6f6e);
    for kind in Kind::ALL {
        let rules = rules(kind);
        let (mut read, mut bytes) = (0, 0);
        for value in variants(&values(kind), &alphabet, 20, &mut rng) {
            let positions = rules.positions(&options, &value);
            assert_eq!(positions.clone().map(drop), rules.validate(&options, &value), "{kind} {value:?}");
            let Ok(Some(p)) = positions else { continue };
            read += 1;
            for mask in PRESETS {
                let want = rules.mask(&options, &value, mask);
                let mut out = String::from(BEFORE);
                match (&want, rules.mask_at(&options, &value, &p, mask, &mut out)) {
                    (Ok(w), Ok(())) => assert_eq!(out, format!("{BEFORE}{w}"), "{kind} {mask} {value:?}"),
                    (Err(w), Err(g)) => assert_eq!(w, &g, "{kind} {mask} {value:?}"),
                    (w, g) => panic!("{kind} {mask} {value:?}: mask gave {w:?}, mask_at gave {g:?}"),
                }
                let Some(Ok((first, last))) = rules.kept(mask, &p) else { continue };
                let mut out = value.as_bytes().to_vec();
                if p.mask_ascii_in_place(&mut out, first, last) {
                    bytes += 1;
                    assert_eq!(out, want.as_ref().unwrap().as_bytes(), "{kind} {mask} {value:?}");
                } else {
                    // Declined: only where a masked character is not ASCII.
                    assert!(!want.as_ref().unwrap().is_ascii() || !value.is_ascii(), "{kind} {mask} {value:?}");
                }
            }
        }
        if matches!(kind, Kind::CnId | Kind::CnMobile | Kind::CnLandline | Kind::BankCard) {
            assert!(read >= 20 && bytes >= 100, "{kind}: {read} values with positions, {bytes} byte masks");
        } else {
            assert_eq!(read, 0, "{kind} has no positions");
        }
    }
}

#[test]
fn mask_into_matches_the_shared_vectors() {
    let mut n = 0;
    for case in vectors()["cases"].as_array().unwrap().iter().filter(|c| c["op"] == "mask") {
        let kind: Kind = case["kind"].as_str().unwrap().parse().unwrap();
        let mask: Mask = case["preset"].as_str().unwrap().parse().unwrap();
        let (input, want) = (case["input"].as_str().unwrap(), case["output"].as_str().unwrap());
        assert_eq!(assert_same(kind, &Options::default(), input, mask).unwrap(), want);
        n += 1;
    }
    assert!(n >= 100, "{n} mask vectors");
}

#[test]
fn mask_into_exact_strings() {
    let custom = custom_options();
    let cases: &[(Kind, &str, Mask, &str)] = &[
        (Kind::CnId, "11010519491231002X", Mask::Default, "110105********002X"),
        (Kind::CnId, "11010519491231002x", Mask::KEEP_FIRST1_LAST2, "1***************2x"),
        (Kind::CnId, "110105-19491231-002X", Mask::Default, "110105-********-002X"),
        (Kind::CnId, "１１０１０５１９４９１２３１００２Ｘ", Mask::Default, "１１０１０５********００２Ｘ"),
        (Kind::CnId, "110105491231002", Mask::Default, "110105*****1002"),
        (Kind::CnMobile, "13812345678", Mask::Default, "138****5678"),
        (Kind::CnMobile, "13812345678", Mask::FirstLast { first: 6, last: 6 }, "***********"),
        (Kind::CnMobile, "+86 138 1234 5678", Mask::Default, "+86 138 **** 5678"),
        (Kind::CnMobile, "１３８１２３４５６７８", Mask::PrivacyWaybill, "１３８****５６７８"),
        (Kind::CnLandline, "0571-87654321", Mask::Default, "0571-******21"),
        (Kind::CnLandline, "(0755)23456789", Mask::KeepAreaLast2, "(0755)******89"),
        (Kind::CnLandline, "0571-87654321转801", Mask::Default, "0571-******21转801"),
        (Kind::BankCard, "6222021234567890128", Mask::Default, "622202*********0128"),
        (Kind::BankCard, "4111 1111 1111 1111", Mask::Default, "4111 11** **** 1111"),
        (Kind::Email, "zhang.san@example.com", Mask::Default, "z***@example.com"),
        (Kind::Email, "a@b.cn", Mask::KeepFirst1Domain, "a***@b.cn"),
        (Kind::Email, "zhang.san@example.com", Mask::FirstLast { first: 2, last: 1 }, "zh******n@example.com"),
        (Kind::CnName, "张三", Mask::Default, "张*"),
        (Kind::CnName, "欧阳娜娜", Mask::KeepSurname, "欧阳**"),
        (Kind::CnName, "买买提·艾力", Mask::Default, "买**·**"),
        (Kind::CnName, "张三丰", Mask::FirstLast { first: 0, last: 1 }, "**丰"),
        (Kind::CnAddress, "浙江省杭州市西湖区文三路100号", Mask::Default, "浙江省杭州市西湖区****"),
        (Kind::CnAddress, "某某路1号", Mask::KeepDistrict, "****"),
        (Kind::CnAddress, "某某路1号", Mask::FirstLast { first: 1, last: 1 }, "某***号"),
        (Kind::Custom, "VIP-12345-67890", Mask::Default, "VI*-*****-****0"),
        (Kind::Custom, "VIP-12345-67890", Mask::FirstLast { first: 3, last: 2 }, "VIP-1****-***90"),
    ];
    for &(kind, value, mask, want) in cases {
        let options = if kind == Kind::Custom { &custom } else { &Options::default() };
        let mut out = String::from(BEFORE);
        rules(kind).mask_into(options, value, mask, &mut out).unwrap();
        assert_eq!(out, format!("{BEFORE}{want}"), "{kind} {mask} {value:?}");
        assert_eq!(rules(kind).mask(options, value, mask).unwrap(), want, "{kind} {mask} {value:?}");
    }
}

#[test]
fn address_mask_at_into_equals_mask_at() {
    let (mut ok, mut failed) = (0, 0);
    for value in values(Kind::CnAddress) {
        let found = gazetteer::split_address(&value).map_or(0, |s| s.district_end);
        // The scanner's cut, and every other byte offset (inside a character: an error).
        for cut in std::iter::once(found).chain(0..=value.len()) {
            for mask in PRESETS {
                let want = address_mask_at(&value, cut, mask);
                let mut out = String::from(BEFORE);
                match (&want, address_mask_at_into(&value, cut, mask, &mut out)) {
                    (Ok(w), Ok(())) => {
                        assert_eq!(out, format!("{BEFORE}{w}"), "{mask} {value:?} at {cut}");
                        ok += 1;
                    }
                    (Err(w), Err(g)) => {
                        assert_eq!(w, &g, "{mask} {value:?} at {cut}");
                        assert_eq!(out, BEFORE, "{mask} {value:?} at {cut}: out changed on error");
                        failed += 1;
                    }
                    (w, g) => panic!("{mask} {value:?} at {cut}: {w:?} vs {g:?}"),
                }
            }
            // At the gazetteer's cut, the same as the kind's own mask.
            if cut == found {
                let options = Options::default();
                for mask in PRESETS {
                    assert_eq!(address_mask_at(&value, cut, mask), rules(Kind::CnAddress).mask(&options, &value, mask));
                }
            }
        }
    }
    assert!(ok >= 100 && failed >= 100, "{ok} masks, {failed} errors");
}

/// The scanner's e-mail mask (told where the `@` stands) equals the kind's mask for every valid
/// value and preset; at any other offset it refuses and leaves `out` as it was.
#[test]
fn email_mask_at_into_equals_mask() {
    let options = Options::default();
    let mut n = 0;
    for value in values(Kind::Email) {
        let Ok(at) = super::email::parse(&value) else { continue };
        for mask in PRESETS {
            let want = rules(Kind::Email).mask(&options, &value, mask);
            let mut out = String::from(BEFORE);
            match (&want, email_mask_at_into(&value, at, mask, &mut out)) {
                (Ok(w), Ok(())) => assert_eq!(out, format!("{BEFORE}{w}"), "{mask} {value:?}"),
                (Err(w), Err(g)) => assert_eq!((w, out.as_str()), (&g, BEFORE), "{mask} {value:?}"),
                (w, g) => panic!("{mask} {value:?}: {w:?} vs {g:?}"),
            }
            n += 1;
        }
        for other in (0..=value.len()).filter(|&i| i != at) {
            let mut out = String::from(BEFORE);
            assert!(email_mask_at_into(&value, other, Mask::Default, &mut out).is_err(), "{value:?} at {other}");
            assert_eq!(out, BEFORE);
        }
    }
    assert!(n >= 5 * PRESETS.len(), "{n}");
}

#[test]
fn restoring_cuts_back_partial_output() {
    let mut out = String::from(BEFORE);
    let r = restoring(&mut out, |out| {
        out.push_str("138****");
        Err(Error::value(Kind::CnMobile, None, "test"))
    });
    assert!(r.is_err());
    assert_eq!(out, BEFORE);
    assert!(restoring(&mut out, |out| {
        out.push('*');
        Ok(())
    })
    .is_ok());
    assert_eq!(out, format!("{BEFORE}*"));
}

/// A small deterministic generator (xorshift64*) for the differential tests of the kinds.
pub(super) struct Rng(pub u64);

impl Rng {
    pub(super) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }

    pub(super) fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// Checks a kind's fast path against its reference on every value: the same reading (`read`
/// against `reference`) and the same mask for every preset. Returns how many values there were
/// and how many the reference accepts.
pub(super) fn paths_agree<T: PartialEq + std::fmt::Debug>(
    values: &[String],
    read: impl Fn(&str) -> Result<T>,
    reference: impl Fn(&str) -> Result<T>,
    mask: impl Fn(&str, Mask) -> Result<String>,
    mask_reference: impl Fn(&str, Mask) -> Result<String>,
) -> (usize, usize) {
    let mut ok = 0;
    for v in values {
        let want = reference(v);
        assert_eq!(read(v), want, "{v}");
        ok += want.is_ok() as usize;
        for m in PRESETS {
            assert_eq!(mask(v, m), mask_reference(v, m), "{v} {m}");
        }
    }
    (values.len(), ok)
}

/// Each base, every one-character replacement, deletion and insertion of it with characters
/// from `alphabet`, and `random` more strings with two to four such edits each.
pub(super) fn variants(bases: &[String], alphabet: &[&str], random: usize, rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    for base in bases {
        let chars: Vec<&str> = base.char_indices().map(|(i, c)| &base[i..i + c.len_utf8()]).collect();
        out.push(base.clone());
        for at in 0..=chars.len() {
            for c in alphabet {
                out.push([&chars[..at], &[*c], &chars[at..]].concat().concat());
                if at < chars.len() {
                    out.push([&chars[..at], &[*c], &chars[at + 1..]].concat().concat());
                }
            }
            if at < chars.len() {
                out.push([&chars[..at], &chars[at + 1..]].concat().concat());
            }
        }
        for _ in 0..random {
            let mut v: Vec<&str> = chars.clone();
            for _ in 0..2 + rng.below(3) {
                let at = rng.below(v.len() + 1);
                match rng.below(3) {
                    0 => v.insert(at, rng.pick(alphabet)),
                    1 if at < v.len() => v[at] = rng.pick(alphabet),
                    _ if at < v.len() => {
                        v.remove(at);
                    }
                    _ => {}
                }
            }
            out.push(v.concat());
        }
    }
    out
}

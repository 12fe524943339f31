//! `cn_name`: Chinese personal names.
//!
//! Accepted: 2 to 20 characters, each a CJK ideograph, or a middle dot `·`
//! between parts (minority names such as `买买提·艾力`). No spaces: the value
//! is taken exactly as written, so detokenizing gives back the exact text.
//!
//! Token: an opaque token (AES-256-GCM-SIV, see [`crate::opaque`]).
//! Masks: `keep_surname` (default) writes `张*`, `张**`, `欧阳**`, keeping a
//! compound surname (欧阳, 司马, 诸葛, 上官, …) whole and the middle dot in place.

use super::{char_pos, unsupported_mask, KindRules, Scope};
use crate::layout::WordSet;
use crate::mask::{mask_chars_into, Mask, MASK_CHAR};
use crate::tokenizer::Options;
use crate::{opaque, Error, Kind, Result};

pub(crate) struct CnName;

const KIND: Kind = Kind::CnName;
const LABEL: &str = "cn_name";

/// Two-character surnames, kept whole by the surname mask.
pub const COMPOUND_SURNAMES: [&str; 40] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
    "令狐", "钟离", "闻人", "澹台", "公冶", "太叔", "申屠", "赫连", "端木", "百里", "呼延", "东郭", "南宫", "西门",
    "独孤", "拓跋", "司空", "万俟", "濮阳", "淳于", "单于", "仲孙", "宗政", "公羊", "第五", "左丘",
];

/// Whether `c` is a CJK ideograph (basic block, extension A, compatibility, extensions B+): the
/// characters of a name, and the Han text the scanner looks for.
#[inline]
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Whether the three bytes `c` are a three-byte UTF-8 lead and two more bytes that encode a
/// character [`is_han`] takes (the continuation bytes are not checked: the caller has valid
/// UTF-8). Most name characters have a lead `E5`..`E9` (U+5000..U+9FFF, all Han): one compare.
/// Each of the ranges is whole blocks of 64 characters, so under the other leads the low six bits
/// of the second byte tell (as decoding reads them): under `E4` (U+4000..U+4FFF) all but
/// U+4DC0..U+4DFF (the hexagrams, `37`), under `E3` U+3400 on (`10` on), under `EF`
/// U+F900..U+FAFF (`24`..`2B`).
#[inline]
pub(crate) fn is_bmp_han(c: &[u8]) -> bool {
    match c[0] {
        0xE5..=0xE9 => true,
        0xE4 => c[1] & 0x3F != 0x37,
        0xE3 => c[1] & 0x3F >= 0x10,
        0xEF => matches!(c[1] & 0x3F, 0x24..=0x2B),
        _ => false,
    }
}

const DOT: char = '·';

/// Validates a name.
pub(crate) fn parse(text: &str) -> Result<()> {
    let mut count = 0;
    let mut prev_dot = true;
    for (at, c) in text.char_indices() {
        if is_han(c) {
            prev_dot = false;
        } else if c == DOT && !prev_dot {
            prev_dot = true;
        } else {
            return Err(Error::value(KIND, Some(char_pos(text, at)), "a name has only Han characters and `·`"));
        }
        count += 1;
    }
    if !(2..=20).contains(&count) {
        return Err(Error::value(KIND, None, "a name has 2 to 20 characters"));
    }
    if prev_dot {
        return Err(Error::value(KIND, None, "a name cannot end with `·`"));
    }
    Ok(())
}

/// [`COMPOUND_SURNAMES`] as a set: one look-up instead of a string compare each.
static COMPOUND_SET: WordSet<128> = WordSet::new(&COMPOUND_SURNAMES);

/// A bit per first character of the [`COMPOUND_SURNAMES`] (three bytes each), by the low six
/// bits of its second UTF-8 byte (the word) and of its third (the bit).
const COMPOUND_FIRST: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut i = 0;
    while i < COMPOUND_SURNAMES.len() {
        let b = COMPOUND_SURNAMES[i].as_bytes();
        bits[(b[1] & 0x3F) as usize] |= 1 << (b[2] & 0x3F);
        i += 1;
    }
    bits
};

/// Whether the name `b`, three-byte characters at least six bytes long, starts with a compound
/// surname: [`COMPOUND_SET`]'s answer. Most first characters (`张`, `王`) have no bit in
/// [`COMPOUND_FIRST`] and skip the set's hash and probe, which cost twice the filter.
#[inline(always)]
fn starts_compound(b: &[u8]) -> bool {
    COMPOUND_FIRST[(b[1] & 0x3F) as usize] >> (b[2] & 0x3F) & 1 != 0 && COMPOUND_SET.starts(b)
}

/// Appends the surname mask of a valid name: `张*`, `欧阳**`.
fn mask_surname_into(name: &str, out: &mut String) {
    let b = name.as_bytes();
    let compound = b.len() > 6 && COMPOUND_SET.starts(b);
    // Most names are BMP Han characters alone, three bytes each (no `·`, no four-byte
    // character): a three-byte lead at every third byte. Then the kept surname is a slice and
    // the rest is stars.
    if b.len() % 3 == 0 && b.iter().step_by(3).all(|&c| c & 0xF0 == 0xE0) {
        let n = b.len() / 3;
        let keep = if compound && n > 2 { 2 } else { 1 };
        out.push_str(&name[..3 * keep]);
        out.extend(std::iter::repeat_n(MASK_CHAR, n - keep));
        return;
    }
    let keep = if compound && name.chars().count() > 2 { 2 } else { 1 };
    out.extend(name.chars().enumerate().map(|(i, c)| if i < keep || c == DOT { c } else { MASK_CHAR }));
}

/// Replaces the name that `out` holds from byte `at` on by its surname mask (`张**`, `欧阳**`)
/// when it is a valid name of BMP Han characters alone (three bytes each, no `·`): what
/// [`parse`] then [`mask_surname_into`] give, without a `String` in between and without copying
/// the surname again. `false`, with `out` as it was, for anything else (a `·`, a four-byte
/// character, an invalid name): the caller takes the general path, which validates and reports.
/// The mask needs no JSON escaping: Han bytes and `*`.
///
/// Inlined into the redactor's loop: out of line, the call and its saved registers were a
/// sixth of the cost of a name's mask.
#[inline(always)]
pub(crate) fn surname_mask_in_place(out: &mut Vec<u8>, at: usize) -> bool {
    let Some(b) = out.get(at..) else { return false };
    let n = b.len() / 3;
    if b.len() % 3 != 0 || !(2..=20).contains(&n) {
        return false;
    }
    // In valid UTF-8, a three-byte lead at every third byte means three-byte characters alone.
    if !b.chunks_exact(3).all(is_bmp_han) {
        return false;
    }
    let keep = if n > 2 && starts_compound(b) { 2 } else { 1 };
    // One star per three-byte character after the surname: the mask fits where the name was.
    let stars = at + 3 * keep;
    out.truncate(stars + (n - keep));
    crate::mask::fill_stars(&mut out[stars..]);
    true
}

/// The token of a valid value.
fn seal(scope: &Scope<'_>, value: &str) -> Result<String> {
    parse(value)?;
    opaque::seal(scope.ring, scope.version, LABEL, scope.context, value.as_bytes())
}

/// The value behind a token.
fn open(scope: &Scope<'_>, token: &str) -> Result<String> {
    let bytes = opaque::open(scope.ring, LABEL, scope.context, token)?;
    String::from_utf8(bytes.to_vec()).map_err(|_| Error::TokenAuthentication)
}

impl KindRules for CnName {
    fn validate(&self, _: &Options, value: &str) -> Result<()> {
        parse(value)
    }

    fn normalize(&self, _: &Options, value: &str) -> Result<String> {
        parse(value)?;
        Ok(value.to_owned())
    }

    fn crypt(&self, scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String> {
        if encrypt {
            seal(scope, text)
        } else {
            open(scope, text)
        }
    }

    fn write_mask(&self, _: &Options, value: &str, mask: Mask, out: &mut String) -> Result<()> {
        parse(value)?;
        match mask {
            Mask::Default | Mask::PrivacyWaybill | Mask::KeepSurname => mask_surname_into(value, out),
            Mask::FirstLast { first, last } => mask_chars_into(value, first as usize, last as usize, |_| true, out),
            _ => return Err(unsupported_mask(KIND)),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The three-byte test agrees with decoding the bytes and asking [`is_han`], for every lead
    /// byte, every second byte and every low six bits of the third.
    #[test]
    fn bmp_han_agrees_with_is_han() {
        let mut han = 0;
        for lead in 0..=255u8 {
            for second in 0..=255u8 {
                for third in 0x80..=0xBFu8 {
                    let c = [lead, second, third];
                    let cp = (lead as u32 & 0x0F) << 12 | (second as u32 & 0x3F) << 6 | (third as u32 & 0x3F);
                    let slow = lead & 0xF0 == 0xE0 && char::from_u32(cp).is_some_and(is_han);
                    assert_eq!(is_bmp_han(&c), slow, "{c:x?}");
                    han += (slow && second & 0xC0 == 0x80) as u32;
                }
            }
        }
        assert_eq!(han, 0x19C0 + 0x5200 + 0x200);
    }

    #[test]
    fn surname_mask() {
        let mask_surname = |name: &str| {
            let mut out = String::new();
            mask_surname_into(name, &mut out);
            out
        };
        assert_eq!(mask_surname("张三"), "张*");
        assert_eq!(mask_surname("张三丰"), "张**");
        assert_eq!(mask_surname("欧阳娜娜"), "欧阳**");
        assert_eq!(mask_surname("欧阳"), "欧*");
        assert_eq!(mask_surname("买买提·艾力"), "买**·**");
        assert_eq!(mask_surname("𠀀𠀁𠀂"), "𠀀**");
        // The slice path (BMP characters alone) gives what the character path gives.
        let by_chars = |name: &str| {
            let compound = COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s));
            let keep = if compound && name.chars().count() > 2 { 2 } else { 1 };
            name.chars().enumerate().map(|(i, c)| if i < keep || c == DOT { c } else { MASK_CHAR }).collect::<String>()
        };
        let given = ["三", "娜娜", "小明", "丰", "一二三四五六七八九十一二三四五六七八"];
        for surname in COMPOUND_SURNAMES.iter().chain(&["张", "王", "欧", "司"]) {
            for g in given {
                let name = format!("{surname}{g}");
                if parse(&name).is_ok() {
                    assert_eq!(mask_surname(&name), by_chars(&name), "{name}");
                }
            }
        }
        assert!(parse("张").is_err());
        assert!(parse("张 三").is_err());
        assert!(parse("·张三").is_err());
        assert!(parse("Tom").is_err());
    }

    /// The filtered look-up answers as the set does, for every BMP Han first character before
    /// the second characters of every compound surname and a common given name.
    #[test]
    fn starts_compound_agrees_with_the_set() {
        let mut seconds: Vec<char> = COMPOUND_SURNAMES.iter().filter_map(|s| s.chars().nth(1)).chain(['娜']).collect();
        seconds.sort_unstable();
        seconds.dedup();
        let mut found = 0;
        for first in (0x3400..=0x4DBF).chain(0x4E00..=0x9FFF).chain(0xF900..=0xFAFF).filter_map(char::from_u32) {
            for &second in &seconds {
                let name = format!("{first}{second}娜");
                let set = COMPOUND_SET.starts(name.as_bytes());
                assert_eq!(starts_compound(name.as_bytes()), set, "{name}");
                found += usize::from(set);
            }
        }
        assert_eq!(found, COMPOUND_SURNAMES.len());
    }

    /// The byte fast path gives what `parse` then `mask_surname_into` give, or declines (and
    /// leaves the name as it was): compound and single surnames, `·`, four-byte characters, the edges of
    /// every Han block, non-Han three-byte characters, 1 to 22 characters.
    #[test]
    fn surname_bytes_agree_with_the_general_path() {
        let edges = [
            '\u{33FF}', '\u{3400}', '\u{4DBF}', '\u{4DC0}', '\u{4DFF}', '\u{4E00}', '\u{9FFF}', '\u{A000}', '\u{F8FF}',
            '\u{F900}', '\u{FAFF}', '\u{FB00}', '\u{3041}', '\u{FF21}', '三', '𠀀', '·', 'a', '*',
        ];
        let mut names: Vec<String> = Vec::new();
        for surname in COMPOUND_SURNAMES.iter().chain(&["张", "王", "欧", "司", "𠀀", "·", "a"]) {
            for len in 0..=21usize {
                for e in edges {
                    for at in [0, len / 2, len.saturating_sub(1)] {
                        let given: String = (0..len).map(|i| if i == at { e } else { '娜' }).collect();
                        names.push(format!("{surname}{given}"));
                    }
                }
            }
        }
        names.extend(["买买提·艾力", "欧阳", "欧阳娜", "张三", "张", "", "张 三", "欧阳·娜"].map(String::from));
        let mut taken = 0;
        for name in &names {
            let general = parse(name).is_ok().then(|| {
                let mut out = String::new();
                mask_surname_into(name, &mut out);
                out
            });
            let mut out = [b"x", name.as_bytes()].concat();
            if surname_mask_in_place(&mut out, 1) {
                taken += 1;
                assert_eq!(Some(&out[1..]), general.as_ref().map(|g| g.as_bytes()), "{name}");
            } else {
                assert_eq!(&out[1..], name.as_bytes(), "{name}");
                // Declined although valid: only for a `·` or a character that is not three bytes.
                let plain = name.chars().all(|c| c.len_utf8() == 3 && c != DOT);
                assert!(general.is_none() || !plain, "{name} declined");
            }
        }
        assert!(taken > 1000, "{taken}");
    }
}

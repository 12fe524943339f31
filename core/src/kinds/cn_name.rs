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

/// Whether `c` is a CJK ideograph (basic block, extension A, compatibility, extensions B+).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
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
}

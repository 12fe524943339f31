//! `custom`: values in a caller's format ([`crate::CustomFormat`]).
//!
//! The characters of the value that are in the format's alphabet are
//! encrypted with FF1 over that alphabet, except the first `keep_first` and
//! last `keep_last` of them; all other characters stay in place. The key is
//! derived per format name. Default mask: keep the first and last alphabet
//! character.

use super::{first_last, KindRules, Scope};
use crate::mask::{mask_chars_into, Mask};
use crate::tokenizer::{CustomFormat, Options};
use crate::{Error, Kind, Result};

pub(crate) struct Custom;

const KIND: Kind = Kind::Custom;

fn format(options: &Options) -> Result<&CustomFormat> {
    options.custom.as_ref().ok_or(Error::UnsupportedMode { kind: KIND, reason: "no custom format is configured" })
}

/// The alphabet characters of `value` as numerals, checked against the format.
fn numerals(f: &CustomFormat, value: &str) -> Result<Vec<u16>> {
    let x: Vec<u16> = value.chars().filter_map(|c| f.alphabet.index(c)).collect();
    if x.len() < f.keep_first + f.keep_last + 2 {
        return Err(Error::value(KIND, None, "too few alphabet characters for this format"));
    }
    Ok(x)
}

fn crypt(scope: &Scope<'_>, value: &str, encrypt: bool) -> Result<String> {
    let f = format(scope.options)?;
    let mut x = numerals(f, value)?;
    let (a, b) = (f.keep_first, x.len() - f.keep_last);
    let mut tweak = vec![b'C', f.keep_first as u8, f.keep_last as u8];
    for &n in x[..a].iter().chain(&x[b..]) {
        tweak.extend_from_slice(&n.to_be_bytes());
    }
    tweak.extend_from_slice(scope.context);
    let label = format!("custom:{}", f.name);
    let middle = scope.ring.with_ff1(scope.version, &label, f.alphabet.radix(), |ff1| {
        if encrypt {
            ff1.encrypt(&tweak, &x[a..b])
        } else {
            ff1.decrypt(&tweak, &x[a..b])
        }
    })??;
    x[a..b].copy_from_slice(&middle);
    let mut it = x.into_iter();
    Ok(value
        .chars()
        .map(|c| if f.alphabet.contains(c) { it.next().map_or(c, |i| f.alphabet.char_at(i)) } else { c })
        .collect())
}

impl KindRules for Custom {
    fn normalize(&self, options: &Options, value: &str) -> Result<String> {
        numerals(format(options)?, value)?;
        Ok(value.to_owned())
    }

    fn crypt(&self, scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String> {
        crypt(scope, text, encrypt)
    }

    fn write_mask(&self, options: &Options, value: &str, mask: Mask, out: &mut String) -> Result<()> {
        let f = format(options)?;
        let (first, last) = first_last(KIND, mask, (1, 1))?;
        mask_chars_into(value, first, last, |c| f.alphabet.contains(c), out);
        Ok(())
    }
}

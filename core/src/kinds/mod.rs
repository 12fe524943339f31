//! The registry of kinds: one file per kind, one table that lists them.
//!
//! Adding a kind means adding a file here that implements [`KindRules`], a
//! variant to [`crate::Kind`], and a line to [`rules`].

mod bank_card;
mod cn_address;
mod cn_id;
mod cn_landline;
mod cn_mobile;
mod cn_name;
mod custom;
mod email;

use crate::layout::Positions;
use crate::mask::Mask;
use crate::tokenizer::Options;
use crate::{Keyring, Kind, Result};

pub(crate) use bank_card::digits_valid as card_digits_valid;
#[cfg(test)]
pub(crate) use bank_card::luhn_digit as card_luhn_digit;
pub(crate) use cn_address::district_mask_in_place;
#[cfg(test)]
pub(crate) use cn_address::mask_at as address_mask_at;
pub(crate) use cn_address::mask_at_into as address_mask_at_into;
#[cfg(test)]
pub(crate) use cn_id::check_value as id_check_value;
pub(crate) use cn_id::digits_valid as id_digits_valid;
pub(crate) use cn_id::grouped_valid as id_grouped_valid;
pub use cn_id::{DATE_CUTOFF, DATE_FIRST, DATE_LAST};
pub(crate) use cn_landline::grouped_split as landline_grouped_split;
pub(crate) use cn_mobile::digits_valid as mobile_digits_valid;
pub(crate) use cn_name::{is_bmp_han, is_han, surname_mask_in_place};
pub(crate) use email::mask_at_into as email_mask_at_into;
pub(crate) use email::valid_bounded as email_valid_bounded;
pub(crate) use email::{first1_mask_bytes_into, first1_mask_in_place, is_local_byte};

/// What a kind's rules may use: the keyring, the key version, the context, the options.
pub(crate) struct Scope<'a> {
    pub ring: &'a Keyring,
    pub version: u32,
    pub context: &'a [u8],
    pub options: &'a Options,
}

/// The rules of one kind.
pub(crate) trait KindRules: Sync {
    /// The canonical form of a valid value, or a typed error.
    fn normalize(&self, options: &Options, value: &str) -> Result<String>;
    /// `Ok` for a valid value, the typed error of [`KindRules::normalize`] otherwise, without
    /// building the normal form (the scanner validates every candidate it sees).
    fn validate(&self, options: &Options, value: &str) -> Result<()> {
        self.normalize(options, value).map(drop)
    }
    /// Validates like [`KindRules::validate`] and, for the number kinds, says where the value's
    /// significant characters stand (`None` for other kinds, and where they do not fit a
    /// [`Positions`]). The scanner keeps them with a hit for [`KindRules::mask_at`].
    fn positions(&self, options: &Options, value: &str) -> Result<Option<Positions>> {
        self.validate(options, value).map(|()| None)
    }
    /// For the number kinds: how many significant characters `mask` keeps at the start and at
    /// the end of a valid value read as `p` (an error for a preset the kind refuses). `None`:
    /// the kind masks otherwise.
    fn kept(&self, mask: Mask, p: &Positions) -> Option<Result<(usize, usize)>> {
        let _ = (mask, p);
        None
    }
    /// [`KindRules::mask_into`] for a valid value whose significant characters stand at `p`
    /// (what [`KindRules::positions`] gave for the same text): the value is not read again.
    fn mask_at(&self, options: &Options, value: &str, p: &Positions, mask: Mask, out: &mut String) -> Result<()> {
        match self.kept(mask, p) {
            Some(kept) => {
                let (first, last) = kept?;
                p.mask_into(value, first, last, out);
                Ok(())
            }
            None => self.mask_into(options, value, mask, out),
        }
    }
    /// A token for a valid value (`encrypt`), or the exact value a token was made from.
    fn crypt(&self, scope: &Scope<'_>, text: &str, encrypt: bool) -> Result<String>;
    /// Appends the display mask of a valid value to `out`: the one mask implementation of a
    /// kind. Callers use [`KindRules::mask_into`] or [`KindRules::mask`], which restore `out`
    /// when this fails part way.
    fn write_mask(&self, options: &Options, value: &str, mask: Mask, out: &mut String) -> Result<()>;
    /// Appends the display mask of a valid value to `out` (no allocation of its own, for the
    /// scrubber); on error `out` is left as it was.
    fn mask_into(&self, options: &Options, value: &str, mask: Mask, out: &mut String) -> Result<()> {
        restoring(out, |out| self.write_mask(options, value, mask, out))
    }
    /// The display mask of a valid value.
    fn mask(&self, options: &Options, value: &str, mask: Mask) -> Result<String> {
        // No mask is more than four bytes longer than its value (`a@b.cn` gives `a***@b.cn`,
        // an address ending at its prefix gets `****`), so this never grows.
        let mut out = String::with_capacity(value.len() + 4);
        self.write_mask(options, value, mask, &mut out)?;
        Ok(out)
    }
    /// Tokenizes (or detokenizes) many values, handing each result to `sink` in order.
    /// Kinds that can batch their cipher work override this.
    fn crypt_each(&self, scope: &Scope<'_>, values: &[&str], encrypt: bool, sink: &mut dyn FnMut(usize, Result<&str>)) {
        for (i, v) in values.iter().enumerate() {
            let r = self.crypt(scope, v, encrypt);
            sink(i, r.as_deref().map_err(Clone::clone));
        }
    }
}

/// The rules for `kind`.
pub(crate) fn rules(kind: Kind) -> &'static dyn KindRules {
    match kind {
        Kind::CnId => &cn_id::CnId,
        Kind::CnMobile => &cn_mobile::CnMobile,
        Kind::CnLandline => &cn_landline::CnLandline,
        Kind::BankCard => &bank_card::BankCard,
        Kind::Email => &email::Email,
        Kind::CnName => &cn_name::CnName,
        Kind::CnAddress => &cn_address::CnAddress,
        Kind::Custom => &custom::Custom,
    }
}

/// [`KindRules::kept`] of `kind`, without a `dyn` call for the number kinds: the redactor asks
/// it for every number it masks.
#[inline]
pub(crate) fn kept(kind: Kind, mask: Mask, p: &Positions) -> Option<Result<(usize, usize)>> {
    match kind {
        Kind::CnId => cn_id::CnId.kept(mask, p),
        Kind::CnMobile => cn_mobile::CnMobile.kept(mask, p),
        Kind::CnLandline => cn_landline::CnLandline.kept(mask, p),
        Kind::BankCard => bank_card::BankCard.kept(mask, p),
        _ => rules(kind).kept(mask, p),
    }
}

/// The characters a first/last mask keeps: the kind's `default` for `Default` and
/// `PrivacyWaybill`, the preset's own counts for `FirstLast`; other presets are refused.
pub(crate) fn first_last(kind: Kind, mask: Mask, default: (usize, usize)) -> Result<(usize, usize)> {
    match mask {
        Mask::Default | Mask::PrivacyWaybill => Ok(default),
        Mask::FirstLast { first, last } => Ok((first as usize, last as usize)),
        _ => Err(unsupported_mask(kind)),
    }
}

/// Runs `write`, which appends to `out`; when it fails, cuts `out` back to where it was.
pub(crate) fn restoring(out: &mut String, write: impl FnOnce(&mut String) -> Result<()>) -> Result<()> {
    let len = out.len();
    let r = write(out);
    if r.is_err() {
        out.truncate(len);
    }
    r
}

/// Refuses a mask preset that does not apply to a kind.
pub(crate) fn unsupported_mask(kind: Kind) -> crate::Error {
    crate::Error::UnsupportedMode { kind, reason: "this mask preset does not apply to this kind" }
}

/// Cycle-walking stops here; a valid input needs more with probability below 2^-600.
const WALK_LIMIT: usize = 10_000;

/// FF1 over `n` numerals of `radix` on the integer `x`, cycle-walking until `ok` holds.
///
/// `x` itself must satisfy `ok` (the caller validated it); then the walk is a
/// bijection on the set where `ok` holds. The tweak is `fixed || context`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn ff1_walk(
    scope: &Scope<'_>,
    kind: Kind,
    label: &str,
    radix: u32,
    n: usize,
    fixed: &[u8],
    x: u128,
    encrypt: bool,
    ok: impl Fn(u128) -> bool,
) -> Result<u128> {
    // Tweaks are short: build them on the stack unless the context is long.
    let mut buf = [0u8; 96];
    let len = fixed.len() + scope.context.len();
    let heap;
    let tweak: &[u8] = if len <= buf.len() {
        buf[..fixed.len()].copy_from_slice(fixed);
        buf[fixed.len()..len].copy_from_slice(scope.context);
        &buf[..len]
    } else {
        heap = [fixed, scope.context].concat();
        &heap
    };
    scope.ring.with_ff1(scope.version, label, radix, |ff1| {
        let shape = ff1.shape(n)?;
        let tw = ff1.tweaked(&shape, tweak);
        let mut y = ff1.crypt_int(&shape, &tw, x, encrypt);
        for _ in 0..WALK_LIMIT {
            if ok(y) {
                return Ok(y);
            }
            y = ff1.crypt_int(&shape, &tw, y, encrypt);
        }
        Err(crate::Error::value(kind, None, "outside the token domain"))
    })?
}

/// The character position of byte offset `at` in `text`.
pub(crate) fn char_pos(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].chars().count()
}

/// Whether `text` is a valid value of `kind` (for the scanner; custom values need their format).
pub(crate) fn is_valid(kind: Kind, text: &str) -> bool {
    rules(kind).validate(&Options::default(), text).is_ok()
}

/// [`is_valid`], with where the significant characters stand (see [`KindRules::positions`]):
/// `None` for an invalid value.
pub(crate) fn valid_positions(kind: Kind, text: &str) -> Option<Option<Positions>> {
    rules(kind).positions(&Options::default(), text).ok()
}

#[cfg(test)]
mod tests;

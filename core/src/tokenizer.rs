//! The entry point: a keyring plus options, and every operation on one value or a batch.

use std::sync::Arc;

use crate::kinds::{rules, Scope};
use crate::mask::Mask;
use crate::{pseudonym, Alphabet, Error, Keyring, Kind, Result};

/// Which parts of a resident ID a `cn_id` token keeps in clear.
///
/// Everything not kept is encrypted. A mode whose remaining domain has fewer
/// than 1,000,000 values for a given ID is refused with
/// [`Error::UnsupportedMode`] (for example `region` + `birth_year` always is).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct IdKeep {
    /// Keep the two-digit province code.
    pub province: bool,
    /// Keep the whole six-digit region code (implies `province`).
    pub region: bool,
    /// Keep the year of birth.
    pub birth_year: bool,
    /// Keep the gender (the parity of the sequence number).
    pub gender: bool,
}

/// A caller-defined format for [`Kind::Custom`]: FF1 over the caller's alphabet.
///
/// Characters of the value that are not in the alphabet are kept in place (like
/// a template: `AB-1234-5678` with a digit alphabet keeps `AB-` and `-`). The
/// first `keep_first` and last `keep_last` alphabet characters are kept in clear.
#[derive(Clone, Debug)]
pub struct CustomFormat {
    /// A stable name; it separates the keys of different custom formats.
    pub name: String,
    /// The characters that are encrypted.
    pub alphabet: Alphabet,
    /// Alphabet characters kept in clear at the start.
    pub keep_first: usize,
    /// Alphabet characters kept in clear at the end.
    pub keep_last: usize,
}

/// Options of a [`Tokenizer`]. `Options::default()` is the documented default.
#[derive(Clone, Debug)]
pub struct Options {
    /// `cn_id` mode (default: encrypt everything).
    pub id_keep: IdKeep,
    /// `bank_card`: also keep the last four digits (default false).
    pub card_keep_last4: bool,
    /// Pseudonym length in characters (default 20, at least 16).
    pub pseudonym_len: usize,
    /// The format of [`Kind::Custom`] values (default none: custom values are refused).
    pub custom: Option<CustomFormat>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            id_keep: IdKeep::default(),
            card_keep_last4: false,
            pseudonym_len: pseudonym::DEFAULT_LEN,
            custom: None,
        }
    }
}

/// Tokenizes, detokenizes, masks, pseudonymizes and validates values of every [`Kind`].
///
/// Cheap to clone (the keyring is shared) and thread-safe: share one per
/// process. Format-preserving tokens (`cn_id`, `cn_mobile`, `cn_landline`,
/// `bank_card`, `email`, `custom`) cannot carry their key version: they use the
/// keyring's active version unless a version is given, and whoever stores them
/// stores the version beside them (a column, or part of the context). Opaque
/// tokens (`cn_name`, `cn_address` and the email fallback) carry it.
///
/// ```
/// use yinsi::{Keyring, Kind, Tokenizer};
/// let tk = Tokenizer::new(Keyring::from_hex(&"00".repeat(32)).unwrap());
/// let token = tk.tokenize(Kind::CnMobile, "138-1234-5678", b"orders.phone").unwrap();
/// assert!(token.starts_with("138-"));
/// assert_eq!(tk.detokenize(Kind::CnMobile, &token, b"orders.phone").unwrap(), "138-1234-5678");
/// assert_eq!(tk.mask(Kind::CnMobile, "13812345678", yinsi::Mask::Default).unwrap(), "138****5678");
/// ```
#[derive(Clone, Debug)]
pub struct Tokenizer {
    ring: Arc<Keyring>,
    options: Arc<Options>,
}

impl Tokenizer {
    /// A tokenizer with default options.
    pub fn new(keyring: Keyring) -> Tokenizer {
        Tokenizer { ring: Arc::new(keyring), options: Arc::new(Options::default()) }
    }

    /// A tokenizer with options; refuses options that can never work.
    pub fn with_options(keyring: impl Into<Arc<Keyring>>, options: Options) -> Result<Tokenizer> {
        pseudonym::check_len(options.pseudonym_len)?;
        if options.id_keep.region && options.id_keep.birth_year {
            return Err(Error::UnsupportedMode {
                kind: Kind::CnId,
                reason: "keeping region and birth year leaves fewer than 1,000,000 values",
            });
        }
        if let Some(custom) = &options.custom {
            if custom.name.is_empty() {
                return Err(Error::InvalidOption { option: "custom.name", reason: "must not be empty" });
            }
        }
        Ok(Tokenizer { ring: keyring.into(), options: Arc::new(options) })
    }

    /// The keyring.
    pub fn keyring(&self) -> &Keyring {
        &self.ring
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    fn scope<'a>(&'a self, context: &'a [u8], version: Option<u32>) -> Scope<'a> {
        Scope {
            ring: &self.ring,
            version: version.unwrap_or_else(|| self.ring.active_version()),
            context,
            options: &self.options,
        }
    }

    /// A token for `value` under the active key version.
    pub fn tokenize(&self, kind: Kind, value: &str, context: &[u8]) -> Result<String> {
        rules(kind).crypt(&self.scope(context, None), value, true)
    }

    /// A token for `value` under key `version`.
    pub fn tokenize_with_version(&self, kind: Kind, value: &str, context: &[u8], version: u32) -> Result<String> {
        rules(kind).crypt(&self.scope(context, Some(version)), value, true)
    }

    /// The value behind a token. Format-preserving tokens are read under the
    /// active version; opaque tokens under the version they carry.
    pub fn detokenize(&self, kind: Kind, token: &str, context: &[u8]) -> Result<String> {
        rules(kind).crypt(&self.scope(context, None), token, false)
    }

    /// The value behind a format-preserving token made under key `version`.
    pub fn detokenize_with_version(&self, kind: Kind, token: &str, context: &[u8], version: u32) -> Result<String> {
        rules(kind).crypt(&self.scope(context, Some(version)), token, false)
    }

    /// Moves a token made under key version `from` to the active version.
    pub fn rewrap(&self, kind: Kind, token: &str, context: &[u8], from: u32) -> Result<String> {
        let value = zeroize::Zeroizing::new(self.detokenize_with_version(kind, token, context, from)?);
        self.tokenize(kind, &value, context)
    }

    /// The display mask of `value` (no key is used).
    pub fn mask(&self, kind: Kind, value: &str, mask: Mask) -> Result<String> {
        rules(kind).mask(&self.options, value, mask)
    }

    /// A keyed one-way pseudonym of `value` (of its normalised form, so every
    /// written layout of one value gets the same pseudonym).
    pub fn pseudonymize(&self, kind: Kind, value: &str, context: &[u8]) -> Result<String> {
        let normal = zeroize::Zeroizing::new(rules(kind).normalize(&self.options, value)?);
        pseudonym::pseudonym(
            &self.ring,
            self.ring.active_version(),
            kind.name(),
            context,
            normal.as_bytes(),
            self.options.pseudonym_len,
        )
    }

    /// The redaction label of a kind, e.g. `[CN_MOBILE]`.
    pub fn redact(&self, kind: Kind) -> &'static str {
        kind.label()
    }

    /// Checks that `value` is a valid instance of `kind`.
    pub fn validate(&self, kind: Kind, value: &str) -> Result<()> {
        rules(kind).validate(&self.options, value)
    }

    /// The canonical form of `value` (e.g. `13812345678` for `+86 138-1234-5678`).
    pub fn normalize(&self, kind: Kind, value: &str) -> Result<String> {
        rules(kind).normalize(&self.options, value)
    }

    /// Tokenizes many values; one result per value, in order.
    ///
    /// Faster than a loop of [`Tokenizer::tokenize`] where the kind can batch
    /// its block-cipher work (`cn_mobile`).
    pub fn tokenize_batch<S: AsRef<str>>(&self, kind: Kind, values: &[S], context: &[u8]) -> Vec<Result<String>> {
        self.tokenize_batch_with_version(kind, values, context, None)
    }

    /// [`Tokenizer::tokenize_batch`] under a given key version (`None`: the active one).
    pub fn tokenize_batch_with_version<S: AsRef<str>>(
        &self,
        kind: Kind,
        values: &[S],
        context: &[u8],
        version: Option<u32>,
    ) -> Vec<Result<String>> {
        self.apply(Operation::Tokenize { version }, kind, values, context)
    }

    /// Detokenizes many tokens; one result per token, in order.
    pub fn detokenize_batch<S: AsRef<str>>(
        &self,
        kind: Kind,
        tokens: &[S],
        context: &[u8],
        version: Option<u32>,
    ) -> Vec<Result<String>> {
        self.apply(Operation::Detokenize { version }, kind, tokens, context)
    }

    /// Applies one operation to many values; one result per value, in order.
    ///
    /// [`Operation::Validate`] gives an empty string for a valid value.
    pub fn apply<S: AsRef<str>>(&self, op: Operation, kind: Kind, values: &[S], context: &[u8]) -> Vec<Result<String>> {
        let mut out = Vec::with_capacity(values.len());
        self.apply_with(op, kind, values, context, &mut |_, r| out.push(r.map(str::to_owned)));
        out
    }

    /// Applies one operation to many values, handing each result to `sink` as
    /// `(index, result)`, in order. The `&str` is only valid during the call: a
    /// binding copies it straight into its own column buffer, so a batch makes
    /// no allocation per value.
    pub fn apply_with<S: AsRef<str>>(
        &self,
        op: Operation,
        kind: Kind,
        values: &[S],
        context: &[u8],
        sink: &mut dyn FnMut(usize, Result<&str>),
    ) {
        let values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
        let rules = rules(kind);
        let each = |sink: &mut dyn FnMut(usize, Result<&str>), f: &dyn Fn(&str) -> Result<String>| {
            for (i, v) in values.iter().enumerate() {
                sink(i, f(v).as_deref().map_err(Clone::clone));
            }
        };
        match op {
            Operation::Tokenize { version } => rules.crypt_each(&self.scope(context, version), &values, true, sink),
            Operation::Detokenize { version } => rules.crypt_each(&self.scope(context, version), &values, false, sink),
            Operation::Rewrap { from } => each(sink, &|v| self.rewrap(kind, v, context, from)),
            Operation::Mask(mask) => each(sink, &|v| rules.mask(&self.options, v, mask)),
            Operation::Pseudonymize => each(sink, &|v| self.pseudonymize(kind, v, context)),
            Operation::Normalize => each(sink, &|v| rules.normalize(&self.options, v)),
            Operation::Redact => each(sink, &|_| Ok(kind.label().to_owned())),
            Operation::Validate => each(sink, &|v| rules.normalize(&self.options, v).map(|_| String::new())),
        }
    }
}

/// One operation of [`Tokenizer::apply`], applied to every value of a batch.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// [`Tokenizer::tokenize`] (`None`: the active key version).
    Tokenize {
        /// Key version; `None` for the active one.
        version: Option<u32>,
    },
    /// [`Tokenizer::detokenize`] (`None`: the active version for format-preserving tokens).
    Detokenize {
        /// Key version; `None` for the active one.
        version: Option<u32>,
    },
    /// [`Tokenizer::rewrap`] from key version `from` to the active one.
    Rewrap {
        /// The version the tokens were made under.
        from: u32,
    },
    /// [`Tokenizer::mask`] with a preset.
    Mask(Mask),
    /// [`Tokenizer::pseudonymize`].
    Pseudonymize,
    /// [`Tokenizer::normalize`].
    Normalize,
    /// [`Tokenizer::redact`]: the kind's label for every value.
    Redact,
    /// [`Tokenizer::validate`]: an empty string for a valid value, else the error.
    Validate,
}

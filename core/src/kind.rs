//! The kinds of personal information yinsi knows.

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// A kind of personal information.
///
/// The string names (`cn_id`, `cn_mobile`, ...) are stable: they appear in
/// the CLI, the C and Python APIs, scan output and key derivation.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Resident identity card number (GB 11643-1999), 18 characters or legacy 15 digits.
    CnId,
    /// Mainland mobile number, 11 digits starting `1[3-9]`.
    CnMobile,
    /// Fixed-line number with area code, optionally an extension.
    CnLandline,
    /// Payment card number, 16 to 19 digits with a Luhn check digit.
    BankCard,
    /// E-mail address.
    Email,
    /// Chinese personal name.
    CnName,
    /// Chinese postal address.
    CnAddress,
    /// A caller-defined value with its own alphabet.
    Custom,
}

impl Kind {
    /// Every kind, in a fixed order.
    pub const ALL: [Kind; 8] = [
        Kind::CnId,
        Kind::CnMobile,
        Kind::CnLandline,
        Kind::BankCard,
        Kind::Email,
        Kind::CnName,
        Kind::CnAddress,
        Kind::Custom,
    ];

    /// The stable snake_case name, e.g. `"cn_mobile"`.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::CnId => "cn_id",
            Kind::CnMobile => "cn_mobile",
            Kind::CnLandline => "cn_landline",
            Kind::BankCard => "bank_card",
            Kind::Email => "email",
            Kind::CnName => "cn_name",
            Kind::CnAddress => "cn_address",
            Kind::Custom => "custom",
        }
    }

    /// The redaction label, the name upper-cased in brackets, e.g. `"[CN_MOBILE]"`.
    pub const fn label(self) -> &'static str {
        match self {
            Kind::CnId => "[CN_ID]",
            Kind::CnMobile => "[CN_MOBILE]",
            Kind::CnLandline => "[CN_LANDLINE]",
            Kind::BankCard => "[BANK_CARD]",
            Kind::Email => "[EMAIL]",
            Kind::CnName => "[CN_NAME]",
            Kind::CnAddress => "[CN_ADDRESS]",
            Kind::Custom => "[CUSTOM]",
        }
    }

    /// A stable small number for the kind (used by the C ABI); never renumbered.
    pub const fn code(self) -> u32 {
        match self {
            Kind::CnId => 1,
            Kind::CnMobile => 2,
            Kind::CnLandline => 3,
            Kind::BankCard => 4,
            Kind::Email => 5,
            Kind::CnName => 6,
            Kind::CnAddress => 7,
            Kind::Custom => 8,
        }
    }

    /// The kind with the given [`Kind::code`].
    pub fn from_code(code: u32) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = Error;

    /// Parses a stable name such as `"cn_mobile"` (case-insensitive, `-` accepted for `_`).
    fn from_str(s: &str) -> Result<Kind, Error> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == wanted)
            .ok_or(Error::InvalidOption { option: "kind", reason: "unknown kind name" })
    }
}

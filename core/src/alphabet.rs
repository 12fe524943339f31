//! FF1 over an alphabet of Unicode characters: string in, string out.

use std::collections::HashMap;
use std::fmt;

use crate::ff1::Ff1;
use crate::{Error, Result};

const ABSENT: u16 = u16::MAX;

/// An ordered set of distinct characters; a character's numeral is its index.
///
/// ```
/// use yinsi::Alphabet;
/// let a = Alphabet::new("0123456789abcdefghijklmnopqrstuvwxyz").unwrap();
/// assert_eq!(a.radix(), 36);
/// assert_eq!(a.index('z'), Some(35));
/// ```
#[derive(Clone)]
pub struct Alphabet {
    chars: Vec<char>,
    ascii: [u16; 128],
    other: HashMap<char, u16>,
}

impl fmt::Debug for Alphabet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Alphabet").field("radix", &self.radix()).finish()
    }
}

impl Alphabet {
    /// Decimal digits `0-9`.
    pub const DIGITS: &'static str = "0123456789";
    /// Lower-case letters and digits, `0-9a-z`.
    pub const LOWER_ALNUM: &'static str = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// An alphabet of the characters of `chars`, in order; 2 to 65,536 distinct characters.
    pub fn new(chars: &str) -> Result<Alphabet> {
        Alphabet::from_chars(chars.chars())
    }

    /// An alphabet from characters in order; 2 to 65,536 distinct characters.
    pub fn from_chars(chars: impl IntoIterator<Item = char>) -> Result<Alphabet> {
        let chars: Vec<char> = chars.into_iter().collect();
        if chars.len() < 2 || chars.len() > 65536 {
            return Err(Error::InvalidRadix { radix: chars.len().min(u32::MAX as usize) as u32 });
        }
        let mut ascii = [ABSENT; 128];
        let mut other = HashMap::new();
        for (i, &c) in chars.iter().enumerate() {
            let i = i as u16; // the 65,536th character (index 65535) never needs a lookup sentinel clash: see index()
            let fresh = if (c as u32) < 128 {
                let slot = &mut ascii[c as usize];
                let fresh = *slot == ABSENT;
                *slot = i;
                fresh
            } else {
                other.insert(c, i).is_none()
            };
            if !fresh {
                return Err(Error::InvalidAlphabet { reason: "a character appears twice" });
            }
        }
        Ok(Alphabet { chars, ascii, other })
    }

    /// The number of characters.
    pub fn radix(&self) -> u32 {
        self.chars.len() as u32
    }

    /// The numeral of `c`, if `c` is in the alphabet.
    #[inline]
    pub fn index(&self, c: char) -> Option<u16> {
        if (c as u32) < 128 {
            Some(self.ascii[c as usize]).filter(|&i| i != ABSENT)
        } else {
            self.other.get(&c).copied()
        }
    }

    /// The character for numeral `i` (panics if `i >= radix`; numerals come from FF1 output).
    #[inline]
    pub fn char_at(&self, i: u16) -> char {
        self.chars[i as usize]
    }

    /// Whether `c` is in the alphabet.
    pub fn contains(&self, c: char) -> bool {
        self.index(c).is_some()
    }

    /// The numerals of `s`; an error gives the character position of the first outsider.
    pub fn numerals(&self, s: &str) -> Result<Vec<u16>> {
        s.chars().enumerate().map(|(position, c)| self.index(c).ok_or(Error::InvalidNumeral { position })).collect()
    }

    /// The string spelled by `numerals`.
    pub fn spell(&self, numerals: &[u16]) -> String {
        numerals.iter().map(|&i| self.char_at(i)).collect()
    }
}

/// FF1 over an [`Alphabet`]: strings of the alphabet's characters in and out.
///
/// ```
/// use yinsi::{Alphabet, AlphabetFf1};
/// let fpe = AlphabetFf1::new(&[7u8; 32], Alphabet::new(Alphabet::LOWER_ALNUM).unwrap()).unwrap();
/// let token = fpe.encrypt(b"", "order42xyz").unwrap();
/// assert_eq!(token.chars().count(), 10);
/// assert_eq!(fpe.decrypt(b"", &token).unwrap(), "order42xyz");
/// ```
#[derive(Debug)]
pub struct AlphabetFf1 {
    ff1: Ff1,
    alphabet: Alphabet,
}

impl AlphabetFf1 {
    /// FF1 with an AES key of 16, 24 or 32 bytes over `alphabet`.
    pub fn new(key: &[u8], alphabet: Alphabet) -> Result<AlphabetFf1> {
        Ok(AlphabetFf1 { ff1: Ff1::new(key, alphabet.radix())?, alphabet })
    }

    /// The alphabet.
    pub fn alphabet(&self) -> &Alphabet {
        &self.alphabet
    }

    /// Encrypts a string of alphabet characters.
    pub fn encrypt(&self, tweak: &[u8], s: &str) -> Result<String> {
        let x = self.alphabet.numerals(s)?;
        Ok(self.alphabet.spell(&self.ff1.encrypt(tweak, &x)?))
    }

    /// Decrypts a string produced by [`AlphabetFf1::encrypt`] with the same tweak.
    pub fn decrypt(&self, tweak: &[u8], s: &str) -> Result<String> {
        let x = self.alphabet.numerals(s)?;
        Ok(self.alphabet.spell(&self.ff1.decrypt(tweak, &x)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_alphabet_round_trips() {
        let a = Alphabet::new("张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗").unwrap();
        let fpe = AlphabetFf1::new(&[1u8; 32], a).unwrap();
        let t = fpe.encrypt(b"t", "张王李赵刘").unwrap();
        assert_eq!(t.chars().count(), 5);
        assert!(t.chars().all(|c| fpe.alphabet().contains(c)));
        assert_eq!(fpe.decrypt(b"t", &t).unwrap(), "张王李赵刘");
    }

    #[test]
    fn bad_alphabets_and_inputs() {
        assert_eq!(Alphabet::new("a").unwrap_err(), Error::InvalidRadix { radix: 1 });
        assert!(matches!(Alphabet::new("abca"), Err(Error::InvalidAlphabet { .. })));
        assert!(matches!(Alphabet::new("张张"), Err(Error::InvalidAlphabet { .. })));
        let fpe = AlphabetFf1::new(&[1u8; 16], Alphabet::new(Alphabet::DIGITS).unwrap()).unwrap();
        assert_eq!(fpe.encrypt(b"", "12345a789").unwrap_err(), Error::InvalidNumeral { position: 5 });
        assert_eq!(fpe.encrypt(b"", "12345").unwrap_err(), Error::DomainTooSmall { radix: 10, len: 5 });
    }

    #[test]
    fn full_bmp_sized_alphabet() {
        let a = Alphabet::from_chars((0..65536u32).map(|i| char::from_u32(0x10000 + i).unwrap())).unwrap();
        assert_eq!(a.radix(), 65536);
        assert_eq!(a.index(char::from_u32(0x10000 + 65535).unwrap()), Some(65535));
    }
}

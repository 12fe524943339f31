//! No error ever shows the value it was given or key material: distinctive
//! values go through every error path, and neither `Display` nor `Debug` of
//! the error may contain any 5-character piece of them.

mod common;

use common::{gen, Rng, TEST_KEY_HEX};
use yinsi::ff1::Ff1;
use yinsi::{opaque, Error, IdKeep, Keyring, Kind, Mask, Options, Tokenizer};

fn assert_clean(err: &Error, secret: &str) {
    let chars: Vec<char> = secret.chars().collect();
    for shown in [err.to_string(), format!("{err:?}")] {
        for w in chars.windows(5) {
            let piece: String = w.iter().collect();
            assert!(!shown.contains(&piece), "error {shown:?} shows a piece {piece:?} of the value");
        }
    }
}

/// Feeds `value` through every operation of `kind` that can fail.
fn all_paths(tk: &Tokenizer, kind: Kind, value: &str) -> usize {
    let mut errors = 0;
    let mut check = |r: yinsi::Result<String>| {
        if let Err(e) = r {
            assert_clean(&e, value);
            errors += 1;
        }
    };
    check(tk.tokenize(kind, value, b"ctx"));
    check(tk.detokenize(kind, value, b"ctx"));
    check(tk.detokenize_with_version(kind, value, b"ctx", 7));
    check(tk.mask(kind, value, Mask::Default));
    check(tk.mask(kind, value, Mask::KeepDistrict));
    check(tk.pseudonymize(kind, value, b"ctx"));
    check(tk.normalize(kind, value));
    check(tk.rewrap(kind, value, b"ctx", 1));
    errors
}

/// Spoils a valid value in ways that reach different error paths.
fn spoil(value: &str, rng: &mut Rng) -> Vec<String> {
    let chars: Vec<char> = value.chars().collect();
    let i = rng.below(chars.len() as u64) as usize;
    let mut out = vec![format!("{value}9"), format!("{value}Q"), chars[1..].iter().collect()];
    let mut swapped = chars.clone();
    swapped[i] = if swapped[i] == '7' { '8' } else { '7' };
    out.push(swapped.into_iter().collect());
    let mut letter = chars.clone();
    letter[i] = 'Z';
    out.push(letter.into_iter().collect());
    out
}

#[test]
fn kind_errors_never_show_the_value() {
    let ring = || Keyring::from_hex(TEST_KEY_HEX).unwrap();
    let strict = Tokenizer::with_options(
        ring(),
        Options {
            id_keep: IdKeep { province: true, birth_year: true, gender: true, ..IdKeep::default() },
            card_keep_last4: true,
            ..Options::default()
        },
    )
    .unwrap();
    let tk = Tokenizer::new(ring());
    let mut rng = Rng::new(77);
    let mut errors = 0;
    let generators: [(Kind, gen::Generator); 7] = [
        (Kind::CnMobile, gen::mobile),
        (Kind::CnId, gen::id),
        (Kind::CnLandline, gen::landline),
        (Kind::BankCard, gen::card),
        (Kind::Email, gen::email),
        (Kind::CnName, gen::name),
        (Kind::CnAddress, gen::address),
    ];
    for (kind, generate) in generators {
        for _ in 0..200 {
            let value = generate(&mut rng);
            for t in [&tk, &strict] {
                errors += all_paths(t, kind, &value);
                for bad in spoil(&value, &mut rng) {
                    errors += all_paths(t, kind, &bad);
                }
                // A token presented under the wrong context, kind or key.
                if let Ok(token) = t.tokenize(kind, &value, b"ctx") {
                    for (k, ctx) in [(kind, &b"other"[..]), (Kind::CnName, b"ctx"), (Kind::CnAddress, b"ctx")] {
                        if let Err(e) = t.detokenize(k, &token, ctx) {
                            assert_clean(&e, &value);
                            assert_clean(&e, &token);
                            errors += 1;
                        }
                    }
                }
            }
        }
        errors += all_paths(&tk, Kind::Custom, "13812345678");
    }
    assert!(errors > 20_000, "the error paths were reached: {errors}");
}

#[test]
fn key_errors_never_show_key_material() {
    let secret = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    let attempts = [
        Keyring::from_hex(&secret[..63]).unwrap_err(),
        Keyring::from_hex(&format!("{secret}0")).unwrap_err(),
        Keyring::from_base64(&secret[..40]).unwrap_err(),
        Keyring::from_text(&format!("key 1 = {}\n", &secret[..62])).unwrap_err(),
        Keyring::from_text(&format!("key x = {secret}\n")).unwrap_err(),
        Keyring::from_text(&format!("active = 3\nkey 1 = {secret}\n")).unwrap_err(),
        Keyring::from_text(&format!("{secret} {secret}")).unwrap_err(),
        Keyring::from_bytes(1, &secret.as_bytes()[..31]).unwrap_err(),
        Ff1::new(&secret.as_bytes()[..20], 10).unwrap_err(),
    ];
    for e in &attempts {
        assert_clean(e, secret);
    }
    let path = std::env::temp_dir().join(format!("yinsi-no-leak-{}.key", std::process::id()));
    std::fs::write(&path, format!("key 1 = {}zz\n", &secret[..62])).unwrap();
    let e = Keyring::from_file(&path).unwrap_err();
    std::fs::remove_file(&path).unwrap();
    assert_clean(&e, secret);
    // Debug of a keyring and a tokenizer shows versions, never key bytes.
    let ring = Keyring::from_hex(secret).unwrap();
    let shown = format!("{ring:?} {:?}", Tokenizer::new(Keyring::from_hex(secret).unwrap()));
    for w in secret.as_bytes().windows(5) {
        assert!(!shown.contains(std::str::from_utf8(w).unwrap()), "{shown}");
    }
    assert!(!ring.to_text().is_empty());
}

#[test]
fn token_errors_never_show_the_token_body() {
    let ring = Keyring::from_hex(TEST_KEY_HEX).unwrap();
    let token = opaque::seal(&ring, 1, "cn_name", b"", "诸葛孔明".as_bytes()).unwrap();
    let body = &token[opaque::PREFIX.len() + 2..];
    let mut flipped = token.clone().into_bytes();
    let mid = flipped.len() - 10;
    flipped[mid] = if flipped[mid] == b'A' { b'B' } else { b'A' };
    let flipped = String::from_utf8(flipped).unwrap();
    for bad in [flipped, token[..token.len() - 3].to_string(), format!("{token}=="), token.replace("yt1.1.", "yt1.99.")]
    {
        let e = opaque::open(&ring, "cn_name", b"", &bad).unwrap_err();
        assert_clean(&e, body);
    }
}

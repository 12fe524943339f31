//! The shared test vectors under `tests/vectors/`, which the Rust, C and
//! Python tests all read. They pin every token format (DESIGN §8: a token is a
//! promise). Run with `YINSI_REGENERATE_VECTORS=1` only when a change is meant
//! to move tokens, which needs a new mapping version.

mod common;

use common::{gen, read_vectors, regenerate, vector_path, Rng, TEST_KEY_HEX};
use serde_json::{json, Value};
use yinsi::{opaque, pseudonym, IdKeep, Keyring, Kind, Mask, Options, Tokenizer};

/// The published test keyring: version 1 = bytes 00..1f, version 2 = bytes 20..3f, active 1.
fn test_keyring() -> Keyring {
    let v2: String = (0x20..0x40u8).map(|b| format!("{b:02x}")).collect();
    Keyring::from_text(&format!("active = 1\nkey 1 = {TEST_KEY_HEX}\nkey 2 = {v2}\n")).unwrap()
}

fn write_or_compare(name: &str, cases: Vec<Value>) {
    let doc = json!({
        "about": "yinsi shared test vectors; see tests/vectors/README.md. Published test keys: never use them for real data.",
        "keyring": test_keyring().to_text().as_str(),
        "cases": cases,
    });
    let path = vector_path(name);
    if regenerate() {
        std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
        return;
    }
    let stored = read_vectors(name);
    let stored = stored["cases"].as_array().unwrap();
    assert_eq!(stored.len(), cases.len(), "{name}: case count");
    for (i, (want, got)) in stored.iter().zip(&cases).enumerate() {
        assert_eq!(want, got, "{name}: case {i} changed; a token is a promise");
    }
}

#[test]
fn opaque_vectors() {
    let ring = test_keyring();
    let mut cases = Vec::new();
    let values = ["张三", "欧阳娜娜", "浙江省杭州市西湖区文三路100号", "", "a", "0123456789abcdef", "买买提·艾力"];
    for (i, v) in values.iter().enumerate() {
        for (version, label, context) in
            [(1u32, "cn_name", ""), (1, "cn_address", "tenant-a/orders.address"), (2, "cn_name", "x")]
        {
            let token = opaque::seal(&ring, version, label, context.as_bytes(), v.as_bytes()).unwrap();
            assert_eq!(&opaque::open(&ring, label, context.as_bytes(), &token).unwrap()[..], v.as_bytes());
            cases.push(
                json!({"case": i, "version": version, "label": label, "context": context, "value": v, "token": token}),
            );
        }
    }
    write_or_compare("opaque.json", cases);
}

#[test]
fn pseudonym_vectors() {
    let ring = test_keyring();
    let mut cases = Vec::new();
    for (i, v) in ["13812345678", "11010519491231002X", "张三", "zhang.san@example.com", ""].iter().enumerate() {
        for (version, label, context, len) in
            [(1u32, "cn_mobile", "", 20usize), (1, "cn_mobile", "orders.phone", 16), (2, "cn_id", "", 52)]
        {
            let p = pseudonym::pseudonym(&ring, version, label, context.as_bytes(), v.as_bytes(), len).unwrap();
            cases.push(json!({"case": i, "version": version, "label": label, "context": context, "len": len, "value": v, "pseudonym": p}));
        }
    }
    write_or_compare("pseudonyms.json", cases);
}

const CONTEXTS: [&str; 3] = ["", "orders.phone", "tenant-a/orders.customer"];

/// Hand-picked written forms, then generated values, for a kind.
fn values(kind: Kind, rng: &mut Rng) -> Vec<String> {
    let fixed: &[&str] = match kind {
        Kind::CnMobile => &[
            "13812345678",
            "138-1234-5678",
            "138 1234 5678",
            "+86 138 1234 5678",
            "0086 13812345678",
            "(+86)13812345678",
            "１３８１２３４５６７８",
        ],
        Kind::CnId => &[
            "11010519491231002X",
            "11010519491231002x",
            "110105 19491231 002X",
            "110105491231002",
            "440305199001011234",
        ],
        Kind::CnLandline => &[
            "010-62345678",
            "0571-87654321",
            "(0755)23456789",
            "021 5432 1098",
            "0571-87654321-801",
            "0571-87654321转801",
        ],
        Kind::BankCard => &["6222021234567890128", "4111111111111111", "6222 0212 3456 7890 12"],
        Kind::Email => &["zhang.san@example.com", "li@qq.com", "Wang.Wu+news@Mail.Example.CN"],
        Kind::CnName => &["张三", "欧阳娜娜", "买买提·艾力"],
        Kind::CnAddress => {
            &["浙江省杭州市西湖区文三路100号", "北京市朝阳区建国路88号SOHO现代城5号楼1201室", "文三路100号"]
        }
        _ => &[],
    };
    let generate: fn(&mut Rng) -> String = match kind {
        Kind::CnMobile => gen::mobile,
        Kind::CnId => gen::id,
        Kind::CnLandline => gen::landline,
        Kind::BankCard => gen::card,
        Kind::Email => gen::email,
        Kind::CnName => gen::name,
        _ => gen::address,
    };
    let tk = Tokenizer::new(test_keyring());
    let mut out: Vec<String> = fixed.iter().map(|s| s.to_string()).filter(|s| tk.validate(kind, s).is_ok()).collect();
    while out.len() < 24 {
        out.push(generate(rng));
    }
    out
}

const INVALID: [(Kind, [&str; 10]); 7] = [
    (
        Kind::CnMobile,
        [
            "1381234567",
            "12812345678",
            "23812345678",
            "138123456789",
            "138a2345678",
            "",
            "+86",
            "138--12345678",
            "+1 138 1234 5678",
            "138 1234 5678 ",
        ],
    ),
    (
        Kind::CnId,
        [
            "110105194912310021",
            "11010519491231002",
            "110105194902300021",
            "190105194912310021",
            "1101051949123100X2",
            "11010518991231002X",
            "abc",
            "",
            "110105 194912 31002X",
            "110105-19491231-002Y",
        ],
    ),
    (
        Kind::CnLandline,
        [
            "011-62345678",
            "010-12345678",
            "010-6234567",
            "0571-876543",
            "62345678",
            "010-62345678-",
            "010-62345678-1234567",
            "(010-62345678",
            "",
            "0571/87654321",
        ],
    ),
    (
        Kind::BankCard,
        [
            "6222021234567890127",
            "411111111111111",
            "41111111111111111111",
            "4111 1111 1111 111a",
            "",
            "4111  1111 1111 1111",
            "0000000000000001",
            "6222021234567890",
            "12345678901234567",
            "4111-1111-1111-1112",
        ],
    ),
    (Kind::Email, ["", "a", "@b.cn", "a@", "a@b", "a..b@c.cn", ".a@c.cn", "a@-b.cn", "a@b.c1", "张@c.cn"]),
    (
        Kind::CnName,
        [
            "张",
            "张 三",
            "·张三",
            "张三·",
            "Tom",
            "",
            "张三1",
            "张·",
            "abc",
            "张三丰张三丰张三丰张三丰张三丰张三丰张三丰",
        ],
    ),
    (Kind::CnAddress, ["", "a", "浙江\n杭州", "\t", "x", "杭州\u{7}路", "浙", "\u{0}\u{0}", "1", "路"]),
];

#[test]
fn kind_vectors() {
    let tk = Tokenizer::new(test_keyring());
    let mut rng = Rng::new(0xfeed);
    let mut cases = Vec::new();
    for kind in Kind::ALL.into_iter().filter(|&k| k != Kind::Custom) {
        let vals = values(kind, &mut rng);
        for (i, v) in vals.iter().enumerate() {
            let ctx = CONTEXTS[i % 3];
            let token = tk.tokenize(kind, v, ctx.as_bytes()).unwrap();
            // Detokenizing gives the exact input, except e-mail, which is case-insensitive (lower case).
            let back = tk.detokenize(kind, &token, ctx.as_bytes()).unwrap();
            assert_eq!(back, if kind == Kind::Email { v.to_lowercase() } else { v.clone() });
            cases.push(json!({"kind": kind.name(), "op": "tokenize", "context": ctx, "input": v, "output": token}));
            cases
                .push(json!({"kind": kind.name(), "op": "detokenize", "context": ctx, "input": token, "output": back}));
            if kind != Kind::CnName && kind != Kind::CnAddress {
                let v2 = tk.tokenize_with_version(kind, v, ctx.as_bytes(), 2).unwrap();
                cases.push(json!({"kind": kind.name(), "op": "tokenize", "context": ctx, "version": 2, "input": v, "output": v2}));
            }
            let preset = match i % 3 {
                0 => Mask::Default,
                1 => Mask::PrivacyWaybill,
                _ => Mask::FirstLast { first: 1, last: 2 },
            };
            let masked = tk.mask(kind, v, preset).unwrap();
            cases.push(
                json!({"kind": kind.name(), "op": "mask", "preset": preset.to_string(), "input": v, "output": masked}),
            );
            let p = tk.pseudonymize(kind, v, ctx.as_bytes()).unwrap();
            cases.push(json!({"kind": kind.name(), "op": "pseudonymize", "context": ctx, "input": v, "output": p}));
            cases.push(
                json!({"kind": kind.name(), "op": "normalize", "input": v, "output": tk.normalize(kind, v).unwrap()}),
            );
            cases.push(json!({"kind": kind.name(), "op": "validate", "input": v, "valid": true}));
        }
        let invalid = INVALID.iter().find(|(k, _)| *k == kind).map(|(_, v)| v).unwrap();
        for v in invalid {
            let err = tk.validate(kind, v).expect_err(v);
            cases.push(
                json!({"kind": kind.name(), "op": "validate", "input": v, "valid": false, "error": err.to_string()}),
            );
        }
    }
    // Modes: cn_id keeping fields, cards keeping the last four.
    let modes = [
        (IdKeep { province: true, ..IdKeep::default() }, "province"),
        (IdKeep { region: true, ..IdKeep::default() }, "region"),
        (IdKeep { birth_year: true, gender: true, ..IdKeep::default() }, "birth_year,gender"),
    ];
    for (keep, name) in modes {
        let tk = Tokenizer::with_options(test_keyring(), Options { id_keep: keep, ..Options::default() }).unwrap();
        for v in values(Kind::CnId, &mut rng).iter().take(20) {
            let token = tk.tokenize(Kind::CnId, v, b"").unwrap();
            cases.push(
                json!({"kind": "cn_id", "op": "tokenize", "id_keep": name, "context": "", "input": v, "output": token}),
            );
        }
    }
    let tk = Tokenizer::with_options(test_keyring(), Options { card_keep_last4: true, ..Options::default() }).unwrap();
    let mut kept = 0;
    while kept < 20 {
        let v = gen::card(&mut rng);
        if let Ok(token) = tk.tokenize(Kind::BankCard, &v, b"") {
            cases.push(json!({"kind": "bank_card", "op": "tokenize", "card_keep_last4": true, "context": "", "input": v, "output": token}));
            kept += 1;
        }
    }
    write_or_compare("kinds.json", cases);
}

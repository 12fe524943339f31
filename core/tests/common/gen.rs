//! Random valid values of every kind, in varied written layouts (included with `mod gen;`).
#![allow(dead_code)]

use super::Rng;
use yinsi::gazetteer;

/// A generator of random valid values of one kind.
pub type Generator = fn(&mut Rng) -> String;

pub const MOBILE_PREFIXES: [u32; 40] = [
    130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 145, 147, 150, 151, 152, 153, 155, 156, 157, 158, 159, 166, 170,
    171, 173, 175, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 199,
];

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.below(10) as u8)).collect()
}

fn wide(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0xff10 + (c as u32 - '0' as u32)).unwrap(),
            'X' => 'Ｘ',
            c => c,
        })
        .collect()
}

pub fn mobile(rng: &mut Rng) -> String {
    let p = MOBILE_PREFIXES[rng.below(MOBILE_PREFIXES.len() as u64) as usize];
    let n = format!("{p}{}", digits(rng, 8));
    match rng.below(8) {
        0 => format!("{}-{}-{}", &n[..3], &n[3..7], &n[7..]),
        1 => format!("{} {} {}", &n[..3], &n[3..7], &n[7..]),
        2 => format!("+86 {} {} {}", &n[..3], &n[3..7], &n[7..]),
        3 => format!("0086{n}"),
        4 => format!("(+86){n}"),
        5 => wide(&n),
        _ => n,
    }
}

pub fn id_check(d17: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let s: u32 = d17.bytes().zip(W).map(|(b, w)| (b - b'0') as u32 * w).sum();
    b"10X98765432"[(s % 11) as usize] as char
}

fn date(rng: &mut Rng, from: i32, to: i32) -> (i32, u32, u32) {
    let y = from + rng.below((to - from + 1) as u64) as i32;
    let m = 1 + rng.below(12) as u32;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1];
    (y, m, 1 + rng.below(days) as u32)
}

pub fn region(rng: &mut Rng) -> u32 {
    if rng.below(10) == 0 {
        loop {
            let p = gazetteer::PROVINCE_PREFIXES[rng.below(35) as usize];
            let c = p * 10_000 + rng.below(10_000) as u32;
            if !gazetteer::contains(c) {
                return c;
            }
        }
    }
    let codes = gazetteer::codes();
    codes[rng.below(codes.len() as u64) as usize]
}

pub fn id(rng: &mut Rng) -> String {
    let r = region(rng);
    if rng.below(20) == 0 {
        let (y, m, d) = date(rng, 1900, 1999);
        return format!("{r:06}{:02}{m:02}{d:02}{}", y - 1900, digits(rng, 3));
    }
    let (y, m, d) = if rng.below(10) == 0 { date(rng, 2026, 2099) } else { date(rng, 1900, 2025) };
    let d17 = format!("{r:06}{y:04}{m:02}{d:02}{}", digits(rng, 3));
    let id = format!("{d17}{}", id_check(&d17));
    match rng.below(6) {
        0 => format!("{} {} {}", &id[..6], &id[6..14], &id[14..]),
        1 => format!("{}-{}-{}", &id[..6], &id[6..14], &id[14..]),
        2 => id.to_lowercase(),
        3 => wide(&id),
        _ => id,
    }
}

pub fn landline(rng: &mut Rng) -> String {
    let area = match rng.below(4) {
        0 => "010".to_string(),
        1 => format!("02{}", rng.below(10)),
        _ => format!("0{}{}", 3 + rng.below(7), digits(rng, 2)),
    };
    let len = if area.len() == 3 || rng.below(2) == 0 { 8 } else { 7 };
    let local = format!("{}{}", 2 + rng.below(7), digits(rng, len - 1));
    let ext = match rng.below(6) {
        0 => {
            let n = 1 + rng.below(6) as usize;
            format!("-{}", digits(rng, n))
        }
        1 => format!("转{}", digits(rng, 3)),
        _ => String::new(),
    };
    match rng.below(4) {
        0 => format!("({area}){local}{ext}"),
        1 => format!("{area} {local}{ext}"),
        _ => format!("{area}-{local}{ext}"),
    }
}

pub fn luhn_complete(payload: &str) -> String {
    let sum: u32 = payload
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let v = (b - b'0') as u32;
            if i % 2 == 0 {
                let x = v * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                v
            }
        })
        .sum();
    format!("{payload}{}", (10 - sum % 10) % 10)
}

pub fn card(rng: &mut Rng) -> String {
    let n = 16 + rng.below(4) as usize;
    let bin = if rng.below(4) == 0 { format!("4{}", digits(rng, 5)) } else { format!("62{}", digits(rng, 4)) };
    let c = luhn_complete(&format!("{bin}{}", digits(rng, n - 7)));
    if rng.below(3) == 0 {
        c.as_bytes().chunks(4).map(|g| std::str::from_utf8(g).unwrap()).collect::<Vec<_>>().join(" ")
    } else {
        c
    }
}

pub fn email(rng: &mut Rng) -> String {
    const DOMAINS: [&str; 5] = ["qq.com", "163.com", "example.com", "mail.example.cn", "sina.com.cn"];
    let alnum = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let len = if rng.below(10) == 0 { 1 + rng.below(3) as usize } else { 4 + rng.below(12) as usize };
    let mut local: String = (0..len).map(|_| alnum[rng.below(36) as usize] as char).collect();
    if len > 5 && rng.below(3) == 0 {
        local.insert(len / 2, ['.', '_', '-', '+'][rng.below(4) as usize]);
    }
    format!("{local}@{}", DOMAINS[rng.below(5) as usize])
}

pub const SURNAMES: [&str; 12] = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "欧阳", "司马", "诸葛", "上官"];
pub const GIVEN: [&str; 16] =
    ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"];

pub fn name(rng: &mut Rng) -> String {
    let mut s = SURNAMES[rng.below(12) as usize].to_string();
    for _ in 0..1 + rng.below(2) {
        s.push_str(GIVEN[rng.below(16) as usize]);
    }
    s
}

pub fn address(rng: &mut Rng) -> String {
    let codes = gazetteer::codes();
    let county = loop {
        let c = gazetteer::lookup(codes[rng.below(codes.len() as u64) as usize]).unwrap();
        if c.level == gazetteer::Level::County && !c.name.contains("辖") && c.name != "县" {
            break c;
        }
    };
    let city = if county.city == county.province { String::new() } else { county.city.to_string() };
    format!(
        "{}{city}{}{}路{}号{}栋{}室",
        county.province,
        county.name,
        ["文三", "解放", "人民", "中山", "建设"][rng.below(5) as usize],
        1 + rng.below(999),
        1 + rng.below(30),
        101 + rng.below(2000)
    )
}

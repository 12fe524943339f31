//! The `yinsi` binary end to end: streaming guarantees on generated inputs, keys, round trips.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_yinsi");

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn mobile(&mut self) -> String {
        format!("13{}{:08}", self.next() % 10, self.next() % 100_000_000)
    }
}

/// `13812345678` -> `138****5678`.
fn masked(m: &str) -> String {
    format!("{}****{}", &m[..3], &m[7..])
}

/// Starts the binary with `args`, stdin and stdout piped, without a key in the environment.
fn spawn(args: &[&str], stderr: Stdio) -> std::process::Child {
    Command::new(BIN)
        .args(args)
        .env_remove("YINSI_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap()
}

/// Runs the binary with `input` on stdin (written from a thread, so large inputs cannot deadlock).
fn run(args: &[&str], input: Vec<u8>) -> Output {
    let mut child = spawn(args, Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn ok(out: &Output) {
    assert!(out.status.success(), "status {:?}, stderr: {}", out.status, String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_50_mb_line_is_scrubbed_whole() {
    let mut rng = Rng(7);
    let (mut input, mut want) = (Vec::with_capacity(51 << 20), Vec::with_capacity(51 << 20));
    let mut count = 0;
    while input.len() < 50 << 20 {
        let m = rng.mobile();
        let filler = "x".repeat((rng.next() % 300) as usize);
        input.extend_from_slice(format!("{filler} 姓名：张三 tel {m} ").as_bytes());
        want.extend_from_slice(format!("{filler} 姓名：张* tel {} ", masked(&m)).as_bytes());
        count += 1;
    }
    input.push(b'\n');
    want.push(b'\n');
    let out = run(&["mask", "--summary"], input);
    ok(&out);
    assert_eq!(out.stdout.len(), want.len());
    assert!(out.stdout == want, "the 50 MB line differs from its expected scrub");
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("1 lines"), "{summary}");
    assert!(summary.contains(&format!("cn_mobile    {count:>8}")), "{summary}");
}

#[test]
fn random_bytes_pass_through_byte_for_byte() {
    let mut rng = Rng(42);
    let mut input = Vec::new();
    let mut want = Vec::new();
    for i in 0..2000 {
        // Random bytes, mostly invalid UTF-8, with a few newlines of their own.
        let n = (rng.next() % 4000) as usize;
        let noise: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        input.extend_from_slice(&noise);
        want.extend_from_slice(&noise);
        if i % 3 == 0 {
            let m = rng.mobile();
            input.extend_from_slice(format!(" {m} ").as_bytes());
            want.extend_from_slice(format!(" {} ", masked(&m)).as_bytes());
        }
    }
    // Guard: the noise itself must hold no value the scanner would report.
    let scan = run(&["scan", "--format", "jsonl"], input.clone());
    ok(&scan);
    let findings = String::from_utf8(scan.stdout).unwrap();
    assert_eq!(findings.lines().count(), (0..2000).filter(|i| i % 3 == 0).count());
    let out = run(&["mask"], input.clone());
    ok(&out);
    assert!(out.stdout == want, "random bytes were not passed through unchanged");
    let lines_in = input.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), lines_in);
}

#[test]
fn a_million_lines_in_order() {
    let mut rng = Rng(3);
    let mut input = String::with_capacity(40 << 20);
    let mut mobiles = Vec::with_capacity(1_000_000);
    for i in 0..1_000_000 {
        let m = rng.mobile();
        match i % 4 {
            0 => input.push_str(&format!("{i} phone={m}\n")),
            1 => input.push_str(&format!("{{\"seq\":{i},\"phone\":\"{m}\"}}\n")),
            2 => input.push_str(&format!("{i}\n")),
            _ => input.push('\n'),
        }
        mobiles.push(m);
    }
    let out = run(&["mask"], input.into_bytes());
    ok(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines.len(), 1_000_001, "one output line per input line");
    assert_eq!(lines[1_000_000], "");
    for (i, line) in lines[..1_000_000].iter().enumerate() {
        let m = masked(&mobiles[i]);
        let want = match i % 4 {
            0 => format!("{i} phone={m}"),
            1 => format!("{{\"seq\":{i},\"phone\":\"{m}\"}}"),
            2 => format!("{i}"),
            _ => String::new(),
        };
        assert_eq!(*line, want, "line {}", i + 1);
    }
}

#[test]
fn closed_stdout_ends_quietly_with_status_0() {
    let mut child = Command::new(BIN)
        .arg("mask")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = b"phone 13812345678 and some more text to fill the pipe quickly\n".repeat(1000);
        for _ in 0..2000 {
            if stdin.write_all(&line).is_err() {
                break;
            }
        }
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"phone 138****5678"));
    drop(stdout); // like `| head -c 100`
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert!(status.success(), "status {status:?}");
    assert_eq!(err, "", "a closed stdout is not an error worth a message");
}

/// A live pipe (`tail -f app.log | yinsi …`): with stdin kept open, each write's output lines
/// (`want`, the `"confidence"` field left out) come out before the next write.
fn live(args: &[&str], steps: &[(&str, &[&str])]) {
    let mut child = spawn(args, Stdio::null());
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut r = std::io::BufReader::new(stdout);
        loop {
            let mut line = String::new();
            if std::io::BufRead::read_line(&mut r, &mut line).unwrap_or(0) == 0 || tx.send(line).is_err() {
                return;
            }
        }
    });
    for (input, want) in steps {
        stdin.write_all(input.as_bytes()).unwrap();
        for w in *want {
            let Ok(got) = rx.recv_timeout(std::time::Duration::from_secs(30)) else {
                child.kill().unwrap();
                panic!("{args:?}: no output after {input:?} while stdin stays open");
            };
            let got = match got.split_once(",\"confidence\"") {
                Some((head, _)) => format!("{head}}}\n"),
                None => got,
            };
            assert_eq!(got, format!("{w}\n"), "{args:?}");
        }
    }
    drop(stdin);
    assert!(child.wait().unwrap().success(), "{args:?}");
    reader.join().unwrap();
    assert_eq!(rx.try_iter().collect::<Vec<_>>(), Vec::<String>::new(), "{args:?}: output after the input ended");
}

#[test]
fn a_live_pipe_gets_each_line_out_before_the_next_comes() {
    live(&["mask"], &[("a 13812345678\n", &["a 138****5678"]), ("b 13912345678\n", &["b 139****5678"])]);
    live(
        &["scan", "--format", "jsonl"],
        &[
            ("电话 13812345678\n", &[r#"{"line":1,"start":7,"end":18,"kind":"cn_mobile"}"#]),
            ("no value\n邮箱 a.b@qq.com\n", &[r#"{"line":3,"start":7,"end":17,"kind":"email"}"#]),
        ],
    );
}

/// `live` for one value per line: five input lines written one at a time, then two in one
/// write, then one split over two writes (the first half gives no output), and `want` the output
/// lines.
fn live_values(args: &[&str], lines: &[&str], want: &[String]) {
    assert_eq!((lines.len(), want.len()), (5, 5));
    let w: Vec<&str> = want.iter().map(String::as_str).collect();
    let (head, tail) = lines[4].split_at(5);
    let writes = [format!("{}\n", lines[0]), format!("{}\n", lines[1]), format!("{}\n{}\n", lines[2], lines[3])];
    let tail = format!("{tail}\n");
    let steps: [(&str, &[&str]); 5] =
        [(&writes[0], &w[0..1]), (&writes[1], &w[1..2]), (&writes[2], &w[2..4]), (head, &[]), (&tail, &w[4..5])];
    live(args, &steps);
}

#[test]
fn a_live_pipe_gets_each_token_out_before_the_next_value_comes() {
    let dir = tempdir();
    let key = format!("{dir}/yinsi.key");
    ok(&run(&["keygen", "--out", &key], Vec::new()));
    let tokenize = ["tokenize", "--kind", "cn_mobile", "--key-file", &key];
    let detokenize = ["detokenize", "--kind", "cn_mobile", "--key-file", &key];
    // The expected lines: the same command on the whole input at once.
    let whole = |args: &[&str], lines: &[&str]| {
        let out = run(args, lines.iter().map(|l| format!("{l}\n")).collect::<String>().into_bytes());
        ok(&out);
        String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect::<Vec<_>>()
    };
    let values = ["13812345678", "13912345678", "13700001111", "15012345678", "18688889999"];
    let tokens = whole(&tokenize, &values);
    assert_eq!(tokens.len(), values.len());
    for (t, v) in tokens.iter().zip(values) {
        assert!(
            t.len() == 11 && t.bytes().all(|b| b.is_ascii_digit()) && t != v,
            "a token is 11 digits, not its value"
        );
    }
    let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
    assert_eq!(whole(&detokenize, &t), values);
    live_values(&tokenize, &values, &tokens);
    live_values(&detokenize, &t, &values.map(str::to_string));
}

#[test]
fn last_line_without_newline_and_crlf_are_kept() {
    let out = run(&["mask"], b"a 13812345678\r\nb\r\n\nlast 13912345678".to_vec());
    ok(&out);
    assert_eq!(out.stdout, b"a 138****5678\r\nb\r\n\nlast 139****5678");
    let out = run(&["mask"], Vec::new());
    ok(&out);
    assert!(out.stdout.is_empty());
}

#[test]
fn demo_scrubs_the_sample_and_unmask_restores_it() {
    let sample = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/sample.log")).unwrap();
    let out = run(&["mask", "--demo"], sample.clone());
    ok(&out);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("120 lines") && summary.contains("DEMO KEY"), "{summary}");
    assert!(summary.contains("cn_mobile") && summary.contains("tokenize"), "{summary}");
    let scrubbed = out.stdout;
    assert_eq!(scrubbed.iter().filter(|&&b| b == b'\n').count(), sample.iter().filter(|&&b| b == b'\n').count());
    // No labelled value of the sample survives: every ID, phone, card and e-mail is inside a marker.
    let text = String::from_utf8(scrubbed.clone()).unwrap();
    assert!(text.matches("⟦yt:").count() > 300, "{}", text.matches("⟦yt:").count());
    for (i, line) in String::from_utf8(sample.clone()).unwrap().lines().enumerate().take(5) {
        assert_ne!(text.lines().nth(i).unwrap(), line);
    }
    let back = run(&["unmask", "--demo"], scrubbed.clone());
    ok(&back);
    // Byte for byte, but e-mail addresses come back in lower case (the email kind's normal form).
    assert_eq!(back.stdout.len(), sample.len());
    assert!(back.stdout.eq_ignore_ascii_case(&sample), "unmask did not restore the sample");
    let differ: Vec<_> =
        sample.split(|&b| b == b'\n').zip(back.stdout.split(|&b| b == b'\n')).filter(|(a, b)| a != b).collect();
    assert!(differ.iter().all(|(a, _)| String::from_utf8_lossy(a).contains('@')));
    // Another key restores nothing and says so.
    let dir = tempdir();
    let key = format!("{dir}/k");
    ok(&run(&["keygen", "-o", &key], Vec::new()));
    let other = run(&["unmask", "--key-file", &key], scrubbed.clone());
    ok(&other);
    assert!(other.stdout == scrubbed);
    assert!(String::from_utf8_lossy(&other.stderr).contains("did not verify"));
}

/// A fresh directory for one test, removed with what it holds (key files) when the test ends,
/// also when it fails. Tests run in parallel threads of one process, so the name takes a
/// per-process counter as well as the process id.
fn tempdir() -> TempDir {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("yinsi-cli-test-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

/// See [`tempdir`]; shown as its path.
struct TempDir(std::path::PathBuf);

impl std::fmt::Display for TempDir {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.display())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn keygen_tokenize_detokenize() {
    let dir = tempdir();
    let key = format!("{dir}/yinsi.key");
    let out = run(&["keygen", "--out", &key], Vec::new());
    ok(&out);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains(text.lines().last().unwrap()));
    // No overwrite without --force.
    assert!(!run(&["keygen", "--out", &key], Vec::new()).status.success());
    ok(&run(&["keygen", "--out", &key, "--force"], Vec::new()));
    assert_ne!(std::fs::read_to_string(&key).unwrap(), text, "--force writes a new key");
    let text = std::fs::read_to_string(&key).unwrap();

    let values = "13812345678\n138-1234-5678\nnot a phone\n+86 139 1234 5678\n";
    let tok = run(&["tokenize", "--kind", "cn_mobile", "--key-file", &key], values.as_bytes().to_vec());
    assert_eq!(tok.status.code(), Some(1), "an invalid line fails the run");
    let err = String::from_utf8_lossy(&tok.stderr);
    assert!(err.contains("line 3") && !err.contains("not a phone"), "{err}");
    let tokens = String::from_utf8(tok.stdout).unwrap();
    let t: Vec<&str> = tokens.lines().collect();
    assert_eq!(t.len(), 4);
    assert!(t[0].starts_with("138") && t[0].len() == 11 && t[0] != "13812345678");
    assert_eq!(&t[1][..4], "138-");
    assert_eq!(t[2], "");
    let back = run(
        &["detokenize", "--kind", "cn_mobile", "--key-file", &key],
        format!("{}\n{}\n{}\n", t[0], t[1], t[3]).into_bytes(),
    );
    ok(&back);
    assert_eq!(String::from_utf8(back.stdout).unwrap(), "13812345678\n138-1234-5678\n+86 139 1234 5678\n");
    // The key can come from YINSI_KEY as well.
    let out = Command::new(BIN)
        .args(["detokenize", "--kind", "cn_mobile"])
        .env("YINSI_KEY", &text)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(format!("{}\n", t[0]).as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "13812345678\n");
    // No key at all: a clear error, status 1.
    let none = run(&["tokenize", "--kind", "cn_mobile"], b"13812345678\n".to_vec());
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("needs a key"));
}

#[test]
fn scan_reports_offsets_never_values() {
    let input = "姓名：张三 电话 13812345678\n{\"email\":\"a.b@qq.com\",\"msg\":\"x\"}\nnothing here 20261129102133\n";
    let out = run(&["scan", "--format", "jsonl"], input.as_bytes().to_vec());
    ok(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().map(|l| l.split(",\"confidence\"").next().unwrap().to_string() + "}").collect::<Vec<_>>(),
        [
            r#"{"line":1,"start":9,"end":15,"kind":"cn_name"}"#,
            r#"{"line":1,"start":23,"end":34,"kind":"cn_mobile"}"#,
            r#"{"line":2,"start":10,"end":20,"kind":"email"}"#,
        ]
    );
    for secret in ["张三", "13812345678", "a.b@qq.com"] {
        assert!(!text.contains(secret));
    }
    let counts = run(&["scan", "--kinds", "cn_mobile,email"], input.as_bytes().to_vec());
    ok(&counts);
    let c = String::from_utf8(counts.stdout).unwrap();
    assert!(
        c.contains("cn_mobile") && !c.contains("cn_name") && c.lines().any(|l| l.split_whitespace().eq(["lines", "3"])),
        "{c}"
    );
}

#[test]
fn actions_and_help() {
    let line = b"name=\xe5\xbc\xa0\xe4\xb8\x89 phone 13812345678\n".to_vec();
    let out = run(&["mask", "--action", "redact"], line.clone());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "name=[CN_NAME] phone [CN_MOBILE]\n");
    let out = run(&["mask", "--action", "redact", "--kinds", "cn_mobile"], line.clone());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "name=张三 phone [CN_MOBILE]\n");
    let out = run(&["mask", "--action", "redact", "--kind-action", "cn_name=mask"], line.clone());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "name=张* phone [CN_MOBILE]\n");
    let out = run(&["mask", "--action", "pseudonymize", "--demo"], line.clone());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("name=[CN_NAME:") && text.contains(" phone [CN_MOBILE:"), "{text}");
    let bad = run(&["mask", "--action", "shred"], line);
    assert_eq!(bad.status.code(), Some(1));
    let help = run(&["--help"], Vec::new());
    let h = String::from_utf8(help.stdout).unwrap();
    assert!(h.contains("Examples:") && h.contains("yinsi mask --demo examples/sample.log"), "{h}");
}

//! `yinsi`: find and scrub personal data in log streams, tokenize and detokenize values.
//!
//! The command converts its arguments and calls the `yinsi` library; it holds no detection or
//! cryptographic logic of its own. It never prints a personal value or a key in a message.

mod io;
mod keys;

use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};
use yinsi::{Action, Kind, Policy, Redactor, Scanner, Stats, StreamEvent, Tokenizer};

use crate::io::{open_inputs, stdout_writer, Failure, Input};

const EXAMPLES: &str = "\
Examples:
  yinsi mask --demo examples/sample.log          scrub the sample with the public DEMO key
  yinsi keygen -o yinsi.key                      make a keyring file (mode 0600)
  tail -f app.log | yinsi mask > app.masked.log  mask every value (no key needed)
  yinsi mask --action tokenize --marker --key-file yinsi.key app.log > t.log
  yinsi unmask --key-file yinsi.key t.log        restore the marked tokens
  yinsi mask --kinds cn_mobile,cn_id --action redact app.log
  yinsi scan app.log                             counts per kind
  yinsi scan --format jsonl app.log              one JSON object per finding, never the value
  echo 13812345678 | YINSI_KEY=$(cat yinsi.key) yinsi tokenize --kind cn_mobile

Kinds: cn_id cn_mobile cn_landline bank_card email cn_name cn_address.
Keys: --key-file FILE, else the environment variable YINSI_KEY (key text), else --demo.
Exit status: 0 success (also when stdout is closed early, as by `| head`), 1 error, 2 usage.";

#[derive(Parser)]
#[command(name = "yinsi", version, about = "Find and scrub Chinese personal data in log streams", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a new keyring file (mode 0600).
    #[command(after_help = "Example:\n  yinsi keygen -o yinsi.key\n  export YINSI_KEY=\"$(cat yinsi.key)\"")]
    Keygen {
        /// Where to write the keyring.
        #[arg(short, long, default_value = "yinsi.key")]
        out: std::path::PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Scrub personal data from lines of text or JSON (stdin or FILES to stdout).
    #[command(
        after_help = "Examples:\n  yinsi mask --demo examples/sample.log\n  yinsi mask app.log > app.masked.log\n  \
        yinsi mask --action tokenize --marker --key-file yinsi.key < app.log\n  \
        yinsi mask --action redact --kind-action cn_name=mask app.log"
    )]
    Mask(MaskArgs),
    /// Restore the values behind marked tokens (`yinsi mask --action tokenize --marker`).
    #[command(after_help = "Example:\n  yinsi unmask --key-file yinsi.key t.log")]
    Unmask {
        #[command(flatten)]
        key: KeyArgs,
        /// Files to read (default or `-`: stdin).
        files: Vec<String>,
    },
    /// Tokenize one value per line.
    #[command(
        after_help = "Example:\n  printf '13812345678\\n' | yinsi tokenize --kind cn_mobile --key-file yinsi.key"
    )]
    Tokenize(ValueArgs),
    /// Detokenize one token per line.
    #[command(after_help = "Example:\n  yinsi detokenize --kind cn_mobile --key-file yinsi.key < tokens.txt")]
    Detokenize(ValueArgs),
    /// Count personal data per kind, or list findings as JSON lines (never the values).
    #[command(after_help = "Examples:\n  yinsi scan app.log\n  yinsi scan --format jsonl < tests/corpus/texts.txt")]
    Scan {
        #[command(flatten)]
        scan: ScanArgs,
        /// `counts`: a table per kind; `jsonl`: {\"line\": N, \"start\": B, \"end\": B, \"kind\": K} per finding.
        #[arg(long, value_enum, default_value_t = Format::Counts)]
        format: Format,
        /// Files to read (default or `-`: stdin).
        files: Vec<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Counts,
    Jsonl,
}

#[derive(Args)]
struct KeyArgs {
    /// Keyring file (from `yinsi keygen`); default: the environment variable YINSI_KEY.
    #[arg(long, value_name = "FILE")]
    key_file: Option<std::path::PathBuf>,
    /// Use the embedded, public DEMO key (for trying yinsi; it protects nothing).
    #[arg(long)]
    demo: bool,
    /// Tokenization context (tweak), e.g. `tenant-a/app-logs`; unmask needs the same one.
    #[arg(long, default_value = "")]
    context: String,
}

#[derive(Args)]
struct ScanArgs {
    /// Kinds to find: a comma-separated list of names, or `all`.
    #[arg(long, default_value = "all")]
    kinds: String,
    /// Read JSON lines as free text (no key rules).
    #[arg(long)]
    no_json: bool,
    /// An extra JSON key and the kind of its values, e.g. `guest=cn_name` (repeatable).
    #[arg(long, value_name = "KEY=KIND")]
    json_key: Vec<String>,
}

#[derive(Args)]
struct MaskArgs {
    /// What to do with each value: mask, mask:<preset>, tokenize, pseudonymize, redact, keep
    /// [default: mask; with --demo: tokenize with --marker].
    #[arg(long)]
    action: Option<String>,
    /// A different action for one kind, e.g. `cn_name=redact` (repeatable).
    #[arg(long, value_name = "KIND=ACTION")]
    kind_action: Vec<String>,
    /// Wrap tokens in the ⟦yt:…⟧ marker so that `yinsi unmask` can restore them.
    #[arg(long)]
    marker: bool,
    /// Print what was done to stderr (always on with --demo).
    #[arg(long)]
    summary: bool,
    #[command(flatten)]
    scan: ScanArgs,
    #[command(flatten)]
    key: KeyArgs,
    /// Files to read (default or `-`: stdin).
    files: Vec<String>,
}

#[derive(Args)]
struct ValueArgs {
    /// The kind of every value.
    #[arg(long)]
    kind: String,
    /// Key version for format-preserving tokens (default: the active one).
    #[arg(long)]
    key_version: Option<u32>,
    #[command(flatten)]
    key: KeyArgs,
    /// Files to read (default or `-`: stdin).
    files: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(Failure::Quiet) => ExitCode::SUCCESS,
        Err(Failure::Message(m)) => {
            eprintln!("yinsi: {m}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Keygen { out, force } => keys::keygen(&out, force).map(|()| ExitCode::SUCCESS),
        Command::Mask(args) => mask(args),
        Command::Unmask { key, files } => unmask(key, files),
        Command::Tokenize(args) => values(args, true),
        Command::Detokenize(args) => values(args, false),
        Command::Scan { scan, format, files } => scan_cmd(scan, format, files),
    }
}

fn scanner(args: &ScanArgs) -> Result<Scanner, Failure> {
    let kinds = parse_kinds(&args.kinds)?;
    let mut sc = Scanner::with_kinds(&kinds);
    sc.set_json(!args.no_json);
    for pair in &args.json_key {
        let (key, kind) = pair.split_once('=').ok_or_else(|| Failure::msg("--json-key expects KEY=KIND"))?;
        let kind: Kind = kind.parse().map_err(Failure::core)?;
        sc.json_keys_mut().try_insert(key, kind).map_err(Failure::core)?;
    }
    Ok(sc)
}

fn parse_kinds(list: &str) -> Result<Vec<Kind>, Failure> {
    if list.trim() == "all" {
        return Ok(Kind::ALL.to_vec());
    }
    list.split(',').filter(|s| !s.trim().is_empty()).map(|s| s.parse().map_err(Failure::core)).collect()
}

fn mask(args: MaskArgs) -> Result<ExitCode, Failure> {
    let sc = scanner(&args.scan)?;
    let demo_default = args.key.demo && args.action.is_none();
    let action: Action = args
        .action
        .as_deref()
        .unwrap_or(if demo_default { "tokenize" } else { "mask" })
        .parse()
        .map_err(Failure::core)?;
    let mut policy = Policy::new(action);
    for pair in &args.kind_action {
        let (kind, action) = pair.split_once('=').ok_or_else(|| Failure::msg("--kind-action expects KIND=ACTION"))?;
        policy.set(kind.parse().map_err(Failure::core)?, action.parse().map_err(Failure::core)?);
    }
    policy.set_marker(args.marker || demo_default).set_context(args.key.context.as_bytes());
    let tokenizer = keys::tokenizer(&args.key, policy.needs_key())?;
    let demo = keys::is_demo(&args.key, tokenizer.is_some());
    let redactor = Redactor::new(sc, policy, tokenizer).map_err(Failure::core)?;
    let started = Instant::now();
    let mut total = Stats::default();
    let mut out = stdout_writer();
    for input in open_inputs(&args.files)? {
        let Input { name, reader } = input;
        let stats = redactor.redact_stream(reader, &mut out).map_err(|e| Failure::io(&name, e))?;
        add(&mut total, &stats);
    }
    if args.summary || args.key.demo {
        summary(&redactor, &total, started, demo);
    }
    Ok(ExitCode::SUCCESS)
}

fn add(total: &mut Stats, s: &Stats) {
    total.lines += s.lines;
    total.bytes += s.bytes;
    for (t, v) in total.by_kind.iter_mut().zip(s.by_kind) {
        *t += v;
    }
    total.fallbacks += s.fallbacks;
    total.restored += s.restored;
    total.unrestored += s.unrestored;
}

fn summary(r: &Redactor, s: &Stats, started: Instant, demo: bool) {
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "yinsi mask: {} lines, {:.1} MB in {:.2} s ({:.0} MB/s); {} values replaced",
        s.lines,
        s.bytes as f64 / 1e6,
        secs,
        s.bytes as f64 / 1e6 / secs.max(1e-9),
        s.total()
    );
    for kind in Kind::ALL {
        if r.scanner().finds(kind) {
            eprintln!("  {:<12} {:>8}  {}", kind.name(), s.found(kind), r.policy().action(kind));
        }
    }
    if r.policy().marker() {
        eprintln!("  tokens are wrapped in ⟦yt:kind:version:tag:token⟧ markers; `yinsi unmask` restores them");
    }
    if s.fallbacks > 0 {
        eprintln!(
            "  {} values had no mask or token (invalid for their kind) and were replaced by their label",
            s.fallbacks
        );
    }
    if demo {
        eprintln!("  DEMO KEY: made with the public demo key, these tokens protect nothing.");
        eprintln!("  Restore with: yinsi unmask --demo   Real data: yinsi keygen, then --key-file or YINSI_KEY.");
    }
}

fn unmask(key: KeyArgs, files: Vec<String>) -> Result<ExitCode, Failure> {
    let tokenizer = keys::tokenizer(&key, true)?;
    let mut policy = Policy::new(Action::Tokenize);
    policy.set_marker(true).set_context(key.context.as_bytes());
    let redactor = Redactor::new(Scanner::new(), policy, tokenizer).map_err(Failure::core)?;
    let mut out = stdout_writer();
    let mut unrestored = 0;
    for Input { name, reader } in open_inputs(&files)? {
        let stats = redactor.unmask_stream(reader, &mut out).map_err(|e| Failure::io(&name, e))?;
        unrestored += stats.unrestored;
    }
    if unrestored > 0 {
        eprintln!(
            "yinsi unmask: {unrestored} markers did not verify under this key and context and were left as they are"
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn values(args: ValueArgs, tokenize: bool) -> Result<ExitCode, Failure> {
    let kind: Kind = args.kind.parse().map_err(Failure::core)?;
    let tk: Tokenizer = keys::tokenizer(&args.key, true)?.ok_or_else(|| Failure::msg("a key is needed"))?;
    let ctx = args.key.context.as_bytes();
    let mut out = stdout_writer();
    let mut failed = 0u64;
    for Input { name, reader } in open_inputs(&args.files)? {
        // One core call per batch of up to 4096 lines; when no more input is ready (a live
        // stream), the lines read so far go out at once.
        io::for_each_batch(reader, 4096, |first_line, batch, idle| {
            let results = if tokenize {
                tk.tokenize_batch_with_version(kind, batch, ctx, args.key_version)
            } else {
                tk.detokenize_batch(kind, batch, ctx, args.key_version)
            };
            let mut text = String::new();
            for (i, r) in results.into_iter().enumerate() {
                match r {
                    Ok(v) => text.push_str(&v),
                    Err(e) => {
                        failed += 1;
                        eprintln!("yinsi: {name}: line {}: {e}", first_line + i as u64);
                    }
                }
                text.push('\n');
            }
            out.write_all(text.as_bytes())?;
            if idle {
                out.flush()?;
            }
            Ok(())
        })
        .map_err(|e| Failure::io(&name, e))?;
    }
    std::io::Write::flush(&mut out).map_err(|e| Failure::io("stdout", e))?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn scan_cmd(args: ScanArgs, format: Format, files: Vec<String>) -> Result<ExitCode, Failure> {
    let sc = scanner(&args)?;
    let inputs = open_inputs(&files)?;
    let many = inputs.len() > 1;
    let mut out = stdout_writer();
    let mut counts = [0u64; Kind::ALL.len()];
    let mut lines = 0;
    for Input { name, reader } in inputs {
        let file = if many { format!(",\"file\":{}", io::json_string(&name)) } else { String::new() };
        lines += sc
            .scan_stream_events(reader, |event| match (event, format) {
                (StreamEvent::Value { line, span }, format) => {
                    counts[span.kind.code() as usize - 1] += 1;
                    match format {
                        Format::Jsonl => writeln!(
                            out,
                            "{{\"line\":{line},\"start\":{},\"end\":{},\"kind\":\"{}\",\"confidence\":{:.2}{file}}}",
                            span.start, span.end, span.kind, span.confidence
                        ),
                        Format::Counts => Ok(()),
                    }
                }
                // No more input is ready (a live stream): show what was found so far.
                (StreamEvent::Idle { .. }, Format::Jsonl) => out.flush(),
                _ => Ok(()),
            })
            .map_err(|e| Failure::io(&name, e))?;
    }
    if let Format::Counts = format {
        let w = &mut out;
        let mut table = format!("{:<12} {:>10}\n", "kind", "found");
        for kind in Kind::ALL {
            if sc.finds(kind) {
                table.push_str(&format!("{:<12} {:>10}\n", kind.name(), counts[kind.code() as usize - 1]));
            }
        }
        table.push_str(&format!("{:<12} {:>10}\n{:<12} {:>10}\n", "total", counts.iter().sum::<u64>(), "lines", lines));
        std::io::Write::write_all(w, table.as_bytes()).map_err(|e| Failure::io("stdout", e))?;
    }
    std::io::Write::flush(&mut out).map_err(|e| Failure::io("stdout", e))?;
    Ok(ExitCode::SUCCESS)
}

use std::io::Write as _;

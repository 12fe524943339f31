//! The redactor: one action per kind, applied to what the scanner finds.

use std::fmt;
use std::io::{Read, Write};
use std::str::FromStr;

use super::bytes::json_plain_end;
use super::json::KeyMemo;
use super::{marker, stream, Hit, JsonPlace, Parsed, Scanner};
use crate::kinds::rules;
use crate::{Error, Kind, Mask, Options, Result, Tokenizer};

/// What the redactor does with a value of one kind.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Leave the value as it is (the kind is still counted).
    Keep,
    /// A display mask ([`Mask::Default`] is the kind's usual form: `138****5678`, `张*`). No key.
    Mask(Mask),
    /// A token ([`Tokenizer::tokenize`]), wrapped in the surrogate marker if the policy says so.
    Tokenize,
    /// A keyed one-way pseudonym in a label: `[CN_MOBILE:q3xk…]` (20 base32 characters by default).
    Pseudonymize,
    /// The kind's label, e.g. `[CN_MOBILE]`.
    Redact,
}

impl Action {
    fn needs_key(self) -> bool {
        matches!(self, Action::Tokenize | Action::Pseudonymize)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Keep => f.write_str("keep"),
            Action::Mask(Mask::Default) => f.write_str("mask"),
            Action::Mask(m) => write!(f, "mask:{m}"),
            Action::Tokenize => f.write_str("tokenize"),
            Action::Pseudonymize => f.write_str("pseudonymize"),
            Action::Redact => f.write_str("redact"),
        }
    }
}

impl FromStr for Action {
    type Err = Error;

    /// `keep`, `mask`, `mask:<preset>` (see [`Mask`]), `tokenize`, `pseudonymize` or `redact`.
    fn from_str(s: &str) -> Result<Action> {
        let s = s.trim();
        Ok(match s {
            "keep" => Action::Keep,
            "mask" => Action::Mask(Mask::Default),
            "tokenize" => Action::Tokenize,
            "pseudonymize" => Action::Pseudonymize,
            "redact" => Action::Redact,
            _ => match s.strip_prefix("mask:") {
                Some(preset) => Action::Mask(preset.parse()?),
                None => {
                    return Err(Error::InvalidOption {
                        option: "action",
                        reason: "expected keep, mask, mask:<preset>, tokenize, pseudonymize or redact",
                    })
                }
            },
        })
    }
}

/// What the redactor does: an [`Action`] per kind, the marker switch and the token context.
///
/// When an action cannot be applied to a value (a value found by its JSON key alone that is not
/// valid for its kind, so it has no mask or token), the value is replaced by the kind's label
/// (`[CN_MOBILE]`) and counted in [`Stats::fallbacks`]: a value is never left in clear because
/// an action failed.
#[derive(Clone, Debug)]
pub struct Policy {
    actions: [Action; Kind::ALL.len()],
    marker: bool,
    context: Vec<u8>,
}

fn index(kind: Kind) -> usize {
    kind.code() as usize - 1
}

impl Policy {
    /// The same action for every kind; no marker; the empty context.
    pub fn new(action: Action) -> Policy {
        Policy { actions: [action; Kind::ALL.len()], marker: false, context: Vec::new() }
    }

    /// Sets the action for one kind.
    pub fn set(&mut self, kind: Kind, action: Action) -> &mut Policy {
        self.actions[index(kind)] = action;
        self
    }

    /// The action for `kind`.
    pub fn action(&self, kind: Kind) -> Action {
        self.actions[index(kind)]
    }

    /// Wraps tokens in the surrogate marker (see the [module docs](super)) so that
    /// [`Redactor::unmask_line`] can restore them.
    pub fn set_marker(&mut self, on: bool) -> &mut Policy {
        self.marker = on;
        self
    }

    /// Whether tokens are wrapped in the marker.
    pub fn marker(&self) -> bool {
        self.marker
    }

    /// The tokenization context (tweak) for every value; unmask needs the same one.
    pub fn set_context(&mut self, context: &[u8]) -> &mut Policy {
        self.context = context.to_vec();
        self
    }

    /// The tokenization context.
    pub fn context(&self) -> &[u8] {
        &self.context
    }

    /// Whether some action needs a key.
    pub fn needs_key(&self) -> bool {
        self.actions.iter().any(|a| a.needs_key())
    }
}

/// What a redactor did. Counts only, never values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Lines read (a last line without a newline counts).
    pub lines: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Values found, by [`Kind::code`] − 1 (use [`Stats::found`]).
    pub by_kind: [u64; Kind::ALL.len()],
    /// Values replaced by their label because their action could not be applied.
    pub fallbacks: u64,
    /// Markers restored by unmask.
    pub restored: u64,
    /// Markers left as they were by unmask (tag or token did not verify under this key/context).
    pub unrestored: u64,
}

impl Stats {
    /// Values of `kind` found.
    pub fn found(&self, kind: Kind) -> u64 {
        self.by_kind[index(kind)]
    }

    /// Values found, all kinds.
    pub fn total(&self) -> u64 {
        self.by_kind.iter().sum()
    }
}

/// Applies a [`Policy`] to what a [`Scanner`] finds. `Send + Sync`; share one.
///
/// ```
/// use yinsi::{Action, Keyring, Policy, Redactor, Scanner, Tokenizer};
///
/// let masker = Redactor::new(Scanner::new(), Policy::new(Action::Mask(Default::default())), None).unwrap();
/// assert_eq!(masker.redact("电话 13812345678，姓名：张三丰。"), "电话 138****5678，姓名：张**。");
///
/// let tk = Tokenizer::new(Keyring::from_hex(&"11".repeat(32)).unwrap());
/// let mut policy = Policy::new(Action::Tokenize);
/// policy.set_marker(true);
/// let r = Redactor::new(Scanner::new(), policy, Some(tk)).unwrap();
/// let line = r#"{"phone":"13812345678","msg":"ok"}"#;
/// let scrubbed = r.redact(line);
/// assert!(scrubbed.starts_with(r#"{"phone":"⟦yt:cn_mobile:1:"#));
/// assert_eq!(r.unmask(&scrubbed), line);
/// ```
pub struct Redactor {
    scanner: Scanner,
    policy: Policy,
    tokenizer: Option<Tokenizer>,
    default_options: Options,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("scanner", &self.scanner)
            .field("policy", &self.policy)
            .field("keyed", &self.tokenizer.is_some())
            .finish()
    }
}

impl Redactor {
    /// A redactor. `tokenizer` holds the key; it may be `None` when no action needs one (masks
    /// and labels need none), otherwise [`Error::KeyUnavailable`].
    pub fn new(scanner: Scanner, policy: Policy, tokenizer: Option<Tokenizer>) -> Result<Redactor> {
        if tokenizer.is_none() && policy.needs_key() {
            return Err(Error::KeyUnavailable { reason: "the tokenize and pseudonymize actions need a key".into() });
        }
        Ok(Redactor { scanner, policy, tokenizer, default_options: Options::default() })
    }

    /// The scanner.
    pub fn scanner(&self) -> &Scanner {
        &self.scanner
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// `text` with every value found replaced (JSON-aware when `text` is one JSON object).
    pub fn redact(&self, text: &str) -> String {
        let mut out = Vec::with_capacity(text.len() + 16);
        self.redact_line(text.as_bytes(), &mut out, &mut Stats::default());
        String::from_utf8(out).unwrap_or_default()
    }

    /// Appends one scrubbed line (without its newline) to `out` and counts it in `stats`.
    /// Invalid UTF-8 is copied through unchanged.
    pub fn redact_line(&self, line: &[u8], out: &mut Vec<u8>, stats: &mut Stats) {
        let mut hits = Vec::new();
        let text = self.scanner.line_hits(line, &mut hits);
        self.apply(line, text, &hits, out, stats, &mut String::new());
        stats.lines += 1;
        stats.bytes += line.len() as u64;
    }

    /// Scrubs a stream line by line into `writer` in bounded memory (see the module docs) and
    /// flushes it. Stops at the first read or write error (a closed pipe is
    /// [`std::io::ErrorKind::BrokenPipe`]); the lines scrubbed before a read error are written.
    ///
    /// Scrubbed lines are gathered and handed to `writer` 256 KiB or more at a time, and whenever
    /// the writer is flushed: a write per line cost more than the line's copy, and a
    /// `BufWriter` of up to that capacity (the CLI's) passes such a batch on without copying it.
    pub fn redact_stream<R: Read, W: Write>(&self, reader: R, mut writer: W) -> std::io::Result<Stats> {
        let mut stats = Stats::default();
        let mut out = Vec::with_capacity(2 * OUT_BATCH);
        let mut repl = String::new();
        let mut write_failed = false;
        let sc = &self.scanner;
        let mut memo = KeyMemo::new();
        let read = stream::drive(
            reader,
            |line, known, hits| sc.checked_line_hits(line, known, Some(&mut memo), hits),
            |text, hits| {
                sc.text_hits(text, hits);
            },
            |piece| {
                self.apply(piece.text, piece.utf8, piece.hits, &mut out, &mut stats, &mut repl);
                count_piece(&mut stats, piece.text.len(), piece.newline, piece.last);
                if piece.newline {
                    out.push(b'\n');
                }
                if out.len() >= OUT_BATCH || piece.idle {
                    write_failed = true;
                    writer.write_all(&out)?;
                    out.clear();
                    if piece.idle {
                        writer.flush()?;
                    }
                    write_failed = false;
                }
                Ok(())
            },
        );
        // The lines scrubbed before a read error are written too; a failed write is not retried.
        let wrote = if write_failed { Ok(()) } else { writer.write_all(&out) };
        read?;
        wrote?;
        writer.flush()?;
        Ok(stats)
    }

    /// `text` with every marker that verifies under this key and context replaced by the value
    /// it stands for. Needs a tokenizer.
    pub fn unmask(&self, text: &str) -> String {
        let mut out = Vec::with_capacity(text.len());
        self.unmask_line(text.as_bytes(), &mut out, &mut Stats::default());
        String::from_utf8(out).unwrap_or_default()
    }

    /// Appends one line with its markers restored to `out`.
    pub fn unmask_line(&self, line: &[u8], out: &mut Vec<u8>, stats: &mut Stats) {
        let mut hits = Vec::new();
        marker::find(line, &mut hits);
        self.restore(line, &hits, out, stats);
        stats.lines += 1;
        stats.bytes += line.len() as u64;
    }

    /// Restores markers in a stream line by line, in bounded memory.
    pub fn unmask_stream<R: Read, W: Write>(&self, reader: R, mut writer: W) -> std::io::Result<Stats> {
        let mut stats = Stats::default();
        let mut out = Vec::with_capacity(64 * 1024);
        stream::drive(reader, markers_of_line, marker::find, |piece| {
            out.clear();
            self.restore(piece.text, piece.hits, &mut out, &mut stats);
            count_piece(&mut stats, piece.text.len(), piece.newline, piece.last);
            if piece.newline {
                out.push(b'\n');
            }
            writer.write_all(&out)?;
            if piece.idle {
                writer.flush()?;
            }
            Ok(())
        })?;
        writer.flush()?;
        Ok(stats)
    }

    fn restore(&self, line: &[u8], hits: &[Hit], out: &mut Vec<u8>, stats: &mut Stats) {
        let json = super::json::looks_like_object(line);
        let mut pos = 0;
        for h in hits {
            out.extend_from_slice(&line[pos..h.start]);
            let raw = &line[h.start..h.end];
            let value = match (&self.tokenizer, std::str::from_utf8(raw)) {
                (Some(tk), Ok(m)) => marker::restore(tk, m, &self.policy.context),
                _ => None,
            };
            match value {
                Some((v, number)) => {
                    stats.restored += 1;
                    let quoted = h.start > 0 && line[h.start - 1] == b'"' && line.get(h.end) == Some(&b'"');
                    if number && quoted && json && v.bytes().all(|c| c.is_ascii_digit()) && !v.is_empty() {
                        // A bare JSON number goes back without the quotes the marker needed.
                        out.pop();
                        out.extend_from_slice(v.as_bytes());
                        pos = h.end + 1;
                        continue;
                    }
                    if json {
                        escape_json(&v, out);
                    } else {
                        out.extend_from_slice(v.as_bytes());
                    }
                }
                None => {
                    stats.unrestored += 1;
                    out.extend_from_slice(raw);
                }
            }
            pos = h.end;
        }
        out.extend_from_slice(&line[pos..]);
    }

    /// Writes `line` with the hits replaced; `text` is `line` when it is known to be UTF-8.
    /// `repl` is scratch space for one replacement, kept by the caller across lines.
    ///
    /// Inlined into [`Redactor::redact_stream`]'s per-line closure: called on its own, the two
    /// frames cost some twenty instructions a line in saved registers and arguments.
    #[inline(always)]
    fn apply(
        &self,
        line: &[u8],
        text: Option<&str>,
        hits: &[Hit],
        out: &mut Vec<u8>,
        stats: &mut Stats,
        repl: &mut String,
    ) {
        let mut pos = 0;
        for h in hits {
            stats.by_kind[index(h.kind)] += 1;
            // Sliced only where needed: the number and name fast paths read the bytes in place.
            let value = || hit_value(h, text, line);
            // The text before the value and the value, in one copy when the value is the span's
            // bytes: the fast paths mask the value where it lies.
            let at = out.len() + (h.start - pos);
            match &h.decoded {
                None => out.extend_from_slice(&line[pos..h.end]),
                Some(v) => {
                    out.extend_from_slice(&line[pos..h.start]);
                    out.extend_from_slice(v.as_bytes());
                }
            }
            if !self.masked_in_place(h, value, out, at) {
                out.truncate(at);
                self.replacement_into(h, value(), out, stats, repl);
            }
            pos = h.end;
        }
        out.extend_from_slice(&line[pos..]);
    }

    /// Appends the replacement of one value the general way: made in `repl`, then copied or
    /// escaped for its JSON place; the label when there is no replacement.
    fn replacement_into(&self, h: &Hit, value: Option<&str>, out: &mut Vec<u8>, stats: &mut Stats, repl: &mut String) {
        repl.clear();
        match value {
            Some(v) if self.replace(h, v, repl).is_ok() => {}
            _ => {
                stats.fallbacks += 1;
                repl.clear();
                repl.push_str(h.kind.label());
            }
        }
        match h.json {
            JsonPlace::None => out.extend_from_slice(repl.as_bytes()),
            JsonPlace::String => escape_json(repl, out),
            JsonPlace::Number if repl.bytes().all(|c| c.is_ascii_digit()) && !repl.is_empty() => {
                out.extend_from_slice(repl.as_bytes())
            }
            JsonPlace::Number => {
                out.push(b'"');
                escape_json(repl, out);
                out.push(b'"');
            }
        }
    }

    /// Masks the value, which `out` holds from byte `at` on, where it lies, as
    /// [`Redactor::replace`] would mask it (`value` gives it as text, `None` if it is not; the
    /// scanner's spans are whole characters of valid text, so it always does): a number the scanner read straight from its
    /// positions (no second read) when every masked character is ASCII, and the default mask of
    /// a name, of an address with a known prefix or of an email with a known `@`. `false`, with
    /// `out` to be cut back to `at` by the caller, when `replace` must make it: another action or
    /// preset, no positions, a bare JSON number (the mask may need quotes), a character the JSON
    /// string would need escaped, or a value the fast path leaves to the general one (see
    /// [`crate::kinds::surname_mask_in_place`]).
    fn masked_in_place<'v>(&self, h: &Hit, value: impl Fn() -> Option<&'v str>, out: &mut Vec<u8>, at: usize) -> bool {
        if h.json == JsonPlace::Number {
            return false;
        }
        let Action::Mask(m) = self.policy.action(h.kind) else { return false };
        let plain = |s: &str| plain_as_is(h) || json_plain_end(s.as_bytes(), 0) == s.len();
        match (h.kind, h.parsed) {
            (_, Parsed::Number(p)) => match crate::kinds::kept(h.kind, m, &p) {
                Some(Ok((first, last))) => {
                    (plain_as_is(h) || value().is_some_and(plain))
                        && out.get_mut(at..).is_some_and(|b| p.mask_ascii_in_place(b, first, last))
                }
                _ => false,
            },
            (Kind::CnName, Parsed::Nothing)
                if matches!(m, Mask::Default | Mask::PrivacyWaybill | Mask::KeepSurname) =>
            {
                crate::kinds::surname_mask_in_place(out, at)
            }
            (_, Parsed::AddressPrefix(cut))
                if matches!(m, Mask::Default | Mask::PrivacyWaybill | Mask::KeepDistrict) =>
            {
                let cut = cut as usize;
                value().is_some_and(|v| {
                    v.get(..cut).is_some_and(plain) && crate::kinds::district_mask_in_place(v, cut, out, at)
                })
            }
            (_, Parsed::EmailAt(sign))
                if matches!(m, Mask::Default | Mask::PrivacyWaybill | Mask::KeepFirst1Domain) =>
            {
                // `out` holds the address from `at` on (the bytes of `v`): masked there when
                // its local part leaves room for the mask, else made again from `v`.
                value().is_some_and(|v| {
                    plain(v)
                        && (crate::kinds::first1_mask_in_place(out, at, sign as usize) || {
                            out.truncate(at);
                            crate::kinds::first1_mask_bytes_into(v, sign as usize, out)
                        })
                })
            }
            _ => false,
        }
    }

    /// The replacement of one value, or an error (the caller falls back to the label).
    fn replace(&self, hit: &Hit, value: &str, out: &mut String) -> Result<()> {
        let (kind, number) = (hit.kind, hit.json == JsonPlace::Number);
        let ctx = &self.policy.context;
        let keyed = || self.tokenizer.as_ref().ok_or(Error::KeyUnavailable { reason: "no key".into() });
        match self.policy.action(kind) {
            Action::Keep => out.push_str(value),
            Action::Redact => out.push_str(kind.label()),
            Action::Mask(m) => {
                let options = self.tokenizer.as_ref().map_or(&self.default_options, |t| t.options());
                match hit.parsed {
                    Parsed::AddressPrefix(cut) => crate::kinds::address_mask_at_into(value, cut as usize, m, out)?,
                    Parsed::EmailAt(at) => crate::kinds::email_mask_at_into(value, at as usize, m, out)?,
                    Parsed::Number(p) => rules(kind).mask_at(options, value, &p, m, out)?,
                    Parsed::Nothing => rules(kind).mask_into(options, value, m, out)?,
                }
            }
            Action::Tokenize => {
                let tk = keyed()?;
                let token = tk.tokenize(kind, value, ctx)?;
                if self.policy.marker {
                    out.push_str(&marker::wrap(tk, kind, tk.keyring().active_version(), number, &token, ctx)?);
                } else {
                    out.push_str(&token);
                }
            }
            Action::Pseudonymize => {
                let p = keyed()?.pseudonymize(kind, value, ctx)?;
                let label = kind.label();
                out.push_str(&label[..label.len() - 1]);
                out.push(':');
                out.push_str(&p);
                out.push(']');
            }
        }
        Ok(())
    }
}

/// Whether the bytes of a hit's value may be written into the output as they are, without
/// looking at them for JSON escapes: free text, or a JSON string span without escapes (then the
/// value is the span's bytes, and the JSON lexer takes no raw `"`, `\\` or control byte inside a
/// string). A decoded value may hold any of them, and is looked at.
fn plain_as_is(h: &Hit) -> bool {
    h.json == JsonPlace::None || h.json == JsonPlace::String && h.decoded.is_none()
}

/// Bytes of scrubbed lines gathered before [`Redactor::redact_stream`] hands them to its
/// writer: the output held besides one window's.
const OUT_BATCH: usize = 256 * 1024;

/// The markers of a whole line (the unmask pass never needs the line as text).
fn markers_of_line<'t>(line: &'t [u8], _: Option<&'t str>, hits: &mut Vec<Hit>) -> Option<&'t str> {
    marker::find(line, hits);
    None
}

fn count_piece(stats: &mut Stats, len: usize, newline: bool, last: bool) {
    stats.bytes += len as u64 + newline as u64;
    if newline || last {
        stats.lines += 1;
    }
}

/// Appends `s` as the inside of a JSON string.
fn escape_json(s: &str, out: &mut Vec<u8>) {
    if json_plain_end(s.as_bytes(), 0) == s.len() {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if (c as u32) < 0x20 => out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes()),
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// The text of hit `h` of `line`: its decoded value (a JSON string with escapes), else its span
/// of `text` (`line` known to be UTF-8), else its span if that alone is UTF-8.
fn hit_value<'a>(h: &'a Hit, text: Option<&'a str>, line: &'a [u8]) -> Option<&'a str> {
    match (&h.decoded, text) {
        (Some(v), _) => Some(v.as_str()),
        (None, Some(t)) => t.get(h.start..h.end),
        (None, None) => std::str::from_utf8(line.get(h.start..h.end)?).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the fast path of [`Redactor::apply`] writes for one value, if it takes it; the bytes
    /// before the value must stay as they were.
    fn fast(r: &Redactor, h: &Hit, value: &str) -> Option<Vec<u8>> {
        let mut out = [b"x", value.as_bytes()].concat();
        let taken = r.masked_in_place(h, || Some(value), &mut out, 1);
        assert_eq!(out[0], b'x');
        taken.then(|| out[1..].to_vec())
    }

    /// Calls `f(redactor, line, hit, value, general, fallbacks)` for every hit of every line
    /// under a mask redactor of each preset: the hit's value, what the general path
    /// ([`Redactor::replacement_into`]) writes for it and the fallbacks it counted.
    fn each_hit(
        presets: &[Mask],
        lines: &[String],
        mut f: impl FnMut(&Redactor, &str, &Hit, Option<&str>, &[u8], u64),
    ) {
        for &mask in presets {
            let r = Redactor::new(Scanner::new(), Policy::new(Action::Mask(mask)), None).unwrap();
            for line in lines {
                let mut hits = Vec::new();
                let text = r.scanner.line_hits(line.as_bytes(), &mut hits);
                for h in &hits {
                    let value = hit_value(h, text, line.as_bytes());
                    let (mut general, mut stats) = (Vec::new(), Stats::default());
                    r.replacement_into(h, value, &mut general, &mut stats, &mut String::new());
                    f(&r, line, h, value, &general, stats.fallbacks);
                }
            }
        }
    }

    /// Every value a fast path writes is what the general path writes, in
    /// plain text and in JSON strings with escapes, under each preset that takes it.
    #[test]
    fn text_fast_path_agrees_with_the_general_path() {
        let compound = ["欧阳", "司马", "诸葛", "上官", "慕容", "万俟", "第五", "左丘"];
        let mut names: Vec<String> = compound.iter().map(|s| format!("{s}娜娜")).collect();
        names.extend(
            ["张三", "王小明", "买买提·艾力", "𠀀三丰", "司马光", "欧阳", "林㐀", "韩豆豆豆"].map(String::from),
        );
        let addresses =
            ["浙江省杭州市西湖区文三路1号", "北京市朝阳区建国路88号A座", "杭州市西湖区 Room 3", "上海市浦东新区x"];
        let mut lines = Vec::new();
        for n in &names {
            lines.push(format!("收件人：{n}，如有疑问"));
            lines.push(format!("name={n} ok"));
            lines.push(format!(r#"{{"name":"{n}","msg":"ok"}}"#));
            let escaped: String = n.chars().map(|c| format!("\\u{:04x}", c as u32 & 0xFFFF)).collect();
            lines.push(format!(r#"{{"name":"{escaped}"}}"#));
        }
        for a in addresses {
            lines.push(format!("地址：{a}，电话"));
            lines.push(format!(r#"{{"address":"{a}"}}"#));
            lines.push(format!(r#"{{"address":"{}\"座\\"}}"#, a));
            lines.push(format!(r#"{{"msg":"寄到{a}\n谢谢"}}"#));
        }
        for e in ["dev@example.com", "a.b+c@mail.qq.com", "x@y.cn", "长@example.com"] {
            lines.push(format!("邮箱 {e} 谢谢"));
            lines.push(format!(r#"{{"email":"{e}","msg":"{e}\"ok"}}"#));
        }
        let (mut taken, mut in_json) = (0, 0);
        let presets =
            [Mask::Default, Mask::KeepSurname, Mask::KeepDistrict, Mask::KeepFirst1Domain, Mask::PrivacyWaybill];
        each_hit(&presets, &lines, |r, line, h, value, general, fallbacks| {
            if let Some(fast) = value.and_then(|v| fast(r, h, v)) {
                taken += 1;
                in_json += (h.json == JsonPlace::String) as usize;
                assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(general), "{line}");
                assert_eq!(fallbacks, 0, "{line}");
            }
        });
        assert!(taken > 150 && in_json > 50, "{taken} {in_json}");
    }

    /// The fast paths of [`Redactor::apply`] write what the general path writes, for every hit
    /// of the corpus lines and of edits of them (escapes, quotes and raw control characters put
    /// into JSON strings and free text), under each preset; and a JSON string hit without
    /// escapes never holds a byte that JSON would escape (what [`plain_as_is`] relies on).
    #[test]
    fn fast_paths_agree_with_the_general_path_on_the_corpus() {
        let corpus = include_str!("../../../tests/corpus/texts.txt");
        let edits = ["\\u4e09", "\\\"", "\\n", "\t", "\u{1}", "\"", "\u{85}", "\\u0031"];
        let mut next = crate::testing::picker(0x2545_f491_4f6c_dd1du64);
        let mut lines: Vec<String> = corpus.lines().map(String::from).collect();
        for line in corpus.lines() {
            // An edit at a character boundary, preferably inside or next to a value.
            let bounds: Vec<usize> = (0..=line.len()).filter(|&i| line.is_char_boundary(i)).collect();
            let at = bounds[next(bounds.len())];
            lines.push(format!("{}{}{}", &line[..at], edits[next(edits.len())], &line[at..]));
        }
        let presets = [
            Mask::Default,
            Mask::KeepSurname,
            Mask::KeepDistrict,
            Mask::KeepFirst1Domain,
            Mask::KEEP_FIRST1_LAST2,
            Mask::KeepAreaLast2,
        ];
        let (mut taken, mut raw_json) = ([0usize; 2], 0);
        each_hit(&presets, &lines, |r, line, h, value, general, _| {
            if h.json == JsonPlace::String && h.decoded.is_none() {
                raw_json += 1;
                let span = &line.as_bytes()[h.start..h.end];
                assert_eq!(json_plain_end(span, 0), span.len(), "{line}");
            }
            if let Some(out) = value.and_then(|v| fast(r, h, v)) {
                taken[matches!(h.parsed, Parsed::Number(_)) as usize] += 1;
                assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(general), "{line}");
            }
        });
        assert!(taken[0] > 5_000 && taken[1] > 5_000 && raw_json > 1_000, "{taken:?} {raw_json}");
    }
}

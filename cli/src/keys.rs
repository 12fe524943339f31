//! Key loading: `--key-file`, `YINSI_KEY`, or the public DEMO key; and `yinsi keygen`.

use std::path::Path;

use yinsi::{Keyring, Tokenizer};

use crate::io::Failure;
use crate::KeyArgs;

/// The environment variable that holds key text (hex, base64 or a keyring file's text).
pub const KEY_ENV: &str = "YINSI_KEY";

/// The DEMO key: 32 public bytes, the ASCII text below. It exists so that the README's first
/// command works with no set-up. Anything tokenized with it is protected by nothing: never use it
/// on real data.
const DEMO_KEY: &[u8; 32] = b"yinsi DEMO key - not a secret!!!";

/// The tokenizer for these arguments, or `None` when no key is given and `needed` is false.
pub fn tokenizer(args: &KeyArgs, needed: bool) -> Result<Option<Tokenizer>, Failure> {
    let ring = if let Some(path) = &args.key_file {
        Some(Keyring::from_file(path).map_err(Failure::core)?)
    } else if args.demo {
        Some(Keyring::from_bytes(1, DEMO_KEY).map_err(Failure::core)?)
    } else if std::env::var_os(KEY_ENV).is_some() {
        Some(Keyring::from_env(KEY_ENV).map_err(Failure::core)?)
    } else if needed {
        return Err(Failure::msg(
            "this needs a key: --key-file FILE, the environment variable YINSI_KEY, or --demo (public demo key)",
        ));
    } else {
        None
    };
    Ok(ring.map(Tokenizer::new))
}

/// Whether the key in use is the DEMO key.
pub fn is_demo(args: &KeyArgs, keyed: bool) -> bool {
    keyed && args.key_file.is_none() && args.demo
}

/// Writes a fresh keyring to `path`, created with mode 0600 (never readable by others, even for
/// a moment).
pub fn keygen(path: &Path, force: bool) -> Result<(), Failure> {
    let ring = Keyring::generate().map_err(Failure::core)?;
    let text = ring.to_text();
    let shown = path.display().to_string();
    if force && path.exists() {
        std::fs::remove_file(path).map_err(|e| Failure::io(&shown, e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Failure::Message(format!("{shown} exists (use --force to replace it)")),
        _ => Failure::io(&shown, e),
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Failure::io(&shown, e))?;
    file.sync_all().map_err(|e| Failure::io(&shown, e))?;
    eprintln!("yinsi keygen: wrote {shown} (mode 0600, key version {}); keep it secret", ring.active_version());
    Ok(())
}

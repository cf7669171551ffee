//! Bearer tokens for `mcp --http`: created once, stored only as SHA-256 hashes, checked in
//! constant time.
//!
//! Tokens live in a JSON file (`server.tokens_file`, default `<state_dir>/tokens.json`, mode
//! 0600) written by `token create` / `token revoke`, and may also be listed as hashes in the
//! config (`[[server.tokens]]`). A running server re-reads the file when it changes, so a
//! revoked token stops working at once.

use std::{
    fs::{File, OpenOptions},
    io::Write,
    path::{Path, PathBuf},
    sync::Mutex,
    time::SystemTime,
};

use rand::RngCore;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::Settings;
use crate::{
    caller::{Caller, Scope},
    error::{Code, OpError, OpResult},
};

/// The prefix of every token, so that secret scanners and people recognise one.
pub const TOKEN_PREFIX: &str = "nmcp_";

/// A token as stored: never the token itself, only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRecord {
    /// Random id (not derived from the token), for `token revoke`.
    #[serde(default)]
    pub id: String,
    /// A name for people and the journal (`token:<name>`).
    pub name: String,
    pub scope: Scope,
    /// Hex SHA-256 of the token.
    pub sha256: String,
    /// RFC 3339 creation time.
    #[serde(default)]
    pub created: Option<String>,
}

/// The token file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenFile {
    tokens: Vec<TokenRecord>,
}

/// Where `token create` writes and the server reads tokens.
#[must_use]
pub fn token_file(settings: &Settings) -> PathBuf {
    settings
        .file
        .server
        .tokens_file
        .clone()
        .unwrap_or_else(|| settings.state_dir.join("tokens.json"))
}

/// Hex SHA-256 of a token.
#[must_use]
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn read_file(path: &Path) -> OpResult<Option<TokenFile>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OpError::io(format!("token file {}", path.display()), e)),
    };
    if text.trim().is_empty() {
        return Ok(Some(TokenFile::default()));
    }
    serde_json::from_str(&text).map(Some).map_err(|e| {
        OpError::invalid(
            "server.tokens_file",
            format!("{} is not a token file: {e}", path.display()),
        )
    })
}

/// Writes the file atomically with owner-only permissions.
fn write_file(path: &Path, file: &TokenFile) -> OpResult<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| OpError::io(dir.display(), e))?;
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_string_pretty(file).map_err(OpError::internal)?;
    {
        let mut f = owner_only(&tmp)?;
        f.write_all(text.as_bytes())
            .and_then(|()| f.write_all(b"\n"))
            .and_then(|()| f.sync_all())
            .map_err(|e| OpError::io(tmp.display(), e))?;
    }
    std::fs::rename(&tmp, path).map_err(|e| OpError::io(path.display(), e))
}

fn owner_only(path: &Path) -> OpResult<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path).map_err(|e| OpError::io(path.display(), e))
}

/// Holds an exclusive lock on `<file>.lock` so that concurrent `token` commands never lose an
/// update.
struct FileLock(File);

impl FileLock {
    fn acquire(path: &Path) -> OpResult<Self> {
        let lock_path = path.with_extension("json.lock");
        if let Some(dir) = lock_path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| OpError::io(dir.display(), e))?;
        }
        let f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(|e| OpError::io(lock_path.display(), e))?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: flock on a descriptor we own.
            if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) } != 0 {
                return Err(OpError::io(
                    lock_path.display(),
                    std::io::Error::last_os_error(),
                ));
            }
        }
        Ok(Self(f))
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: unlocking the descriptor we locked.
            unsafe { libc::flock(self.0.as_raw_fd(), libc::LOCK_UN) };
        }
    }
}

/// A new token: the secret (shown once) and its stored record.
pub struct NewToken {
    pub token: String,
    pub record: TokenRecord,
    pub file: PathBuf,
}

impl std::fmt::Debug for NewToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewToken")
            .field("record", &self.record)
            .finish_non_exhaustive()
    }
}

/// Creates a token with a scope; stores only its hash.
pub fn create(settings: &Settings, scope: Scope, name: Option<&str>) -> OpResult<NewToken> {
    let path = token_file(settings);
    let _lock = FileLock::acquire(&path)?;
    let mut file = read_file(&path)?.unwrap_or_default();
    let mut rng = rand::rng();
    let mut secret = [0u8; 32];
    rng.fill_bytes(&mut secret);
    let token = format!("{TOKEN_PREFIX}{}", hex::encode(secret));
    let id = format!("tok_{:08x}", rng.next_u32());
    let name = match name {
        Some(n) => crate::values::check_name("name", "token", n)?,
        None => id.clone(),
    };
    if file.tokens.iter().any(|t| t.name == name) {
        return Err(OpError::new(
            Code::AlreadyExists,
            format!("a token named '{name}' exists; revoke it first or choose another name"),
        ));
    }
    let record = TokenRecord {
        id,
        name,
        scope,
        sha256: hash(&token),
        created: Some(chrono::Utc::now().to_rfc3339()),
    };
    file.tokens.push(record.clone());
    write_file(&path, &file)?;
    Ok(NewToken {
        token,
        record,
        file: path,
    })
}

/// The stored tokens (hashes, never secrets), file first, then the config's.
pub fn list(settings: &Settings) -> OpResult<Vec<TokenRecord>> {
    let mut out = read_file(&token_file(settings))?.unwrap_or_default().tokens;
    out.extend(settings.file.server.tokens.iter().cloned());
    Ok(out)
}

/// Removes a token from the token file by id or name.
pub fn revoke(settings: &Settings, id_or_name: &str) -> OpResult<TokenRecord> {
    let path = token_file(settings);
    let _lock = FileLock::acquire(&path)?;
    let mut file = read_file(&path)?.unwrap_or_default();
    // Given the token itself: found by its hash, and never repeated in an error.
    let secret = id_or_name.starts_with(TOKEN_PREFIX);
    let matches = |t: &TokenRecord| {
        if secret {
            t.sha256.eq_ignore_ascii_case(&hash(id_or_name))
        } else {
            t.id == id_or_name || t.name == id_or_name
        }
    };
    let Some(i) = file.tokens.iter().position(matches) else {
        if secret {
            return Err(OpError::new(
                Code::NotFound,
                "no stored token has the hash of the token given",
            ));
        }
        if settings
            .file
            .server
            .tokens
            .iter()
            .any(|t| t.id == id_or_name || t.name == id_or_name)
        {
            return Err(OpError::state(format!(
                "token '{id_or_name}' is listed in the config file; remove it there"
            )));
        }
        return Err(OpError::not_found("token", id_or_name));
    };
    let removed = file.tokens.remove(i);
    write_file(&path, &file)?;
    Ok(removed)
}

/// Checks presented tokens for the HTTP server, following changes to the token file.
#[derive(Debug)]
pub struct Verifier {
    path: PathBuf,
    configured: Vec<TokenRecord>,
    cache: Mutex<Cached>,
}

#[derive(Debug, Default)]
struct Cached {
    stamp: Option<FileStamp>,
    present: bool,
    /// A token file was seen once: authentication stays required even if it disappears.
    required: bool,
    tokens: Vec<([u8; 32], Caller)>,
}

/// What tells a rewritten token file from the one read last: every write replaces the file
/// (a new inode), and its change time has nanoseconds where the modification time may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    modified: SystemTime,
    len: u64,
    inode: u64,
    changed_ns: i128,
}

impl FileStamp {
    fn of(m: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        let (inode, changed_ns) = {
            use std::os::unix::fs::MetadataExt;
            (
                m.ino(),
                i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec()),
            )
        };
        #[cfg(not(unix))]
        let (inode, changed_ns) = (0, 0);
        Self {
            modified: m.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            len: m.len(),
            inode,
            changed_ns,
        }
    }
}

fn decode_hash(record: &TokenRecord, origin: &str) -> OpResult<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(record.sha256.trim(), &mut out).map_err(|_| {
        OpError::invalid(
            "server.tokens",
            format!(
                "{origin}: token '{}' has no valid sha256 (64 hex digits)",
                record.name
            ),
        )
    })?;
    Ok(out)
}

fn caller_of(record: &TokenRecord) -> Caller {
    Caller::new(format!("token:{}", record.name), record.scope)
}

impl Verifier {
    /// A verifier over the configured token file and the config's token hashes.
    pub fn new(settings: &Settings) -> OpResult<Self> {
        let v = Self {
            path: token_file(settings),
            configured: settings.file.server.tokens.clone(),
            cache: Mutex::new(Cached::default()),
        };
        for r in &v.configured {
            decode_hash(r, "config")?;
        }
        v.refresh()?;
        Ok(v)
    }

    /// The token file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Re-reads the token file when its modification time or size changed.
    fn refresh(&self) -> OpResult<()> {
        let meta = std::fs::metadata(&self.path).ok();
        let stamp = meta.as_ref().map(FileStamp::of);
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.stamp == stamp && (stamp.is_some() || !cache.present) {
            return Ok(());
        }
        let file = read_file(&self.path)?;
        let origin = self.path.display().to_string();
        let mut tokens = Vec::new();
        for r in file.iter().flat_map(|f| f.tokens.iter()) {
            tokens.push((decode_hash(r, &origin)?, caller_of(r)));
        }
        for r in &self.configured {
            tokens.push((decode_hash(r, "config")?, caller_of(r)));
        }
        *cache = Cached {
            stamp,
            present: file.is_some(),
            required: cache.required || file.is_some(),
            tokens,
        };
        Ok(())
    }

    /// Whether authentication is configured: a token file exists or existed while this
    /// verifier ran (an empty or deleted one then refuses everyone), or the config lists
    /// tokens. Deleting the file never opens a running server.
    #[must_use]
    pub fn enabled(&self) -> bool {
        if let Err(e) = self.refresh() {
            tracing::error!(error = %e, "cannot read the token file; refusing every token");
            return true;
        }
        let cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.required || !self.configured.is_empty()
    }

    /// The caller a presented token belongs to. Every stored hash is compared in constant
    /// time, so timing tells nothing about which (if any) matched.
    #[must_use]
    pub fn verify(&self, presented: &str) -> Option<Caller> {
        if let Err(e) = self.refresh() {
            tracing::error!(error = %e, "cannot read the token file; refusing every token");
            return None;
        }
        let digest: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        let cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut found: Option<&Caller> = None;
        for (stored, caller) in &cache.tokens {
            if bool::from(stored[..].ct_eq(&digest[..])) && found.is_none() {
                found = Some(caller);
            }
        }
        found.cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(dir: &Path) -> Settings {
        Settings::for_state_dir(dir.to_path_buf())
    }

    #[test]
    fn tokens_are_stored_as_hashes_and_verified() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(dir.path());
        let v = Verifier::new(&s).unwrap();
        assert!(!v.enabled(), "no token file: no authentication configured");
        let t = create(&s, Scope::Trade, Some("bot")).unwrap();
        assert!(t.token.starts_with(TOKEN_PREFIX));
        let text = std::fs::read_to_string(token_file(&s)).unwrap();
        assert!(!text.contains(&t.token), "the token itself is never stored");
        assert!(text.contains(&hash(&t.token)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(token_file(&s))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "owner-only");
        }
        assert!(v.enabled());
        assert_eq!(
            v.verify(&t.token),
            Some(Caller::new("token:bot", Scope::Trade))
        );
        assert_eq!(v.verify("nmcp_wrong"), None);
        assert_eq!(v.verify(""), None);
        let dup = create(&s, Scope::Read, Some("bot")).unwrap_err();
        assert_eq!(dup.code, Code::AlreadyExists);
        assert!(create(&s, Scope::Read, Some("bad name")).is_err());

        revoke(&s, "bot").unwrap();
        assert_eq!(v.verify(&t.token), None, "revocation takes effect at once");
        assert!(v.enabled(), "an empty token file still requires a token");
        assert_eq!(revoke(&s, "bot").unwrap_err().code, Code::NotFound);

        // Revoking by the token itself finds it by its hash and never repeats it.
        let t2 = create(&s, Scope::Read, Some("reader")).unwrap();
        assert_eq!(revoke(&s, &t2.token).unwrap().name, "reader");
        let err = revoke(&s, &t2.token).unwrap_err();
        assert_eq!(err.code, Code::NotFound);
        assert!(!err.message.contains(&t2.token), "{}", err.message);

        std::fs::remove_file(token_file(&s)).unwrap();
        assert!(v.enabled(), "a deleted token file does not open the server");
        assert_eq!(v.verify(&t.token), None);
    }
}

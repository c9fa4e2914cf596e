//! The grader's signature on its results: an HMAC-SHA-256 under a random key kept in the lab
//! folder, outside `--out`. A rerun reuses only a result whose signature verifies, so whoever can
//! edit `results/` but not the lab cannot make a rerun keep forged points.

use crate::results::StudentResult;
use anyhow::{Context, Result, anyhow, bail};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

const KEY_FILE: &str = "grader.key";
const KEY_LEN: usize = 32;

/// The key results are signed with. It is never printed.
pub struct Key([u8; KEY_LEN]);

impl Key {
    /// `<lab>/grader.key`, made the first time (32 random bytes, mode 0600).
    pub fn of_lab(lab: &Path) -> Result<Key> {
        let path = lab.join(KEY_FILE);
        if !path.exists() {
            create(lab, &path)?;
        }
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let Ok(key) = bytes.try_into() else {
            bail!(
                "{} is not a {KEY_LEN}-byte key: delete it, and a new one is made (every student is then graded again)",
                path.display()
            );
        };
        Ok(Key(key))
    }

    /// `<lab>/grader.key` if it is there: what `merge` verifies results with (it makes no key).
    pub fn existing(lab: &Path) -> Result<Key> {
        if !lab.join(KEY_FILE).is_file() {
            bail!(
                "{} has no {KEY_FILE}: give --lab the folder each shard was graded with (grade's \
                 --lab, target/grading-lab by default), once for each lab, so that every result \
                 can be checked against the key that signed it",
                lab.display()
            );
        }
        Key::of_lab(lab)
    }

    /// The signature of `result`: hex HMAC-SHA-256 of its JSON without the `signature` field.
    pub fn sign(&self, result: &StudentResult) -> Result<String> {
        let code = self.mac(result)?.finalize().into_bytes();
        Ok(code.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// True when `result` carries this key's signature of its content.
    pub fn verifies(&self, result: &StudentResult) -> bool {
        let Some(code) = result.signature.as_deref().and_then(unhex) else {
            return false;
        };
        self.mac(result)
            .is_ok_and(|mac| mac.verify_slice(&code).is_ok())
    }

    fn mac(&self, result: &StudentResult) -> Result<Hmac<Sha256>> {
        let unsigned = StudentResult {
            signature: None,
            ..result.clone()
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(&serde_json::to_vec(&unsigned)?);
        Ok(mac)
    }
}

/// Writes a new key beside, then links it in place: of two graders starting at once, one key wins
/// and both use it.
fn create(lab: &Path, path: &Path) -> Result<()> {
    std::fs::create_dir_all(lab).with_context(|| format!("creating {}", lab.display()))?;
    let mut key = [0u8; KEY_LEN];
    getrandom::fill(&mut key).map_err(|e| anyhow!("no random bytes for the grader's key: {e}"))?;
    let tmp = lab.join(format!(".{KEY_FILE}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .with_context(|| format!("creating {}", tmp.display()))?;
    file.write_all(&key)?;
    file.sync_all()?;
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
            Err(e).with_context(|| format!("creating {}", path.display()))
        }
        _ => Ok(()),
    }
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results;
    use std::os::unix::fs::PermissionsExt;

    fn lab(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("workbook-signature-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn result(points: u32) -> StudentResult {
        StudentResult {
            schema: crate::results::SCHEMA,
            student: "alice".into(),
            hash: "abc".into(),
            problem: None,
            status: Default::default(),
            integrity: Vec::new(),
            review: Vec::new(),
            alerts: Vec::new(),
            points,
            max_points: 10,
            exercises: Vec::new(),
            sandboxed: true,
            signature: None,
        }
    }

    #[test]
    fn the_key_is_private_random_and_kept() {
        let (one, two) = (lab("kept-1"), lab("kept-2"));
        let key = Key::of_lab(&one).unwrap();
        let mode = std::fs::metadata(one.join(KEY_FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(Key::of_lab(&one).unwrap().0, key.0, "a second run reads it");
        assert_ne!(Key::of_lab(&two).unwrap().0, key.0, "each lab has its own");
        std::fs::write(one.join(KEY_FILE), b"short").unwrap();
        let err = Key::of_lab(&one).err().unwrap();
        assert!(format!("{err:#}").contains("delete it"), "{err:#}");
        for dir in [one, two] {
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn the_golden_result_keeps_its_signature() {
        // `golden/result.json` was signed under this key by the grader whose results had strings
        // for statuses and targets: the enums sign the same bytes.
        let key = Key([7; KEY_LEN]);
        let golden: StudentResult = serde_json::from_str(results::tests::GOLDEN).unwrap();
        assert!(key.verifies(&golden));
        let signed = key.sign(&results::tests::golden_unsigned()).unwrap();
        assert_eq!(Some(signed), golden.signature);
    }

    #[test]
    fn only_an_unchanged_result_signed_with_this_key_verifies() {
        let (here, there) = (lab("verify-1"), lab("verify-2"));
        let key = Key::of_lab(&here).unwrap();
        let mut signed = result(3);
        assert!(!key.verifies(&signed), "an unsigned result");
        signed.signature = Some(key.sign(&signed).unwrap());
        assert!(key.verifies(&signed));
        let forged = StudentResult {
            points: 10,
            ..signed.clone()
        };
        assert!(!key.verifies(&forged), "changed points");
        assert!(
            !Key::of_lab(&there).unwrap().verifies(&signed),
            "another key"
        );
        let garbled = StudentResult {
            signature: Some("zz".repeat(32)),
            ..signed.clone()
        };
        assert!(!key.verifies(&garbled));
        for dir in [here, there] {
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
}

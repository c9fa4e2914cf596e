//! What lets a rerun skip a student: the content hash of their submission and of everything their
//! grade depends on, and their earlier result when it has that hash and the grader's signature.

use crate::manifest::Manifest;
use crate::results::{self, SCHEMA, StudentResult};
use crate::signature;
use crate::submissions::{self, Submission};
use anyhow::Result;
use course::{Exercise, Repo};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The hash that decides whether a student must be graded again: their code, the tests, the points.
pub(crate) fn content_hash(
    repo: &Repo,
    exercises: &[Exercise],
    submission: &Submission,
    sandboxed: bool,
) -> Result<String> {
    let mut hash = Sha256::new();
    hash.update(format!("schema {SCHEMA}\nsandboxed {sandboxed}\n"));
    hash.update(grader_fingerprint());
    hash.update(std::fs::read(Manifest::path(repo))?);
    hash.update(submission.problem.as_deref().unwrap_or("").as_bytes());
    for e in exercises {
        hash.update(e.name.as_bytes());
        hash.update(std::fs::read(e.dir.join("src/lib.rs"))?);
        hash.update(std::fs::read(e.test_file())?);
        hash.update(std::fs::read(e.hidden_test_file())?);
        hash.update(std::fs::read(e.solution_dir.join("Cargo.toml"))?);
        if let Some(root) = &submission.root {
            let src = root.join(&e.name).join("src");
            for file in submissions::files_under(&src) {
                hash.update(file.display().to_string().as_bytes());
                hash.update(submissions::read_submitted(&src.join(&file)).unwrap_or_default());
            }
            for file in ["Cargo.toml", "tests/exercise.rs"] {
                hash.update(
                    submissions::read_submitted(&root.join(&e.name).join(file)).unwrap_or_default(),
                );
            }
        }
    }
    Ok(hex(&hash.finalize()))
}

/// The grader itself: a new build of it grades everyone again.
fn grader_fingerprint() -> &'static str {
    static FINGERPRINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::read)
            .unwrap_or_default();
        hex(&Sha256::digest(exe))
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The student's earlier result in `out`, if it is for the same content and verifiably the
/// grader's own.
pub(crate) fn previous_result(
    out: &Path,
    student: &str,
    hash: &str,
    key: &signature::Key,
) -> Option<StudentResult> {
    let text = std::fs::read_to_string(results::path_of(out, student)).ok()?;
    let result: StudentResult = serde_json::from_str(&text).ok()?;
    (result.hash == hash && result.schema == SCHEMA && key.verifies(&result)).then_some(result)
}

//! The compile sandbox for the checks' grading labs: `workbook grade` uses its own program for
//! this; the checks, which call the grader as a library, use this one.

use std::process::ExitCode;

fn main() -> ExitCode {
    sandbox::compile::wrap_if_asked().unwrap_or_else(|| {
        eprintln!(
            "lab-rustc is cargo's RUSTC_WORKSPACE_WRAPPER in a grading lab, set with {}",
            sandbox::compile::SETTINGS_VAR
        );
        ExitCode::FAILURE
    })
}

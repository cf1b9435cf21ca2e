//! The `datacarto` binary: parse the command line, run the command, map the outcome to an
//! exit status (0 clean, 1 error-level findings, 2 the tool could not do its job).

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match datacarto::cli::run_from_args() {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            // A closed pipe (`datacarto check | head`) is not a failure.
            if err.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            // Errors quote paths and git's or tar's words, which a revision can fill with
            // control characters: shown, not obeyed.
            let message = format!("{err:#}");
            let _ = writeln!(stderr, "error: {}", datacarto::text::terminal(&message));
            ExitCode::from(2)
        }
    }
}

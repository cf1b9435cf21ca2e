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
            let _ = writeln!(stderr, "error: {err:#}");
            ExitCode::from(2)
        }
    }
}

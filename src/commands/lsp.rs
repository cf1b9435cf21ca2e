//! `datacarto lsp`: the language server, until the editor ends it.

use super::Status;

pub fn run() -> anyhow::Result<Status> {
    crate::lsp::run()?;
    Ok(Status::Clean)
}

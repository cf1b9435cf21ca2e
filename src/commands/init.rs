//! `datacarto init [DIR]`: a starter map that passes `check`, to edit.

use std::io::Write;
use std::path::Path;

use super::Status;
use crate::output::{Artifact, write_new};

/// The starter map's files.
pub fn starter() -> Vec<Artifact> {
    vec![
        Artifact::new("datacarto.yaml", include_str!("../../templates/init/datacarto.yaml")),
        Artifact::new("teams.yaml", include_str!("../../templates/init/teams.yaml")),
        Artifact::new("stores/shop.yaml", include_str!("../../templates/init/stores/shop.yaml")),
        Artifact::new("stores/crm.yaml", include_str!("../../templates/init/stores/crm.yaml")),
        Artifact::new("flows.yaml", include_str!("../../templates/init/flows.yaml")),
        Artifact::new("purposes.yaml", include_str!("../../templates/init/purposes.yaml")),
    ]
}

pub fn run(dir: &Path) -> anyhow::Result<Status> {
    let files = starter();
    write_new(dir, &files)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "wrote a starter map in {}:", dir.display())?;
    for f in &files {
        writeln!(out, "  {}", f.path)?;
    }
    writeln!(out, "next: edit the files, then run `datacarto check {}`", dir.display())?;
    Ok(Status::Clean)
}

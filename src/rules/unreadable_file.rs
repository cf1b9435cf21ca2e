//! `unreadable-file`: a manifest that cannot be read at all (permissions, size, not a regular
//! file), and symbolic links, which are never followed.

use crate::diag::{Entity, EntityKind, Finding, Level, Text, t};
use crate::rules::{Family, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    name: "unreadable-file",
    family: Family::Integrity,
    default_level: Level::Error,
    summary: "a manifest that cannot be read: permissions, size limit, or a symbolic link (not followed)",
    summary_fr: "un manifeste illisible : droits d'accès, limite de taille, ou lien symbolique (non suivi)",
    options: &[],
    doc: r#"## What it finds

A `*.yaml` / `*.yml` file under the map that datacarto cannot read: permission denied, larger
than the 64 MiB limit, or a read error. A symbolic link is reported at `info` level: datacarto
never follows links, so that a map cannot point outside itself or loop.

## Why it matters

The entities of an unread file are missing from the map; references to them fail and the
checks see a smaller map than the one in the repository.

## Example

```console
$ chmod 000 stores/crm.yaml
$ datacarto check
error[unreadable-file]: cannot read stores/crm.yaml: Permission denied
```

## Fix

Make the file readable, split a huge file, or replace the link by the file itself. To skip a
file on purpose, list it in `exclude:` in `datacarto.yaml`.

## Configuration

None.
"#,
};

/// A file that could not be read.
pub fn finding(path: &str, span: Span, message: impl Into<Text>) -> Finding {
    Finding::new(RULE.name, message).entity(Entity::new(EntityKind::File, path)).at(span, "")
}

/// A symbolic link, which is not followed.
pub fn symlink(path: &str, span: Span) -> Finding {
    let message = t!(
        "{path} is a symbolic link; datacarto does not follow links",
        "{path} est un lien symbolique ; datacarto ne suit pas les liens"
    );
    finding(path, span, message).own_level(Level::Info).help(t!(
        "replace the link by the file, or exclude it in datacarto.yaml",
        "remplacez le lien par le fichier, ou excluez-le dans datacarto.yaml"
    ))
}

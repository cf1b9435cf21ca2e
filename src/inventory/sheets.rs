//! The sheets of the inventory and their columns: which manifest attribute each column
//! holds, how its cell is written, and its heading in English and French. Importing reads
//! headings in either language (or the attribute's key), so a workshop may rename nothing.

/// How a column's cell holds its attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// The manifest file the entity sits in, relative to the map's root.
    File,
    /// The store a field belongs to (the fields sheet).
    Store,
    /// Free text, kept as text.
    Text,
    /// A scalar as written: an id, a number, a boolean, an enumeration value.
    Scalar,
    /// A list of ids or keys, `a, b, c` (commas, semicolons or line breaks between items).
    List,
    /// A list of free texts, one a line.
    Lines,
    /// The fields a flow carries: `email, order_total: lifetime_value`.
    Mappings,
    /// Anything else, in YAML flow syntax (`[{rule: x, reason: y}]`): suppressions, and the
    /// attributes no column holds (the "other" column).
    Yaml,
}

/// One column: the attribute's key (`retention.duration` for a nested one), how the cell
/// holds it, and its headings.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub key: &'static str,
    pub cell: Cell,
    pub en: &'static str,
    pub fr: &'static str,
}

/// The key of the column holding what no other column holds.
pub const OTHER: &str = "other";

const fn c(key: &'static str, cell: Cell, en: &'static str, fr: &'static str) -> Column {
    Column { key, cell, en, fr }
}

/// A sheet: the manifest list it holds (`stores`), its names and its columns.
#[derive(Debug)]
pub struct Sheet {
    pub kind: Kind,
    pub en: &'static str,
    pub fr: &'static str,
    pub columns: &'static [Column],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Settings,
    Teams,
    Objectives,
    Subjects,
    Categories,
    Terms,
    Stores,
    Fields,
    Flows,
    Purposes,
}

impl Kind {
    /// The top-level manifest key of the entities (fields sit inside their store).
    pub fn manifest_key(self) -> &'static str {
        match self {
            Kind::Settings => "",
            Kind::Teams => "teams",
            Kind::Objectives => "objectives",
            Kind::Subjects => "subjects",
            Kind::Categories => "categories",
            Kind::Terms => "terms",
            Kind::Stores => "stores",
            Kind::Fields => "fields",
            Kind::Flows => "flows",
            Kind::Purposes => "purposes",
        }
    }
}

use Cell::*;

const FILE: Column = c("file", File, "File", "Fichier");
const ID: Column = c("id", Scalar, "Id", "Identifiant");
const NAME: Column = c("name", Text, "Name", "Nom");
const DESCRIPTION: Column = c("description", Text, "Description", "Description");
const ALLOW: Column = c("allow", Yaml, "Suppressions", "Exemptions");
const OTHERS: Column = c(OTHER, Yaml, "Other attributes", "Autres attributs");

const RETENTION: [Column; 7] = [
    c("retention", Text, "Retention", "Durée de conservation"),
    c("retention.duration", Scalar, "Retention period", "Durée (ISO 8601)"),
    c("retention.trigger", Scalar, "Retention runs from", "Point de départ"),
    c("retention.end_action", Scalar, "At the end", "En fin de durée"),
    c("retention.basis", Scalar, "Retention basis", "Fondement de la durée"),
    c("retention.reference", Text, "Retention reference", "Référence de la durée"),
    c("retention.criteria", Text, "Retention criteria", "Critères de conservation"),
];

pub static SETTINGS: Sheet = Sheet {
    kind: Kind::Settings,
    en: "settings",
    fr: "paramètres",
    columns: &[c("key", Scalar, "Setting", "Paramètre"), c("value", Yaml, "Value", "Valeur")],
};

pub static TEAMS: Sheet = Sheet {
    kind: Kind::Teams,
    en: "teams",
    fr: "équipes",
    columns: &[FILE, ID, NAME, c("email", Text, "Email", "Courriel"), DESCRIPTION, OTHERS],
};

pub static OBJECTIVES: Sheet = Sheet {
    kind: Kind::Objectives,
    en: "objectives",
    fr: "objectifs",
    columns: &[FILE, ID, NAME, DESCRIPTION, OTHERS],
};

pub static SUBJECTS: Sheet = Sheet {
    kind: Kind::Subjects,
    en: "subjects",
    fr: "personnes",
    columns: &[
        FILE,
        ID,
        NAME,
        DESCRIPTION,
        c("vulnerable", Scalar, "Vulnerable", "Vulnérables"),
        OTHERS,
    ],
};

pub static CATEGORIES: Sheet = Sheet {
    kind: Kind::Categories,
    en: "categories",
    fr: "catégories",
    columns: &[
        FILE,
        ID,
        NAME,
        c("parent", Scalar, "Parent", "Parente"),
        c("personal", Scalar, "Personal", "Personnelle"),
        c("special", Scalar, "Special category", "Catégorie particulière"),
        DESCRIPTION,
        OTHERS,
    ],
};

pub static TERMS: Sheet = Sheet {
    kind: Kind::Terms,
    en: "terms",
    fr: "glossaire",
    columns: &[
        FILE,
        ID,
        NAME,
        DESCRIPTION,
        c("definitions", Yaml, "Definitions", "Définitions"),
        OTHERS,
    ],
};

pub static STORES: Sheet = Sheet {
    kind: Kind::Stores,
    en: "stores",
    fr: "outils",
    columns: &[
        FILE,
        ID,
        NAME,
        c("kind", Scalar, "Kind", "Type"),
        c("owner", Scalar, "Owner", "Responsable"),
        c("domain", Text, "Domain", "Domaine"),
        c("zone", Text, "Zone", "Zone"),
        DESCRIPTION,
        c("status", Scalar, "Status", "Statut"),
        c("location", List, "Location", "Localisation"),
        c("vendor", Text, "Vendor (processor)", "Sous-traitant"),
        c("contract", Text, "Processor contract", "Contrat de sous-traitance"),
        c("external", Scalar, "External", "Externe"),
        c("referential", Scalar, "Customer master", "Référentiel client"),
        c("records", Scalar, "Records", "Volume (enregistrements)"),
        c("transfer.mechanism", Scalar, "Transfer safeguard", "Garantie de transfert"),
        c("transfer.reference", Text, "Transfer reference", "Référence du transfert"),
        c("security", List, "Security measures", "Mesures de sécurité"),
        c("erasure", Yaml, "Erasure method", "Méthode d'effacement"),
        c("defines", Yaml, "Definitions followed", "Définitions suivies"),
        c("access", Yaml, "Access by team", "Accès par équipe"),
        c("quality", Yaml, "Quality audit", "Audit de qualité"),
        c("review", Yaml, "Processor review", "Revue du sous-traitant"),
        c("sub_processors", Yaml, "Sub-processors", "Sous-traitants ultérieurs"),
        c("scan", Yaml, "Scan (where the schema lives)", "Scan (où lire le schéma)"),
        ALLOW,
        OTHERS,
    ],
};

pub static FIELDS: Sheet = Sheet {
    kind: Kind::Fields,
    en: "fields",
    fr: "champs",
    columns: &[
        c("store", Store, "Store", "Outil"),
        ID,
        NAME,
        c("category", Scalar, "Category", "Catégorie"),
        c("personal", Scalar, "Personal", "Personnelle"),
        c("special", Scalar, "Special category", "Catégorie particulière"),
        c("identifier", Scalar, "Identifier", "Identifiant client"),
        c("completeness", Scalar, "Completeness", "Complétude"),
        c("format", Text, "Format", "Format"),
        c("source", Scalar, "Source", "Source"),
        c("collection", Text, "Collection (origin)", "Collecte (origine)"),
        RETENTION[0],
        RETENTION[1],
        RETENTION[2],
        RETENTION[3],
        RETENTION[4],
        RETENTION[5],
        RETENTION[6],
        DESCRIPTION,
        c("deprecated", Scalar, "Deprecated", "Obsolète"),
        c("collection_cost", Yaml, "Collection cost", "Coût de collecte"),
        c("update", Yaml, "Update means", "Moyen de mise à jour"),
        c("update_cost", Yaml, "Update cost", "Coût de mise à jour"),
        c("quality", Yaml, "Quality audit", "Audit de qualité"),
        c("column", Yaml, "Column", "Colonne"),
        c("table", Text, "Table", "Table"),
        ALLOW,
        OTHERS,
    ],
};

pub static FLOWS: Sheet = Sheet {
    kind: Kind::Flows,
    en: "flows",
    fr: "flux",
    columns: &[
        FILE,
        c("id", Scalar, "Id", "Identifiant"),
        c("from", Scalar, "From", "Depuis"),
        c("to", Scalar, "To", "Vers"),
        c("fields", Mappings, "Fields", "Champs"),
        c("mechanism", Scalar, "Mechanism", "Mécanisme"),
        c("frequency", Scalar, "Frequency", "Fréquence"),
        c("direction", Scalar, "Direction", "Sens"),
        c("owner", Scalar, "Owner", "Responsable"),
        DESCRIPTION,
        c("transfer.mechanism", Scalar, "Transfer safeguard", "Garantie de transfert"),
        c("transfer.reference", Text, "Transfer reference", "Référence du transfert"),
        c("purposes", List, "Purposes served", "Finalités servies"),
        ALLOW,
        OTHERS,
    ],
};

pub static PURPOSES: Sheet = Sheet {
    kind: Kind::Purposes,
    en: "purposes",
    fr: "finalités",
    columns: &[
        FILE,
        ID,
        NAME,
        c("objective", Scalar, "Objective", "Objectif"),
        c("owner", Scalar, "Owner", "Responsable"),
        DESCRIPTION,
        c("use", Scalar, "Data use", "Usage des données"),
        c("legal_basis", Scalar, "Legal basis", "Base légale"),
        c("legal_reference", Text, "Legal reference", "Référence légale"),
        c("legitimate_interest", Text, "Legitimate interest", "Intérêt légitime"),
        c("lia", Text, "Legitimate-interest assessment", "Analyse de l'intérêt légitime"),
        c("consent_record", Scalar, "Consent record", "Preuve du consentement"),
        c("special_condition", Scalar, "Art. 9 condition", "Condition de l'art. 9"),
        c("subjects", List, "Data subjects", "Personnes concernées"),
        c("uses", List, "Fields used", "Champs utilisés"),
        c("needs", List, "Categories needed", "Catégories nécessaires"),
        RETENTION[0],
        RETENTION[1],
        RETENTION[2],
        RETENTION[3],
        RETENTION[4],
        RETENTION[5],
        RETENTION[6],
        c("recipients", Lines, "Recipients", "Destinataires"),
        c("profiling", Scalar, "Profiling", "Profilage"),
        c("automated_decision", Scalar, "Automated decision", "Décision automatisée"),
        c("dpia.status", Scalar, "DPIA status", "Statut de l'AIPD"),
        c("dpia.link", Text, "DPIA link", "Lien vers l'AIPD"),
        c("status", Scalar, "Status", "Statut"),
        c("collect", Yaml, "Data to collect", "Données à collecter"),
        c(
            "schedule1_condition",
            Yaml,
            "DPA 2018 Schedule 1 condition",
            "Condition DPA 2018 annexe 1",
        ),
        c("retention_policy", Yaml, "Retention policy", "Politique de conservation"),
        c(
            "retention_policy_followed",
            Yaml,
            "Retention policy followed",
            "Politique de conservation suivie",
        ),
        c(
            "retention_policy_deviation",
            Yaml,
            "Retention policy deviation",
            "Écart à la politique de conservation",
        ),
        c("created", Yaml, "Created", "Créée le"),
        c("updated", Yaml, "Updated", "Mise à jour le"),
        ALLOW,
        OTHERS,
    ],
};

/// Every sheet, in workbook order.
pub static ALL: [&Sheet; 10] = [
    &SETTINGS,
    &TEAMS,
    &OBJECTIVES,
    &SUBJECTS,
    &CATEGORIES,
    &TERMS,
    &STORES,
    &FIELDS,
    &FLOWS,
    &PURPOSES,
];

impl Sheet {
    pub fn name(&self, french: bool) -> &'static str {
        if french { self.fr } else { self.en }
    }

    /// The top-level attributes the columns hold (`retention` for `retention.duration`).
    pub fn holds(&self, key: &str) -> bool {
        self.columns.iter().any(|c| {
            !matches!(c.cell, File | Store)
                && c.key != OTHER
                && c.key.split('.').next() == Some(key)
        })
    }
}

/// The sheet a name (English or French, any case) names.
pub fn sheet_named(name: &str) -> Option<&'static Sheet> {
    let name = name.trim().to_lowercase();
    ALL.iter().copied().find(|s| s.en == name || s.fr == name)
}

/// A heading in normal form: lower case, single spaces.
pub fn normal(heading: &str) -> String {
    heading.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The column a heading names: its English or French heading, or its key.
pub fn column_named(sheet: &Sheet, heading: &str) -> Option<usize> {
    let h = normal(heading);
    sheet.columns.iter().position(|c| normal(c.en) == h || normal(c.fr) == h || c.key == h)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every heading names one column of its sheet, in both languages: an import never
    /// confuses two columns.
    #[test]
    fn headings_are_unique_per_sheet() {
        for sheet in ALL {
            for (i, col) in sheet.columns.iter().enumerate() {
                assert_eq!(column_named(sheet, col.en), Some(i), "{} {}", sheet.en, col.en);
                assert_eq!(column_named(sheet, col.fr), Some(i), "{} {}", sheet.en, col.fr);
                assert_eq!(column_named(sheet, col.key), Some(i), "{} {}", sheet.en, col.key);
            }
        }
    }

    /// docs/import-export.md lists every column of every sheet, with both headings.
    #[test]
    fn the_docs_list_every_column() {
        let docs = include_str!("../../docs/import-export.md");
        for sheet in ALL {
            assert!(docs.contains(&format!("### `{}` / `{}`", sheet.en, sheet.fr)), "{}", sheet.en);
            for col in sheet.columns {
                let row = format!("| `{}` | {} | {} |", col.key, col.en, col.fr);
                assert!(docs.contains(&row), "docs/import-export.md lacks {row}");
            }
        }
    }

    /// Each attribute of the manifest format has a column: the inventory loses nothing the
    /// schema knows (the "other" column is for attributes added later).
    #[test]
    fn every_schema_attribute_has_a_column() {
        use crate::load::shape::{Shape, document};
        let shapes = document();
        let Shape::Object(root) = shapes.get(shapes.root) else { panic!("an object") };
        let non_null = |id| match shapes.get(id) {
            Shape::AnyOf(branches) => branches
                .iter()
                .map(|b| shapes.get(*b))
                .find(|s| !matches!(s, Shape::Null))
                .expect("a branch"),
            other => other,
        };
        let object_of = |id| {
            let Shape::Array { items } = non_null(id) else { panic!("a list") };
            match non_null(*items) {
                Shape::Object(o) => o,
                other => panic!("an object, not {other:?}"),
            }
        };
        for sheet in ALL.iter().filter(|s| !matches!(s.kind, Kind::Settings | Kind::Fields)) {
            let obj = object_of(root.property(sheet.kind.manifest_key()).expect("a list"));
            for (key, _) in &obj.properties {
                if sheet.kind == Kind::Stores && key == "fields" {
                    let fields = object_of(obj.property("fields").expect("fields"));
                    for (fkey, _) in &fields.properties {
                        assert!(FIELDS.holds(fkey), "fields: no column for {fkey}");
                    }
                    continue;
                }
                assert!(sheet.holds(key), "{}: no column for {key}", sheet.en);
            }
        }
    }
}

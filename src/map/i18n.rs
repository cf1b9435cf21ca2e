//! The words of the maps, in English and French.

use crate::manifest::enums::Language;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    System,
    Focus,
    Depth,
    Team,
    Purpose,
    PurposeWord,
    Subject,
    FieldLineage,
    Field,
    FieldsNotStated,
    Flows,
    Legend,
    Empty,
    Domains,
    NoDomain,
    Referential,
    Personal,
    Special,
    External,
    OutsideEea,
    Legacy,
    Retired,
    Isolated,
    FlowEdge,
    FieldFlowEdge,
    SyncEdge,
    GroupFlowEdge,
    GroupBothEdge,
    DomainView,
    MixedFlowEdge,
    MixedBothEdge,
    UsesEdge,
    UnusedEdge,
    RedundantEdge,
    RedundantShort,
    UnsafeEdge,
    ZoneCollection,
    ZoneMaster,
    ZoneUse,
    ZonePartners,
    ZonePurposes,
    ZoneNotStated,
    Tray,
    Overview,
    MechanismNotStated,
    FrequencyNotStated,
    Findings,
    FindingWord,
    ForExample,
    FlowWord,
    Store,
    FlowsInside,
    FlowInside,
    DomainNotStated,
}

/// `(English, French)`.
fn pair(text: Text) -> (&'static str, &'static str) {
    match text {
        Text::System => ("customer information system", "système d'information client"),
        Text::Focus => ("Around", "Autour de"),
        Text::Depth => ("depth", "profondeur"),
        Text::Team => ("Team", "Équipe"),
        Text::Purpose => ("Purpose", "Finalité"),
        Text::PurposeWord => ("purpose", "finalité"),
        Text::Subject => ("Data subjects", "Personnes concernées"),
        Text::FieldLineage => ("Lineage of", "Lignage du champ"),
        Text::Field => ("field", "champ"),
        Text::FieldsNotStated => ("fields not stated", "champs non renseignés"),
        Text::Flows => ("flows", "flux"),
        Text::Legend => ("Legend", "Légende"),
        Text::Empty => ("Nothing to draw in this view.", "Rien à dessiner dans cette vue."),
        Text::Domains => ("Domains", "Domaines"),
        Text::NoDomain => ("no domain", "sans domaine"),
        Text::Referential => ("master", "référentiel"),
        Text::Personal => ("personal", "perso."),
        Text::Special => ("special", "sensible"),
        Text::External => ("external", "externe"),
        Text::OutsideEea => ("outside the EEA", "hors EEE"),
        Text::Legacy => ("legacy", "ancien"),
        Text::Retired => ("retired", "arrêté"),
        Text::Isolated => ("isolated", "isolé"),
        Text::FlowEdge => ("flow (number of fields)", "flux (nombre de champs)"),
        Text::FieldFlowEdge => ("flow (mechanism · frequency)", "flux (mécanisme · fréquence)"),
        Text::SyncEdge => ("synchronisation", "synchronisation"),
        Text::GroupFlowEdge => (
            "flows between two domains (number of flows)",
            "flux entre deux domaines (nombre de flux)",
        ),
        Text::GroupBothEdge => ("flows going both ways", "flux dans les deux sens"),
        Text::DomainView => ("Domain", "Domaine"),
        Text::MixedFlowEdge => (
            "flow (number of fields; to a domain's box: number of flows)",
            "flux (nombre de champs ; vers la boîte d'un domaine : nombre de flux)",
        ),
        Text::MixedBothEdge => (
            "synchronisation, or flows going each way with a domain's box",
            "synchronisation, ou flux dans les deux sens avec la boîte d'un domaine",
        ),
        Text::UsesEdge => ("used by a purpose", "utilisé par une finalité"),
        Text::UnusedEdge => ("flow nobody uses", "flux inutilisé"),
        Text::RedundantEdge => ("redundant flow", "flux redondant"),
        Text::RedundantShort => ("redundant", "redondant"),
        Text::UnsafeEdge => ("transfer without safeguard", "transfert sans garantie"),
        Text::ZoneCollection => ("Collection", "Collecte"),
        Text::ZoneMaster => ("Customer master", "Référentiel client"),
        Text::ZoneUse => ("Use and activation", "Usages et activation"),
        Text::ZonePartners => ("Outside partners", "Partenaires externes"),
        Text::ZonePurposes => ("Purposes", "Finalités"),
        Text::ZoneNotStated => ("Zone not stated (zone:)", "Zone non renseignée (zone:)"),
        Text::Tray => ("Not connected", "Non connectés"),
        Text::Overview => ("overview", "vue d'ensemble"),
        Text::MechanismNotStated => ("mechanism not stated", "mécanisme non renseigné"),
        Text::FrequencyNotStated => ("frequency not stated", "fréquence non renseignée"),
        Text::Findings => ("Findings", "Constats"),
        Text::FindingWord => ("finding", "constat"),
        Text::ForExample => ("e.g.", "p. ex."),
        Text::FlowWord => ("flow", "flux"),
        Text::Store => ("store", "stockage"),
        Text::FlowsInside => ("flows inside", "flux internes"),
        Text::FlowInside => ("flow inside", "flux interne"),
        Text::DomainNotStated => ("domain not stated (domain:)", "domaine non renseigné (domain:)"),
    }
}

pub fn t(text: Text, language: Language) -> &'static str {
    let (en, fr) = pair(text);
    match language {
        Language::En => en,
        Language::Fr => fr,
    }
}

/// "field" / "fields", "champ" / "champs".
pub fn plural(text: Text, n: usize, language: Language) -> String {
    let word = t(text, language);
    // French uses the singular for zero as well.
    let singular = match language {
        Language::En => n == 1,
        Language::Fr => n <= 1,
    };
    if singular || word.ends_with('s') || word.ends_with('x') {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

//! Every word the register prints that is not a vocabulary value, in English and French:
//! column titles of the three layouts, CNIL block titles, sheet names, cell words and the
//! coverage messages. One enum, so a label missing in a language is a compile error; the
//! vocabularies (legal bases, categories, countries…) come from `vocab::tables`.

use crate::manifest::enums::Language;
use crate::vocab::tables::Label;

macro_rules! labels {
    ($($name:ident = $en:literal / $fr:literal,)+) => {
        /// A label of the register.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum L { $($name,)+ }

        impl L {
            pub const ALL: &'static [L] = &[$(L::$name,)+];

            pub fn label(self) -> Label {
                match self { $(L::$name => Label { en: $en, fr: $fr },)+ }
            }
        }
    };
}

impl L {
    pub fn get(self, language: Language) -> &'static str {
        self.label().get(language)
    }
}

labels! {
    // Titles and sheets.
    Title = "Record of processing activities" / "Registre des activités de traitement",
    SheetController = "Controller" / "Responsable",
    SheetRegister = "Register" / "Registre",
    SheetActivities = "Activities" / "Activités",
    SheetCoverage = "Coverage" / "Couverture",
    Apart = "Purposes not in the register" / "Finalités hors du registre",
    ApartNoPersonal = "uses no personal data" / "n'utilise aucune donnée personnelle",
    ApartNotActive = "not active" / "pas en cours",
    Contents = "Activities" / "Liste des activités",
    CoverageTitle = "Coverage of the register" / "Couverture du registre",
    CoverageNone = "Every art. 30 cell is filled." / "Toutes les cases de l'article 30 sont remplies.",
    Layout = "Layout" / "Modèle",

    // The controller block.
    Controller = "Controller" / "Responsable du traitement",
    Dpo = "Data protection officer" / "Délégué à la protection des données",
    Representative = "EU representative" / "Représentant dans l'UE",
    JointControllers = "Joint controllers" / "Responsables conjoints du traitement",
    ContactName = "Name" / "Nom",
    ContactAddress = "Address" / "Adresse",
    ContactCountry = "Country" / "Pays",
    ContactEmail = "E-mail" / "Courriel",
    ContactPhone = "Phone" / "Téléphone",

    // art30 columns, in the order of docs/register.md.
    Reference = "Reference" / "Référence",
    Name = "Activity" / "Activité",
    Description = "Description" / "Description",
    BusinessFunction = "Business function" / "Service responsable",
    Objective = "Objective" / "Objectif",
    DataUse = "Data use" / "Usage des données",
    LegalBasis = "Legal basis (art. 6)" / "Base légale (art. 6)",
    Art9Condition = "Art. 9 condition" / "Condition de l'art. 9",
    Subjects = "Categories of data subjects (art. 30(1)(c))" / "Catégories de personnes concernées (art. 30.1.c)",
    Categories = "Categories of personal data (art. 30(1)(c))" / "Catégories de données personnelles (art. 30.1.c)",
    Fields = "Personal data (detail)" / "Données personnelles (détail)",
    Special = "Special categories of data" / "Données sensibles",
    Sources = "Sources of the data" / "Sources des données",
    Locations = "Location of the data" / "Localisation des données",
    Recipients = "Recipients (art. 30(1)(d))" / "Destinataires (art. 30.1.d)",
    Contracts = "Processor contracts" / "Contrats de sous-traitance",
    Transfers = "Transfers outside the EEA (art. 30(1)(e))" / "Transferts hors de l'EEE (art. 30.1.e)",
    Retention = "Retention periods (art. 30(1)(f))" / "Durées de conservation (art. 30.1.f)",
    Security = "Security measures (art. 30(1)(g))" / "Mesures de sécurité (art. 30.1.g)",
    Flags = "Profiling and automated decisions" / "Profilage et décisions automatisées",
    ConsentRecord = "Consent record" / "Preuve du consentement",
    Dpia = "Data protection impact assessment" / "Analyse d'impact (AIPD)",
    Status = "Status" / "Statut",

    // ICO controller template, columns 1–30 (gdpr.md §2.2.1); 26–30 are the DPA 2018 block.
    Ico1 = "Business function" / "Fonction métier",
    Ico2 = "Purpose of processing" / "Finalité du traitement",
    Ico3 = "Name and contact details of joint controller (if applicable)" / "Nom et coordonnées du responsable conjoint (le cas échéant)",
    Ico4 = "Categories of individuals" / "Catégories de personnes",
    Ico5 = "Categories of personal data" / "Catégories de données personnelles",
    Ico6 = "Categories of recipients" / "Catégories de destinataires",
    Ico7 = "Link to contract with processor" / "Lien vers le contrat avec le sous-traitant",
    Ico8 = "Names of third countries or international organisations that personal data are transferred to (if applicable)" / "Pays tiers ou organisations internationales destinataires de transferts (le cas échéant)",
    Ico9 = "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)" / "Garanties des transferts vers des pays tiers ou des organisations internationales (le cas échéant)",
    Ico10 = "Retention schedule (if possible)" / "Durées de conservation (si possible)",
    Ico11 = "General description of technical and organisational security measures (if possible)" / "Description générale des mesures de sécurité techniques et organisationnelles (si possible)",
    Ico12 = "Article 6 lawful basis for processing personal data" / "Base légale du traitement (article 6)",
    Ico13 = "Article 9 condition for processing special category data" / "Condition de l'article 9 pour les données sensibles",
    Ico14 = "Legitimate interests for the processing (if applicable)" / "Intérêts légitimes poursuivis (le cas échéant)",
    Ico15 = "Link to record of legitimate interests assessment (if applicable)" / "Lien vers l'évaluation de l'intérêt légitime (le cas échéant)",
    Ico16 = "Rights available to individuals" / "Droits des personnes",
    Ico17 = "Existence of automated decision-making, including profiling (if applicable)" / "Décision automatisée, y compris le profilage (le cas échéant)",
    Ico18 = "The source of the personal data (if applicable)" / "Source des données personnelles (le cas échéant)",
    Ico19 = "Link to record of consent" / "Lien vers la preuve du consentement",
    Ico20 = "Location of personal data" / "Localisation des données personnelles",
    Ico21 = "Data Protection Impact Assessment required?" / "Analyse d'impact requise ?",
    Ico22 = "Data Protection Impact Assessment progress" / "État de l'analyse d'impact",
    Ico23 = "Link to Data Protection Impact Assessment" / "Lien vers l'analyse d'impact",
    Ico24 = "Has a personal data breach occurred?" / "Une violation de données a-t-elle eu lieu ?",
    Ico25 = "Link to record of personal data breach" / "Lien vers le registre des violations",
    Ico26 = "Data Protection Act 2018 Schedule 1 Condition for processing" / "Condition de l'annexe 1 du Data Protection Act 2018",
    Ico27 = "GDPR Article 6 lawful basis for processing" / "Base légale du traitement (article 6 du RGPD)",
    Ico28 = "Link to retention and erasure policy document" / "Lien vers la politique de conservation et d'effacement",
    Ico29 = "Is personal data retained and erased in accordance with the policy document?" / "Les données sont-elles conservées et effacées conformément à la politique ?",
    Ico30 = "Reasons for not adhering to policy document (if applicable)" / "Raisons de l'écart à la politique (le cas échéant)",
    CnilCreated = "Date the fiche was created" / "Date de création de la fiche",
    CnilUpdated = "Date of the last update" / "Date de dernière mise à jour",

    // CNIL fiche: blocks and fields (gdpr.md §2.1.1).
    BlockHeader = "Activity" / "Activité",
    BlockActors = "Actors" / "Acteurs",
    BlockPurposes = "Purposes" / "Finalités",
    BlockSubjects = "Data subjects" / "Personnes concernées",
    BlockData = "Personal data" / "Données",
    BlockRetention = "Retention" / "Conservation",
    BlockRecipients = "Recipients" / "Destinataires",
    BlockTransfers = "Transfers" / "Transferts",
    BlockSecurity = "Security" / "Sécurité",
    BlockDpia = "Impact assessment" / "Analyse d'impact",
    CnilName = "Name of the activity" / "Nom / sigle de l'activité",
    CnilSoftware = "Software or applications" / "Logiciels ou applications",
    CnilMainPurpose = "Main purpose" / "Finalité principale",
    CnilSubPurpose = "Data use (sub-purpose)" / "Sous-finalité (usage des données)",
    CnilSubjects = "Categories of data subjects" / "Catégories de personnes concernées",
    CnilCategories = "Categories of data collected" / "Catégories de données collectées",
    CnilSensitive = "Is sensitive data processed?" / "Des données sensibles sont-elles traitées ?",
    CnilRetention = "Retention periods of the categories of data" / "Durées de conservation des catégories de données",
    CnilInternal = "Internal recipients" / "Destinataires internes",
    CnilExternal = "External bodies" / "Organismes externes",
    CnilProcessors = "Processors" / "Sous-traitants",
    CnilTransfersOut = "Is data transferred outside the EU?" / "Des données sont-elles transmises hors UE ?",
    CnilTransferRecipient = "Recipient" / "Destinataire",
    CnilTransferCountry = "Country" / "Pays",
    CnilTransferSafeguard = "Type of safeguards" / "Type de garanties",
    CnilTransferLink = "Link to the documentation" / "Lien vers la documentation",
    CnilSecurity = "Security measures" / "Mesures de sécurité",
    CnilDpiaNeeded = "Is an impact assessment likely required?" / "Une AIPD est-elle probablement requise ?",
    CnilDpiaStatus = "Impact assessment status" / "État de l'AIPD",
    CnilDpiaLink = "Link to the impact assessment" / "Lien vers l'AIPD",

    // Words inside cells.
    Yes = "Yes" / "Oui",
    No = "No" / "Non",
    Nothing = "None" / "Aucun",
    NotStated = "Not stated" / "Non renseigné",
    NotInMap = "Not stated: the map does not record it" / "Non renseigné : la carte ne le décrit pas",
    NotApplicable = "Not applicable" / "Sans objet",
    NaNoSpecial = "no special category data is used" / "aucune donnée sensible n'est utilisée",
    NaNotConsent = "the legal basis is not consent" / "la base légale n'est pas le consentement",
    NaNotLegitimate = "the legal basis is not legitimate interests" / "la base légale n'est pas l'intérêt légitime",
    NaControllerInEea = "the controller is established in the EEA" / "le responsable est établi dans l'EEE",
    NaPolicyFollowed = "the retention policy is followed" / "la politique de conservation est suivie",
    NaNoProcessor = "no processor on the data's journey" / "aucun sous-traitant sur le parcours des données",
    NaNoDpia = "no impact assessment done or under way" / "aucune AIPD réalisée ni en cours",
    LikelyNotStated = "Likely, not stated" / "Probable, non renseigné",
    Internal = "Internal services" / "Services internes",
    Processors = "Processors" / "Sous-traitants",
    ThirdParties = "Third parties" / "Tiers",
    External = "external" / "externe",
    Profiling = "Profiling" / "Profilage",
    AutomatedDecision = "Automated decision" / "Décision automatisée",
    LegitimateInterest = "Legitimate interest" / "Intérêt légitime",
    Lia = "Legitimate-interest assessment" / "Évaluation de l'intérêt légitime",
    NoSafeguard = "no safeguard recorded" / "aucune garantie renseignée",
    NoContract = "no contract recorded" / "aucun contrat renseigné",
    Uncategorised = "Uncategorised personal data" / "Données personnelles non catégorisées",
    CriteriaMet = "criteria met" / "critères remplis",
    CriterionMet = "criterion met" / "critère rempli",
    DpiaLikely = "Likely required" / "Probablement requise",
    DpiaNotLikely = "Not indicated by the map" / "Non indiquée par la cartographie",
    Collection = "Collection" / "Collecte",
    Activity = "Activity" / "Activité",
    Cell = "Cell" / "Case",
    Article = "Article" / "Article",
    Mandatory = "Mandatory" / "Obligatoire",
    Why = "Why" / "Motif",
    Fix = "What to fill" / "À renseigner",
    Where = "Where" / "Emplacement",
    Header = "Header" / "En-tête",
    Reason = "Reason" / "Motif",
    Value = "Value" / "Valeur",

    // Rights of the person under each legal basis (ICO column 16).
    RightInformed = "Information (art. 13-14)" / "Information (art. 13-14)",
    RightAccess = "Access (art. 15)" / "Accès (art. 15)",
    RightRectification = "Rectification (art. 16)" / "Rectification (art. 16)",
    RightErasure = "Erasure (art. 17)" / "Effacement (art. 17)",
    RightRestriction = "Restriction (art. 18)" / "Limitation (art. 18)",
    RightPortability = "Portability (art. 20)" / "Portabilité (art. 20)",
    RightObject = "Objection (art. 21)" / "Opposition (art. 21)",
    RightAutomated = "Not to be subject to an automated decision (art. 22)" / "Ne pas faire l'objet d'une décision automatisée (art. 22)",
    RightWithdraw = "Withdrawal of consent (art. 7(3))" / "Retrait du consentement (art. 7.3)",

    // Coverage: why a cell is empty.
    GapNoController = "datacarto.yaml names no controller" / "datacarto.yaml ne nomme pas le responsable du traitement",
    GapNoContact = "the controller has no address, e-mail or phone" / "le responsable du traitement n'a ni adresse, ni courriel, ni téléphone",
    GapNoDpo = "no data protection officer is named" / "aucun délégué à la protection des données n'est nommé",
    GapNoSubjects = "the purpose lists no data subjects" / "la finalité ne liste aucune catégorie de personnes",
    GapUncategorised = "a used personal field has no category" / "un champ personnel utilisé n'a pas de catégorie",
    GapNoRecipients = "no recipient is declared and no flow carries the used data to another store" / "aucun destinataire n'est déclaré et aucun flux ne transmet les données utilisées",
    GapNoSafeguard = "personal data reaches a store outside the EEA by a flow with no transfer safeguard" / "des données personnelles arrivent par un flux sans garantie dans un système hors de l'EEE",
    GapNoStoreSafeguard = "personal data is collected directly in a store outside the EEA (no flow brings it there) with no transfer safeguard" / "des données personnelles sont collectées directement dans un système hors de l'EEE (aucun flux ne les y apporte) sans garantie de transfert",
    GapNoLocation = "a store of the data's journey has no location: whether the data leaves the EEA is not stated" / "un système du parcours des données n'a pas de localisation : leur transfert hors de l'EEE n'est pas renseigné",
    GapNoProfiling = "the purpose does not say whether it profiles people" / "la finalité ne dit pas si elle procède à un profilage",
    GapLikelyProfiling = "the purpose does not say whether it profiles people, and its data use suggests it does" / "la finalité ne dit pas si elle procède à un profilage, et son usage des données le laisse penser",
    GapNoAutomated = "the purpose does not say whether it takes automated decisions" / "la finalité ne dit pas si elle prend des décisions automatisées",
    GapNoRows = "the map holds personal data but no active purpose uses it: the register has no activity" / "la cartographie contient des données personnelles mais aucune finalité en cours ne les utilise : le registre n'a aucune activité",
    GapDpiaUnbacked = "the DPIA is declared required but the map shows fewer than two criteria: the register cannot say why" / "l'AIPD est déclarée requise mais la cartographie montre moins de deux critères : le registre ne peut pas dire pourquoi",
    GapSpecialUnknown = "a used personal field has no category: whether it is special-category data is not stated" / "un champ personnel utilisé n'a pas de catégorie : s'il s'agit d'une donnée sensible n'est pas renseigné",
    GapNoRetention = "neither the purpose nor its fields give a retention period" / "ni la finalité ni ses champs n'indiquent de durée de conservation",
    GapNoPurposeRetention = "the purpose gives no retention period (only some of its fields do)" / "la finalité n'indique pas de durée de conservation (seuls certains champs le font)",
    GapNoSecurity = "no store holding the data lists security measures" / "aucun système détenant les données ne liste de mesures de sécurité",
    GapAdequacyHint = "an adequacy decision may cover it" / "une décision d'adéquation peut le couvrir",
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label has a text in both languages, with no stray whitespace.
    #[test]
    fn every_label_in_both_languages() {
        for l in L::ALL {
            let label = l.label();
            for text in [label.en, label.fr] {
                assert!(!text.trim().is_empty(), "{l:?}");
                assert_eq!(text, text.trim(), "{l:?}");
            }
        }
    }
}

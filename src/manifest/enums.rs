//! The closed vocabularies of the manifest format: store kinds, statuses, flow mechanisms,
//! legal bases, special categories, transfer mechanisms… Each value's spelling is the one
//! written in YAML and printed in every output.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize,
            JsonSchema,
        )]
        pub enum $name {
            $( #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// What a store is. `application`: an application that processes the data flowing
    /// through it and stores none (a checkout, a payment gateway, a form): it needs no
    /// `fields:`, and the fields its flows carry pass through it as through a copy.
    StoreKind {
        Application = "application", Crm = "crm", Erp = "erp", Ecommerce = "ecommerce", Pos = "pos", Marketing = "marketing",
        Cdp = "cdp", Dmp = "dmp", Warehouse = "warehouse", Database = "database",
        Spreadsheet = "spreadsheet", Files = "files", ServiceDesk = "service-desk",
        Analytics = "analytics", Saas = "saas", Api = "api", Partner = "partner", Other = "other",
    }
);

string_enum!(
    /// The life stage of a store: `active` (default), `planned`, `legacy` (kept, to be
    /// replaced), `retired` (switched off).
    StoreStatus { Active = "active", Planned = "planned", Legacy = "legacy", Retired = "retired" }
);

string_enum!(
    /// How a field's data enters its store: `collected` from the person, `received` from
    /// another store or party, or `derived` (computed).
    FieldSource { Collected = "collected", Received = "received", Derived = "derived" }
);

string_enum!(
    /// How a flow moves data.
    Mechanism {
        Api = "api", Batch = "batch", File = "file", Etl = "etl", Event = "event",
        Manual = "manual", Sync = "sync",
    }
);

string_enum!(
    /// How often a flow runs.
    Frequency {
        Realtime = "realtime", Hourly = "hourly", Daily = "daily", Weekly = "weekly",
        Monthly = "monthly", OnDemand = "on-demand", OneOff = "one-off",
    }
);

string_enum!(
    /// `one-way` (default): from `from` to `to`. `both`: a synchronisation, the fields travel
    /// both ways (not a cycle).
    Direction { OneWay = "one-way", Both = "both" }
);

string_enum!(
    /// The lawful basis of a processing activity (GDPR art. 6(1)).
    LegalBasis {
        Consent = "consent", Contract = "contract", LegalObligation = "legal_obligation",
        VitalInterests = "vital_interests", PublicTask = "public_task",
        LegitimateInterests = "legitimate_interests",
    }
);

string_enum!(
    /// Special categories (art. 9(1)), criminal-offence data (art. 10) and national
    /// identification numbers.
    SpecialCategory {
        RacialEthnicOrigin = "racial_ethnic_origin", PoliticalOpinions = "political_opinions",
        ReligiousPhilosophicalBeliefs = "religious_philosophical_beliefs",
        TradeUnionMembership = "trade_union_membership", Genetic = "genetic",
        BiometricUniqueId = "biometric_unique_id", Health = "health",
        SexLifeSexualOrientation = "sex_life_sexual_orientation",
        CriminalOffences = "criminal_offences", NationalIdNumber = "national_id_number",
    }
);

string_enum!(
    /// The art. 9(2) condition that lifts the ban on processing special-category data.
    Art9Condition {
        ExplicitConsent = "explicit_consent",
        EmploymentSocialSecurity = "employment_social_security",
        VitalInterests = "vital_interests", NotForProfitBody = "not_for_profit_body",
        ManifestlyPublic = "manifestly_public", LegalClaims = "legal_claims",
        SubstantialPublicInterest = "substantial_public_interest",
        HealthSocialCare = "health_social_care", PublicHealth = "public_health",
        ArchivingResearchStatistics = "archiving_research_statistics",
    }
);

string_enum!(
    /// The Chapter V tool that makes a transfer outside the EEA lawful.
    TransferMechanism {
        Adequacy = "adequacy",
        BindingInstrumentPublicBodies = "binding_instrument_public_bodies",
        Bcr = "bcr", SccCommission = "scc_commission",
        SccSupervisoryAuthority = "scc_supervisory_authority",
        CodeOfConduct = "code_of_conduct", Certification = "certification",
        AdHocClauses = "ad_hoc_clauses", AdministrativeArrangement = "administrative_arrangement",
        DerogExplicitConsent = "derog_explicit_consent",
        DerogContractWithSubject = "derog_contract_with_subject",
        DerogContractInSubjectInterest = "derog_contract_in_subject_interest",
        DerogPublicInterest = "derog_public_interest", DerogLegalClaims = "derog_legal_claims",
        DerogVitalInterests = "derog_vital_interests",
        DerogPublicRegister = "derog_public_register",
        DerogCompellingLegitimateInterest = "derog_compelling_legitimate_interest",
    }
);

string_enum!(
    /// The CNIL families of security measures (art. 30(1)(g), art. 32).
    SecurityMeasure {
        AccessControl = "access_control", Traceability = "traceability",
        SoftwareProtection = "software_protection", Backup = "backup",
        Encryption = "encryption", ProcessorControl = "processor_control", Other = "other",
    }
);

string_enum!(
    /// How one person's data is erased from a store (a rights request, GDPR art. 17):
    /// `api` (a call or a script deletes the record), `manual` (someone deletes it by hand
    /// in the tool), `automatic-retention` (nothing to do: the retention period purges it),
    /// `not-possible` (the store cannot erase one person; say why in `reason`).
    ErasureMethod {
        Api = "api", Manual = "manual", AutomaticRetention = "automatic-retention",
        NotPossible = "not-possible",
    }
);

string_enum!(
    /// What happens to data when its retention period ends.
    EndAction { Delete = "delete", Anonymise = "anonymise", Archive = "archive", Review = "review" }
);

string_enum!(
    /// Where a retention period comes from.
    RetentionBasis {
        Legal = "legal", Recommended = "recommended", Contractual = "contractual",
        InternalPolicy = "internal_policy",
    }
);

string_enum!(
    /// The event a retention period runs from (gdpr.md §4.3); `event:<name>` names any
    /// other event.
    RetentionTrigger {
        Collection = "collection", LastContactFromSubject = "last_contact_from_subject",
        EndOfContract = "end_of_contract", EndOfRelationship = "end_of_relationship",
        AccountInactivity = "account_inactivity", Transaction = "transaction",
        EndOfFinancialYear = "end_of_financial_year", ConsentWithdrawal = "consent_withdrawal",
        Objection = "objection", RequestClosed = "request_closed",
    }
);

string_enum!(
    /// The state of the data protection impact assessment of a purpose.
    DpiaStatus {
        Required = "required", InProgress = "in-progress", Done = "done",
        NotRequired = "not-required",
    }
);

string_enum!(
    /// The life stage of a purpose: `active` (default), `planned` or `retired`. Only active
    /// purposes make data *used*.
    PurposeStatus { Active = "active", Planned = "planned", Retired = "retired" }
);

string_enum!(
    /// A language of the HTML, SVG and register outputs.
    Language { Fr = "fr", En = "en" }
);

string_enum!(
    /// The level of a rule: `off` silences it.
    LevelName { Off = "off", Info = "info", Warn = "warn", Error = "error" }
);

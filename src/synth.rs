//! Synthetic maps of any size, for the benchmarks and scale tests (`datacarto-synth`,
//! `benches/check.rs`). A [`Spec`] says how many stores, fields, flows and purposes; the
//! same spec and seed always give the same bytes. The map is clean (`datacarto check` finds
//! nothing, every rule included, so that a benchmark measures the checks and not the
//! printing of findings) and shaped like a real one: stores in layers from collection (low
//! numbers) to analytics (high numbers), flows going down the layers, a few long cross
//! links and synchronisations, and purposes that together use every field. The choices
//! that keep each rule quiet are said where they are made.
//! Not part of the public API: it may change with the benchmarks.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// How big a map to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    pub stores: usize,
    /// Declared fields in total, spread unevenly over the stores (at least one each).
    pub fields: usize,
    pub flows: usize,
    pub purposes: usize,
    pub seed: u64,
}

impl Spec {
    /// The size of the performance target (docs/performance.md).
    pub fn benchmark() -> Spec {
        Spec { stores: 2_000, fields: 100_000, flows: 10_000, purposes: 1_000, seed: 1 }
    }

    /// The benchmark map, or a fraction or multiple of it when `DATACARTO_BENCH_SCALE` says so
    /// (`0.25`: a quarter, to see how a stage grows or for a quick run). For the benchmarks.
    pub fn benchmark_scaled() -> Spec {
        let full = Spec::benchmark();
        let Some(scale) =
            std::env::var("DATACARTO_BENCH_SCALE").ok().and_then(|s| s.parse::<f64>().ok())
        else {
            return full;
        };
        let scaled = |n: usize| ((n as f64 * scale.max(0.0)).round() as usize).max(1);
        Spec {
            stores: scaled(full.stores),
            fields: scaled(full.fields),
            flows: scaled(full.flows),
            purposes: scaled(full.purposes),
            seed: full.seed,
        }
    }
}

/// Teams, objectives, flows per file and purposes per file are fixed: they are not what
/// the benchmarks scale.
const SQUADS: &[&str] = &["core", "growth", "platform", "ops", "analytics"];
const DEPARTMENTS: &[&str] = &[
    "sales",
    "marketing",
    "data",
    "it-integration",
    "finance",
    "support",
    "logistics",
    "ecommerce",
    "retail",
    "security",
];
const OBJECTIVES: &[(&str, &str)] = &[
    ("acquisition", "Win new customers"),
    ("retention", "Keep existing customers"),
    ("loyalty", "Grow loyalty programme membership"),
    ("cross-sell", "Sell other product lines to existing customers"),
    ("upsell", "Move customers to premium offers"),
    ("satisfaction", "Raise customer satisfaction"),
    ("churn-reduction", "Reduce churn"),
    ("compliance", "Meet legal and accounting obligations"),
    ("fraud-prevention", "Prevent payment and account fraud"),
    ("efficiency", "Lower the cost of operations"),
    ("personalisation", "Personalise offers and content"),
    ("awareness", "Build brand awareness"),
    ("reactivation", "Win back inactive customers"),
    ("omnichannel", "One customer view across shops and web"),
    ("customer-knowledge", "Know customers better"),
    ("pricing", "Set prices and promotions"),
    ("supply-chain", "Deliver orders on time"),
    ("payments", "Collect payments reliably"),
    ("service-quality", "Answer customer requests quickly"),
    ("data-quality", "Keep customer data accurate"),
];
const FLOWS_PER_FILE: usize = 500;
const PURPOSES_PER_FILE: usize = 50;

/// A kind of store, in layer order: the first ones collect data, the last ones analyse it.
const KINDS: &[(&str, &str)] = &[
    ("ecommerce", "Web shop"),
    ("pos", "Point of sale"),
    ("crm", "CRM"),
    ("service-desk", "Service desk"),
    ("erp", "ERP"),
    ("marketing", "Marketing platform"),
    ("database", "Operational database"),
    ("api", "Integration API"),
    ("cdp", "Customer data platform"),
    ("saas", "SaaS tool"),
    ("spreadsheet", "Shared spreadsheet"),
    ("files", "File share"),
    ("warehouse", "Data warehouse"),
    ("analytics", "Analytics workspace"),
    ("partner", "Partner"),
];
const VENDORS: &[&str] = &["Salesforce", "HubSpot", "Brevo", "Zendesk", "Snowflake", "Shopify"];
const LOCATIONS: &[&str] = &["FR", "FR", "FR", "DE", "IE", "NL", "BE", "ES"];
const MECHANISMS: &[&str] = &["api", "batch", "file", "etl", "event", "sync", "manual"];
const FREQUENCIES: &[&str] = &["realtime", "hourly", "daily", "daily", "weekly", "monthly"];

/// How a field of the catalogue enters a store when no flow delivers it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Collected,
    Derived,
}

/// A field as people name and categorise it; stores pick from this catalogue.
struct FieldKind {
    id: &'static str,
    name: &'static str,
    category: &'static str,
    origin: Origin,
    format: Option<&'static str>,
}

const fn kind(id: &'static str, name: &'static str, category: &'static str) -> FieldKind {
    FieldKind { id, name, category, origin: Origin::Collected, format: None }
}

const fn formatted(
    id: &'static str,
    name: &'static str,
    category: &'static str,
    format: &'static str,
) -> FieldKind {
    FieldKind { id, name, category, origin: Origin::Collected, format: Some(format) }
}

const fn derived(id: &'static str, name: &'static str, category: &'static str) -> FieldKind {
    FieldKind { id, name, category, origin: Origin::Derived, format: None }
}

/// The catalogue. Entry 0 is every store's identifier; `email` and `loyalty_id` are the other
/// identifiers. No special category: the map must not need an art. 9 condition.
const CATALOGUE: &[FieldKind] = &[
    kind("customer_id", "Customer ID", "user.unique_id"),
    formatted("email", "Email address", "user.contact.email", "email"),
    kind("first_name", "First name", "user.name.first"),
    kind("last_name", "Last name", "user.name.last"),
    formatted("phone", "Phone number", "user.contact.phone_number", "E.164"),
    formatted("mobile_phone", "Mobile phone", "user.contact.phone_number", "E.164"),
    kind("street", "Street address", "user.contact.address.street"),
    kind("city", "City", "user.contact.address.city"),
    kind("postal_code", "Postal code", "user.contact.address.postal_code"),
    formatted("country", "Country", "user.contact.address.country", "ISO 3166-1 alpha-2"),
    formatted("birth_date", "Date of birth", "user.demographic.date_of_birth", "ISO 8601"),
    kind("gender", "Gender", "user.demographic.gender"),
    kind("language", "Preferred language", "user.demographic.language"),
    kind("age_range", "Age range", "user.demographic.age_range"),
    kind("job_title", "Job title", "user.job_title"),
    kind("company", "Company", "user.contact.organization"),
    kind("username", "Username", "user.account.username"),
    kind("account_settings", "Account settings", "user.account.settings"),
    kind("password_hash", "Password hash", "user.authorization.password"),
    kind("loyalty_id", "Loyalty card number", "user.unique_id.pseudonymous"),
    kind("loyalty_tier", "Loyalty tier", "user.demographic.profile"),
    kind("cookie_id", "Cookie ID", "user.device.cookie_id"),
    kind("device_id", "Device ID", "user.device.device_id"),
    kind("ip_address", "IP address", "user.device.ip_address"),
    kind("approximate_location", "Approximate location", "user.location.imprecise"),
    kind("order_history", "Order history", "user.behavior.purchase_history"),
    formatted("last_order_date", "Last order date", "user.behavior.purchase_history", "ISO 8601"),
    kind("order_total", "Order total", "user.behavior.purchase_history"),
    derived("lifetime_value", "Lifetime value", "user.behavior.purchase_history"),
    kind("basket_content", "Basket content", "user.behavior.purchase_history"),
    kind("browsing_history", "Pages viewed", "user.behavior.browsing_history"),
    kind("search_terms", "Search terms", "user.behavior.search_history"),
    kind("newsletter_optin", "Newsletter consent", "user.privacy_preferences"),
    kind("sms_optin", "SMS consent", "user.privacy_preferences"),
    formatted("consent_date", "Consent date", "user.privacy_preferences", "ISO 8601"),
    kind("payment_method", "Payment method", "user.payment"),
    formatted("iban", "IBAN", "user.financial.bank_account", "ISO 13616"),
    kind("card_last_digits", "Card last digits", "user.financial.credit_card"),
    kind("ticket_text", "Support ticket text", "user.content.private"),
    kind("review_text", "Product review", "user.content.public"),
    kind("profile_photo", "Profile photo", "user.content.self_image"),
    kind("social_handle", "Social network handle", "user.social"),
    kind("website", "Website", "user.contact.url"),
    kind("app_events", "App usage events", "user.telemetry"),
    derived("segment", "Marketing segment", "user.demographic.profile"),
    derived("churn_score", "Churn score", "user.demographic.profile"),
    derived("next_best_offer", "Next best offer", "user.demographic.profile"),
    kind("preferred_shop", "Preferred shop", "user.demographic.profile"),
    kind("household_size", "Household size", "user.demographic.profile"),
    kind("workplace", "Workplace", "user.workplace"),
    formatted("created_at", "Created at", "system.operations", "ISO 8601"),
    formatted("updated_at", "Updated at", "system.operations", "ISO 8601"),
    kind("source_system", "Source system", "system.operations"),
    kind("record_status", "Record status", "system.operations"),
    kind("batch_id", "Batch ID", "system.operations"),
    kind("etl_run_id", "ETL run ID", "system.operations"),
    kind("checksum", "Row checksum", "system.operations"),
    kind("api_token", "API token", "system.authentication"),
    kind("sync_cursor", "Sync cursor", "system.operations"),
    kind("campaign_code", "Campaign code", "system.operations"),
];

/// The purposes people write, with the objective, lawful basis and data use that fit.
struct Theme {
    id: &'static str,
    name: &'static str,
    objective: &'static str,
    legal_basis: &'static str,
    data_use: &'static str,
}

const THEMES: &[Theme] = &[
    Theme {
        id: "newsletter",
        name: "Newsletter",
        objective: "retention",
        legal_basis: "consent",
        data_use: "marketing.communications.email",
    },
    Theme {
        id: "sms-campaigns",
        name: "SMS campaigns",
        objective: "reactivation",
        legal_basis: "consent",
        data_use: "marketing.communications.sms",
    },
    Theme {
        id: "order-fulfilment",
        name: "Order fulfilment",
        objective: "supply-chain",
        legal_basis: "contract",
        data_use: "essential.service",
    },
    Theme {
        id: "invoicing",
        name: "Invoicing and accounting",
        objective: "compliance",
        legal_basis: "legal_obligation",
        data_use: "essential.legal_obligation",
    },
    Theme {
        id: "fraud-detection",
        name: "Fraud detection",
        objective: "fraud-prevention",
        legal_basis: "legitimate_interests",
        data_use: "essential.fraud_detection",
    },
    Theme {
        id: "customer-support",
        name: "Customer support",
        objective: "service-quality",
        legal_basis: "contract",
        data_use: "essential.service.operations.support",
    },
    Theme {
        id: "loyalty-programme",
        name: "Loyalty programme",
        objective: "loyalty",
        legal_basis: "contract",
        data_use: "essential.service",
    },
    Theme {
        id: "sales-reporting",
        name: "Sales reporting",
        objective: "efficiency",
        legal_basis: "legitimate_interests",
        data_use: "analytics.reporting",
    },
    Theme {
        id: "churn-prediction",
        name: "Churn prediction",
        objective: "churn-reduction",
        legal_basis: "legitimate_interests",
        data_use: "analytics",
    },
    Theme {
        id: "personalised-offers",
        name: "Personalised offers",
        objective: "personalisation",
        legal_basis: "consent",
        data_use: "personalize.content.profiled",
    },
    Theme {
        id: "ad-audiences",
        name: "Advertising audiences",
        objective: "acquisition",
        legal_basis: "consent",
        data_use: "marketing.advertising.first_party.targeted",
    },
    Theme {
        id: "data-quality",
        name: "Customer data quality",
        objective: "data-quality",
        legal_basis: "legitimate_interests",
        data_use: "essential.service.operations",
    },
];

/// SplitMix64: tiny, fast, and good enough to spread a map; no dependency for it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift: no modulo bias worth the name.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `k` distinct indices of `0..n`, in the order drawn (a partial Fisher–Yates shuffle).
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }
}

/// A field as a number: `copy * CATALOGUE.len() + kind`. Copy 0 is `email`, copy 1 is
/// `email_2`: big stores repeat the catalogue the way real ones hold `phone_2`.
type Code = u32;

fn kind_of(code: Code) -> &'static FieldKind {
    &CATALOGUE[code as usize % CATALOGUE.len()]
}

fn copy_of(code: Code) -> usize {
    code as usize / CATALOGUE.len()
}

fn field_id(code: Code) -> String {
    match copy_of(code) {
        0 => kind_of(code).id.to_owned(),
        c => format!("{}_{}", kind_of(code).id, c + 1),
    }
}

/// What flows deliver into a field. A field that one flow alone delivers stays that flow's
/// own: no other flow, and no synchronisation back, may reach it. Every flow keeps one such
/// field, so that no flow is a duplicate or a bypass of others (`redundant-flow`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Delivery {
    None,
    Shared,
    Own,
}

struct Store {
    id: String,
    kind: usize,
    owner: usize,
    records: u64,
    /// Sorted, so that "does the destination have this field" is a binary search.
    fields: Vec<Code>,
    delivery: Vec<Delivery>,
}

impl Store {
    fn has(&self, code: Code) -> Option<usize> {
        self.fields.binary_search(&code).ok()
    }
}

struct Flow {
    id: Option<String>,
    from: usize,
    to: usize,
    /// `(source, target)`: indices into the fields of `from` and of `to`.
    fields: Vec<(usize, usize)>,
    both: bool,
    mechanism: &'static str,
    frequency: &'static str,
    owner: usize,
}

struct Purpose {
    id: String,
    theme: usize,
    owner: usize,
    /// `(store, Some(field index))`, or `(store, None)` for `store.*`.
    uses: Vec<(usize, Option<usize>)>,
    consent_record: Option<(usize, usize)>,
    dpia: bool,
    retention_years: usize,
}

struct Map {
    teams: Vec<String>,
    stores: Vec<Store>,
    flows: Vec<Flow>,
    purposes: Vec<Purpose>,
}

/// The files of the map: `(path relative to the map folder, YAML text)`, in a fixed order.
pub fn generate(spec: &Spec) -> Vec<(String, String)> {
    let map = build(spec);
    let mut files = vec![
        ("datacarto.yaml".to_owned(), project_file()),
        ("teams.yaml".to_owned(), teams_file(&map)),
    ];
    let width = digits(map.stores.len()).max(4);
    for (i, store) in map.stores.iter().enumerate() {
        files.push((format!("stores/store-{:0width$}.yaml", i + 1), store_file(&map, store)));
    }
    let chunks = map.flows.chunks(FLOWS_PER_FILE);
    let width = digits(chunks.len()).max(2);
    for (i, chunk) in chunks.enumerate() {
        files.push((format!("flows/flows-{:0width$}.yaml", i + 1), flows_file(&map, chunk)));
    }
    let chunks = map.purposes.chunks(PURPOSES_PER_FILE);
    let width = digits(chunks.len()).max(2);
    for (i, chunk) in chunks.enumerate() {
        files.push((
            format!("purposes/purposes-{:0width$}.yaml", i + 1),
            purposes_file(&map, chunk),
        ));
    }
    files
}

/// Writes the map into `dir` (created if needed), replacing files of the same names.
pub fn write(spec: &Spec, dir: &Path) -> io::Result<()> {
    for (rel, text) in generate(spec) {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        #[expect(
            clippy::disallowed_methods,
            reason = "a benchmark fixture generator, not part of datacarto's pipeline"
        )]
        std::fs::write(&path, text)?;
    }
    Ok(())
}

fn digits(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

fn build(spec: &Spec) -> Map {
    let mut rng = Rng(spec.seed);
    let teams: Vec<String> =
        DEPARTMENTS.iter().flat_map(|d| SQUADS.iter().map(move |s| format!("{d}-{s}"))).collect();
    let mut stores = make_stores(spec, &teams, &mut rng);
    let flows = make_flows(spec, &mut stores, teams.len(), &mut rng);
    let purposes = make_purposes(spec, &stores, &flows, teams.len(), &mut rng);
    Map { teams, stores, flows, purposes }
}

/// Field counts vary from a fifth to nearly twice the mean, and add up to `spec.fields`.
fn field_counts(spec: &Spec, n: usize, rng: &mut Rng) -> Vec<usize> {
    let weights: Vec<usize> = (0..n).map(|_| rng.range(20, 180)).collect();
    let total_weight: usize = weights.iter().sum();
    let target = spec.fields.max(n);
    let mut counts: Vec<usize> =
        weights.iter().map(|w| (target * w / total_weight).max(1)).collect();
    let mut sum: usize = counts.iter().sum();
    let mut i = rng.below(n);
    while sum != target {
        if sum < target {
            counts[i] += 1;
            sum += 1;
        } else if counts[i] > 1 {
            counts[i] -= 1;
            sum -= 1;
        }
        i = (i + 1) % n;
    }
    counts
}

fn make_stores(spec: &Spec, teams: &[String], rng: &mut Rng) -> Vec<Store> {
    let n = spec.stores.max(1);
    let counts = field_counts(spec, n, rng);
    let width = digits(n).max(4);
    let per_kind = n.div_ceil(KINDS.len());
    let catalogue = CATALOGUE.len();
    counts
        .into_iter()
        .enumerate()
        .map(|(i, count)| {
            // Kinds follow the layers, blurred a little so that neighbours differ.
            let layer = (i / per_kind + rng.below(2)).min(KINDS.len() - 1);
            // Every store holds the identifier; the rest is drawn from the catalogue,
            // copy after copy when the store is bigger than the catalogue.
            let mut fields: Vec<Code> = vec![0];
            let mut copy = 0;
            while fields.len() < count {
                let skip = usize::from(copy == 0); // the identifier is taken
                let want = (count - fields.len()).min(catalogue - skip);
                for k in rng.sample(catalogue - skip, want) {
                    fields.push((copy * catalogue + k + skip) as Code);
                }
                copy += 1;
            }
            fields.sort_unstable();
            // Most stores are below the DPIA "large scale" threshold (100,000 records).
            let thousands = if rng.percent(70) { rng.range(1, 99) } else { rng.range(100, 900) };
            Store {
                id: format!("{}-{:0width$}", KINDS[layer].0, i + 1),
                kind: layer,
                owner: rng.below(teams.len()),
                records: 1_000 * thousands as u64,
                delivery: vec![Delivery::None; fields.len()],
                fields,
            }
        })
        .collect()
}

fn make_flows(spec: &Spec, stores: &mut [Store], teams: usize, rng: &mut Rng) -> Vec<Flow> {
    let pairs = flow_pairs(spec, stores, rng);
    let mut incoming = vec![0usize; stores.len()];
    for &(_, to) in &pairs {
        incoming[to] += 1;
    }
    let mut fresh: Vec<usize> = stores.iter().map(|s| s.fields.len()).collect();
    let width = digits(spec.flows).max(5);
    let mut flows = Vec::with_capacity(pairs.len());
    for (i, (from, to)) in pairs.into_iter().enumerate() {
        incoming[to] -= 1;
        let both = rng.percent(3);
        let spare = Spare {
            to: fresh[to].saturating_sub(1 + incoming[to]),
            from: fresh[from].saturating_sub(incoming[from]),
        };
        let mut fields = carried(&stores[from], &stores[to], both, spare, rng);
        if both {
            let from_store = &mut stores[from];
            for &(k, _) in &fields {
                if from_store.delivery[k] == Delivery::None {
                    from_store.delivery[k] = Delivery::Shared;
                    fresh[from] -= 1;
                }
            }
        }
        let to_store = &mut stores[to];
        for (j, &(_, t)) in fields.iter().enumerate() {
            if to_store.delivery[t] == Delivery::None {
                fresh[to] -= 1;
            }
            // `carried` puts the flow's own field first.
            to_store.delivery[t] = if j == 0 && to_store.delivery[t] == Delivery::None {
                Delivery::Own
            } else {
                Delivery::Shared
            };
        }
        // People list fields in any order; the own field first would let `redundant-flow`
        // stop at the first field of every flow.
        let order = rng.sample(fields.len(), fields.len());
        fields = order.into_iter().map(|j| fields[j]).collect();
        flows.push(Flow {
            // Half the flows are named; the others take the default `<from>-to-<to>`.
            id: rng.percent(50).then(|| format!("flow-{:0width$}", i + 1)),
            from,
            to,
            fields,
            both,
            mechanism: rng.pick(MECHANISMS),
            frequency: rng.pick(FREQUENCIES),
            owner: rng.below(teams),
        });
    }
    flows
}

/// The `(from, to)` of every flow. Flows go down the layers only (a one-way flow back up
/// would make a loop, `flow-cycle`), mostly to a store at most two kinds further (web shop →
/// CRM → ERP), sometimes a long jump (a cross link). The lineage is then about fifteen stores
/// deep whatever the size of the map, as deep as the kinds of stores, and what grows with
/// the map is its width. One flow per pair of stores at most (a second would be a duplicate), and
/// a store receives at most one flow per two fields, so that each flow can keep a field of
/// its own. A crowded small map gets fewer flows than asked.
fn flow_pairs(spec: &Spec, stores: &[Store], rng: &mut Rng) -> Vec<(usize, usize)> {
    let n = stores.len();
    if n < 2 {
        return Vec::new();
    }
    let window = (2 * n / KINDS.len()).max(2);
    let room = |s: usize| (stores[s].fields.len() / 2).max(1);
    // The first flows tie every store to one upstream of it: no silo, and lineage chains as
    // deep as the layers.
    let mut pairs: Vec<(usize, usize)> =
        (1..n.min(spec.flows + 1)).map(|to| (to - 1 - rng.below(window.min(to)), to)).collect();
    let mut taken: std::collections::HashSet<(usize, usize)> = pairs.iter().copied().collect();
    let mut incoming = vec![0usize; n];
    for &(_, to) in &pairs {
        incoming[to] += 1;
    }
    while pairs.len() < spec.flows {
        let free = |p: &(usize, usize), incoming: &[usize]| {
            !taken.contains(p) && incoming[p.1] < room(p.1)
        };
        let drawn = (0..64)
            .map(|_| {
                let from = rng.below(n - 1);
                let to = if rng.percent(92) {
                    from + 1 + rng.below(window.min(n - 1 - from))
                } else {
                    rng.range(from + 1, n - 1)
                };
                (from, to)
            })
            .find(|p| free(p, &incoming));
        // Crowded: the first free pair after a random store, if any is left.
        let start = rng.below(n - 1);
        let Some(pair) = drawn.or_else(|| {
            (0..n - 1)
                .map(|d| (start + d) % (n - 1))
                .flat_map(|from| (from + 1..n).map(move |to| (from, to)))
                .find(|p| free(p, &incoming))
        }) else {
            break;
        };
        taken.insert(pair);
        incoming[pair.1] += 1;
        pairs.push(pair);
    }
    pairs
}

/// Fresh fields (that no flow delivers yet) a flow may fill beyond its own: the flows still
/// to come into a store need one each.
struct Spare {
    /// In the destination.
    to: usize,
    /// In the source, for a synchronisation: its reverse direction delivers into the sources.
    from: usize,
}

/// 3 to 20 fields of the source. The first lands on a fresh field: the flow's own. Most
/// others land on the destination field of the same id; about one in eight, and those the
/// destination lacks, are renamed onto a destination field of the same category when there
/// is one (`phone: mobile_phone`), else onto any field.
fn carried(
    from: &Store,
    to: &Store,
    both: bool,
    mut spare: Spare,
    rng: &mut Rng,
) -> Vec<(usize, usize)> {
    let want = rng.range(3, 20).min(from.fields.len());
    // Whether field `k` of the source may be carried; a synchronisation delivers into it.
    let source_ok = |k: usize, spare: &Spare, out: &[(usize, usize)]| {
        out.iter().all(|m| m.0 != k)
            && (!both
                || match from.delivery[k] {
                    Delivery::Own => false,
                    Delivery::Shared => true,
                    Delivery::None => spare.from > 0,
                })
    };
    let target_ok = |t: usize, spare: &Spare, out: &[(usize, usize)]| {
        out.iter().all(|m| m.1 != t)
            && match to.delivery[t] {
                Delivery::Own => false,
                Delivery::Shared => true,
                Delivery::None => spare.to > 0,
            }
    };
    let push = |(k, t): (usize, usize), spare: &mut Spare, out: &mut Vec<(usize, usize)>| {
        if both && from.delivery[k] == Delivery::None {
            spare.from -= 1;
        }
        // The first mapping is the flow's own field; it was counted for already.
        if !out.is_empty() && to.delivery[t] == Delivery::None {
            spare.to -= 1;
        }
        out.push((k, t));
    };
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(want);

    let fresh: Vec<usize> =
        (0..to.fields.len()).filter(|&t| to.delivery[t] == Delivery::None).collect();
    let sources: Vec<usize> =
        (0..from.fields.len()).filter(|&k| source_ok(k, &spare, &out)).collect();
    let same_id: Vec<(usize, usize)> = fresh
        .iter()
        .filter_map(|&t| from.has(to.fields[t]).filter(|k| sources.contains(k)).map(|k| (k, t)))
        .collect();
    if !same_id.is_empty() {
        push(rng.pick(&same_id), &mut spare, &mut out);
    } else if !fresh.is_empty() && !sources.is_empty() {
        push((rng.pick(&sources), rng.pick(&fresh)), &mut spare, &mut out);
    }

    let renamed = want / 8 + usize::from(rng.percent(30));
    for k in rng.sample(from.fields.len(), from.fields.len()) {
        if out.len() + renamed >= want {
            break;
        }
        if let Some(t) = to.has(from.fields[k])
            && source_ok(k, &spare, &out)
            && target_ok(t, &spare, &out)
        {
            push((k, t), &mut spare, &mut out);
        }
    }
    // Fields the destination lacks are the natural ones to rename: try them first.
    let mut order: Vec<(bool, u64, usize)> =
        sources.into_iter().map(|k| (to.has(from.fields[k]).is_some(), rng.next(), k)).collect();
    order.sort_unstable();
    for (_, _, k) in order {
        if out.len() >= want {
            break;
        }
        if !source_ok(k, &spare, &out) {
            continue;
        }
        let source = from.fields[k];
        let category = kind_of(source).category;
        let mut candidates: Vec<usize> = (0..to.fields.len())
            .filter(|&t| to.fields[t] != source && kind_of(to.fields[t]).category == category)
            .collect();
        if candidates.is_empty() {
            candidates = (0..8).map(|_| rng.below(to.fields.len())).collect();
        }
        let (start, n) = (rng.below(candidates.len()), candidates.len());
        if let Some(t) =
            (0..n).map(|d| candidates[(start + d) % n]).find(|&t| target_ok(t, &spare, &out))
        {
            push((k, t), &mut spare, &mut out);
        }
    }
    out
}

/// Categories that make a purpose "systematic monitoring" for the DPIA criteria.
const MONITORING: &[&str] = &[
    "user.behavior.browsing_history",
    "user.behavior.search_history",
    "user.device.cookie_id",
    "user.location.precise",
];

/// Purposes that together use every field, directly or through what it feeds: nothing is
/// kept without a purpose (`unused-field`, `unused-personal-data`). Stores are covered from
/// the last layer up, so that upstream fields are mostly useful already through the flows
/// and only what no flow carries on needs a use; a store with many such fields is used as
/// `store.*`. Each purpose then gets more uses, up to its size, from the downstream stores.
fn make_purposes(
    spec: &Spec,
    stores: &[Store],
    flows: &[Flow],
    teams: usize,
    rng: &mut Rng,
) -> Vec<Purpose> {
    let count = spec.purposes;
    if count == 0 {
        return Vec::new();
    }
    let n = stores.len();
    // Fields get global numbers: field `k` of store `s` is `offsets[s] + k`.
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    for s in stores {
        offsets.push(offsets.last().copied().unwrap_or(0) + s.fields.len());
    }
    let mut feeders: Vec<Vec<u32>> = vec![Vec::new(); offsets[n]];
    for f in flows {
        for &(k, t) in &f.fields {
            let (a, b) = (offsets[f.from] + k, offsets[f.to] + t);
            feeders[b].push(a as u32);
            if f.both {
                feeders[a].push(b as u32);
            }
        }
    }
    let mut useful = vec![false; offsets[n]];
    let mark = |field: usize, useful: &mut [bool]| {
        let mut stack = vec![field];
        while let Some(g) = stack.pop() {
            if !useful[g] {
                useful[g] = true;
                stack.extend(feeders[g].iter().map(|&a| a as usize));
            }
        }
    };

    let sizes: Vec<usize> = (0..count).map(|_| rng.range(5, 50)).collect();
    let mut uses: Vec<Vec<(usize, Option<usize>)>> = vec![Vec::new(); count];
    let mut current = 0;
    for s in (0..n).rev() {
        let missing: Vec<usize> =
            (0..stores[s].fields.len()).filter(|&k| !useful[offsets[s] + k]).collect();
        if missing.is_empty() {
            continue;
        }
        let entries: Vec<(usize, Option<usize>)> = if missing.len() > 12 {
            vec![(s, None)]
        } else {
            missing.iter().map(|&k| (s, Some(k))).collect()
        };
        for &k in &missing {
            mark(offsets[s] + k, &mut useful);
        }
        // A purpose reads neighbouring stores while it has room; then another one with room,
        // else the least loaded.
        let fits = |p: usize, uses: &[Vec<_>]| uses[p].len() + entries.len() <= sizes[p];
        if !fits(current, &uses) {
            let start = rng.below(count);
            current = (0..count)
                .map(|d| (start + d) % count)
                .find(|&p| fits(p, &uses))
                .unwrap_or_else(|| (0..count).min_by_key(|&p| uses[p].len()).unwrap_or(0));
        }
        uses[current].extend(entries);
    }
    for (p, list) in uses.iter_mut().enumerate() {
        // More uses, mostly from downstream stores (the larger of two draws leans to the end).
        for _ in 0..8 {
            if list.len() >= sizes[p] {
                break;
            }
            let s = rng.below(n).max(rng.below(n));
            if list.iter().any(|u| u.0 == s) {
                continue;
            }
            let take = (sizes[p] - list.len()).min(rng.range(3, 25));
            list.extend(rng.sample(stores[s].fields.len(), take).into_iter().map(|k| (s, Some(k))));
        }
        list.sort_unstable();
    }

    let optin = CATALOGUE.iter().position(|k| k.id == "newsletter_optin").unwrap_or(0) as Code;
    let any_optin = (0..n).find_map(|s| stores[s].has(optin).map(|k| (s, k)));
    let width = digits(count).max(4);
    uses.into_iter()
        .enumerate()
        .map(|(i, uses)| {
            // The proof of consent: the opt-in of a store the purpose reads, else the first
            // store that has one; without any, no purpose rests on consent.
            let mut theme = rng.below(THEMES.len());
            let own_optin = uses.iter().find_map(|&(s, _)| stores[s].has(optin).map(|k| (s, k)));
            let consent_record = if THEMES[theme].legal_basis == "consent" {
                let record = own_optin.or(any_optin);
                if record.is_none() {
                    theme = THEMES.iter().position(|t| t.legal_basis != "consent").unwrap_or(0);
                }
                record
            } else {
                None
            };
            // A DPIA is done where two criteria may be met: large scale or monitoring (plus
            // "combining", which most purposes of a layered map meet).
            let fields_used = |&(s, k): &(usize, Option<usize>)| match k {
                Some(k) => vec![stores[s].fields[k]],
                None => stores[s].fields.clone(),
            };
            let large = uses.iter().any(|&(s, _)| stores[s].records >= 100_000);
            let monitoring = uses
                .iter()
                .flat_map(fields_used)
                .any(|c| MONITORING.contains(&kind_of(c).category));
            Purpose {
                id: format!("{}-{:0width$}", THEMES[theme].id, i + 1),
                theme,
                owner: rng.below(teams),
                uses,
                consent_record,
                dpia: large || monitoring,
                retention_years: rng.range(3, 5),
            }
        })
        .collect()
}

/// Writing into a `String` cannot fail.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {
        {
            let _ = writeln!($out, $($arg)*);
        }
    };
}

fn project_file() -> String {
    let mut out = String::new();
    put!(out, "# A synthetic map written by datacarto-synth, for benchmarks and scale tests.");
    put!(out, "organization:");
    put!(out, "  name: Synthetic Retail SAS");
    put!(out, "  address: 1 rue de l'Exemple, 69002 Lyon");
    put!(out, "  country: FR");
    put!(out, "  email: privacy@synthetic-retail.example");
    put!(out, "  phone: \"+33 4 00 00 00 00\"");
    put!(out, "  dpo:");
    put!(out, "    name: Claire Martin");
    put!(out, "    email: dpo@synthetic-retail.example");
    put!(out, "language: en");
    out
}

fn teams_file(map: &Map) -> String {
    let mut out = String::new();
    put!(out, "teams:");
    for team in &map.teams {
        put!(out, "  - id: {team}");
        put!(out, "    name: {}", title(team));
        put!(out, "    email: {team}@synthetic-retail.example");
    }
    put!(out, "");
    put!(out, "objectives:");
    for (id, name) in OBJECTIVES {
        put!(out, "  - id: {id}");
        put!(out, "    name: {name}");
    }
    out
}

/// `it-integration-core` → `It integration core`.
fn title(id: &str) -> String {
    let text = id.replace('-', " ");
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn store_file(map: &Map, store: &Store) -> String {
    let (kind, label) = KINDS[store.kind];
    let number = &store.id[kind.len() + 1..];
    let mut out = String::with_capacity(120 * store.fields.len() + 512);
    // Derived, per store, so that the text does not depend on how many numbers were drawn
    // before: one store's file changes only when that store does.
    let mut rng = Rng(hash(&store.id));
    put!(out, "stores:");
    put!(out, "  - id: {}", store.id);
    put!(out, "    name: {label} {number}");
    put!(out, "    kind: {kind}");
    put!(out, "    owner: {}", map.teams[store.owner]);
    put!(out, "    domain: {}", DEPARTMENTS[store.owner / SQUADS.len()]);
    put!(out, "    description: {label} holding customer records of one business unit.");
    put!(out, "    location: [{}]", rng.pick(LOCATIONS));
    if matches!(kind, "crm" | "marketing" | "saas" | "service-desk" | "warehouse") {
        let vendor = rng.pick(VENDORS);
        put!(out, "    vendor: {vendor}");
        put!(out, "    contract: https://intranet.example/dpa/{}", store.id);
    }
    if kind == "partner" {
        put!(out, "    external: true");
    }
    if store.id == map.stores[0].id {
        put!(out, "    referential: true");
    }
    put!(out, "    records: {}", store.records);
    put!(out, "    security: [access_control, encryption, backup]");
    // Every store states how one person is erased there, as a governed map would.
    let erasure = ["api", "manual", "automatic-retention"][(store.records % 3) as usize];
    put!(out, "    erasure: {{method: {erasure}}}");
    put!(out, "    fields:");
    for (k, &code) in store.fields.iter().enumerate() {
        let field = kind_of(code);
        put!(out, "      - id: {}", field_id(code));
        match copy_of(code) {
            0 => put!(out, "        name: {}", field.name),
            c => put!(out, "        name: {} {}", field.name, c + 1),
        }
        put!(out, "        category: {}", field.category);
        let identifier = match field.id {
            "customer_id" => copy_of(code) == 0,
            "email" | "loyalty_id" => copy_of(code) == 0 && rng.percent(30),
            _ => false,
        };
        if identifier {
            put!(out, "        identifier: true");
        }
        // At or above the `low-completeness` threshold (0.8): every field is used.
        put!(out, "        completeness: {:.2}", 0.8 + rng.below(21) as f64 / 100.0);
        if let Some(format) = field.format {
            put!(out, "        format: {format}");
        }
        let source = if store.delivery[k] != Delivery::None {
            "received"
        } else if field.origin == Origin::Derived {
            "derived"
        } else {
            "collected"
        };
        put!(out, "        source: {source}");
        // No longer than any purpose keeps data (3 to 5 years): no `retention-conflict`.
        if rng.percent(10) {
            put!(out, "        retention:");
            put!(out, "          duration: P{}Y", rng.range(1, 3));
            put!(out, "          trigger: last_contact_from_subject");
            put!(out, "          end_action: delete");
        }
    }
    out
}

fn flows_file(map: &Map, flows: &[Flow]) -> String {
    let mut out = String::with_capacity(400 * flows.len());
    put!(out, "flows:");
    for flow in flows {
        let (from, to) = (&map.stores[flow.from], &map.stores[flow.to]);
        match &flow.id {
            Some(id) => {
                put!(out, "  - id: {id}");
                put!(out, "    from: {}", from.id);
            }
            None => put!(out, "  - from: {}", from.id),
        }
        put!(out, "    to: {}", to.id);
        put!(out, "    fields:");
        for &(k, t) in &flow.fields {
            let (source, target) = (from.fields[k], to.fields[t]);
            if source == target {
                put!(out, "      - {}", field_id(source));
            } else {
                put!(out, "      - {}: {}", field_id(source), field_id(target));
            }
        }
        put!(out, "    mechanism: {}", flow.mechanism);
        put!(out, "    frequency: {}", flow.frequency);
        if flow.both {
            put!(out, "    direction: both");
        }
        put!(out, "    owner: {}", map.teams[flow.owner]);
    }
    out
}

fn purposes_file(map: &Map, purposes: &[Purpose]) -> String {
    let mut out = String::with_capacity(1_200 * purposes.len());
    put!(out, "purposes:");
    for p in purposes {
        let theme = &THEMES[p.theme];
        put!(out, "  - id: {}", p.id);
        put!(out, "    name: {} {}", theme.name, &p.id[theme.id.len() + 1..]);
        put!(out, "    objective: {}", theme.objective);
        put!(out, "    owner: {}", map.teams[p.owner]);
        put!(out, "    use: {}", theme.data_use);
        put!(out, "    legal_basis: {}", theme.legal_basis);
        match theme.legal_basis {
            "legitimate_interests" => {
                put!(out, "    legitimate_interest: Running and protecting the business.");
            }
            "legal_obligation" => put!(out, "    legal_reference: French commercial code, L123-22"),
            _ => {}
        }
        if let Some((s, k)) = p.consent_record {
            let store = &map.stores[s];
            put!(out, "    consent_record: {}.{}", store.id, field_id(store.fields[k]));
        }
        put!(out, "    subjects: [customer]");
        put!(out, "    uses:");
        for &(s, field) in &p.uses {
            let store = &map.stores[s];
            match field {
                Some(k) => put!(out, "      - {}.{}", store.id, field_id(store.fields[k])),
                None => put!(out, "      - {}.*", store.id),
            }
        }
        put!(out, "    retention:");
        put!(out, "      duration: P{}Y", p.retention_years);
        put!(out, "      trigger: last_contact_from_subject");
        if p.dpia {
            put!(out, "    dpia:");
            put!(out, "      status: done");
            put!(out, "      link: https://intranet.example/dpia/{}", p.id);
        }
    }
    out
}

/// FNV-1a: a seed from a name.
fn hash(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::compile;
    use crate::date::Date;
    use crate::load::LoadOptions;

    fn small() -> Spec {
        Spec { stores: 40, fields: 1_500, flows: 200, purposes: 30, seed: 7 }
    }

    /// The same spec gives the same bytes; another seed gives another map.
    #[test]
    fn deterministic() {
        assert_eq!(generate(&small()), generate(&small()));
        assert_ne!(generate(&small()), generate(&Spec { seed: 8, ..small() }));
    }

    /// The map compiles with no finding, and holds exactly what the spec asked for.
    #[test]
    fn small_map_is_clean() {
        let spec = small();
        let dir = tempfile::tempdir().expect("a temporary folder");
        write(&spec, dir.path()).expect("the map is written");
        let as_of = Date::new(2026, 1, 1).expect("a date");
        let compiled = compile(dir.path(), &[], as_of, &LoadOptions::default()).expect("compiles");
        let messages: Vec<String> = compiled
            .report
            .findings
            .iter()
            .take(5)
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect();
        assert!(compiled.report.findings.is_empty(), "{messages:#?}");
        let model = &compiled.model;
        assert_eq!(model.stores.len(), spec.stores);
        assert_eq!(model.fields.len(), spec.fields, "no field is inferred");
        assert_eq!(model.flows.len(), spec.flows);
        assert_eq!(model.purposes.len(), spec.purposes);
        assert!(model.flows.iter().all(|f| (3..=20).contains(&f.fields.len())));
        assert!(model.purposes.iter().all(|p| p.uses.len() >= 5));
    }

    /// Stores bigger than the catalogue repeat it with numbered copies, and tiny maps work.
    #[test]
    fn extreme_sizes() {
        let big = Spec { stores: 2, fields: 400, flows: 3, purposes: 1, seed: 1 };
        let files = generate(&big);
        assert!(files.iter().any(|(_, text)| text.contains("- id: email_3\n")));
        let tiny = Spec { stores: 1, fields: 0, flows: 5, purposes: 1, seed: 1 };
        let files = generate(&tiny);
        assert!(files.iter().all(|(path, _)| !path.starts_with("flows/")));
    }
}

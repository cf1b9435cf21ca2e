//! The template environment: the built-in templates (embedded in the binary) and the user's
//! overrides (`--templates DIR`, read by the loader), which win by name. HTML autoescaping is
//! on: manifest text cannot become markup unless a template says `| safe`, which ours say
//! only for SVG and the rights-request checklist, which our own writers escaped.

use tera::{Context, Tera};

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/site/base.html")),
    ("index.html", include_str!("../../templates/site/index.html")),
    ("stores.html", include_str!("../../templates/site/stores.html")),
    ("store.html", include_str!("../../templates/site/store.html")),
    ("purposes.html", include_str!("../../templates/site/purposes.html")),
    ("purpose.html", include_str!("../../templates/site/purpose.html")),
    ("flows.html", include_str!("../../templates/site/flows.html")),
    ("fields.html", include_str!("../../templates/site/fields.html")),
    ("teams.html", include_str!("../../templates/site/teams.html")),
    ("objectives.html", include_str!("../../templates/site/objectives.html")),
    ("plan.html", include_str!("../../templates/site/plan.html")),
    ("findings.html", include_str!("../../templates/site/findings.html")),
    ("accepted.html", include_str!("../../templates/site/accepted.html")),
    ("findings_list.html", include_str!("../../templates/site/findings_list.html")),
    ("register.html", include_str!("../../templates/site/register.html")),
    ("rights.html", include_str!("../../templates/site/rights.html")),
    ("glossary.html", include_str!("../../templates/site/glossary.html")),
    ("access.html", include_str!("../../templates/site/access.html")),
    ("quality.html", include_str!("../../templates/site/quality.html")),
    ("subject.html", include_str!("../../templates/site/subject.html")),
];

/// Static files of the site.
pub const ASSETS: &[(&str, &str)] = &[
    ("assets/style.css", include_str!("../../templates/site/assets/style.css")),
    ("assets/site.js", include_str!("../../templates/site/assets/site.js")),
    ("assets/map.js", include_str!("../../templates/site/assets/map.js")),
];

/// The environment with the user's templates first, then the built-in ones they do not
/// replace.
pub fn environment(overrides: &[(String, String)]) -> anyhow::Result<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html"]);
    let mut all: Vec<(&str, &str)> =
        overrides.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    for (name, content) in TEMPLATES {
        if !overrides.iter().any(|(n, _)| n == name) {
            all.push((name, content));
        }
    }
    tera.add_raw_templates(all)
        .map_err(|e| anyhow::anyhow!("a site template does not compile: {e}"))?;
    Ok(tera)
}

/// Renders `template` with `context`, naming the template in errors.
pub fn render(tera: &Tera, template: &str, context: &Context) -> anyhow::Result<String> {
    tera.render(template, context).map_err(|e| anyhow::anyhow!("rendering {template}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in templates compile.
    #[test]
    fn templates_compile() {
        environment(&[]).unwrap();
    }

    /// A user template replaces the built-in one of its name.
    #[test]
    fn overrides_win() {
        let tera = environment(&[("stores.html".into(), "custom {{ 1 + 1 }}".into())]).unwrap();
        assert_eq!(render(&tera, "stores.html", &Context::new()).unwrap(), "custom 2");
    }
}

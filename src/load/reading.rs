//! Why a file cannot be read, in our own words in both languages: the operating system's
//! error text (`std::io::Error`'s Display) is English whatever the map's language, so each
//! error is said from its kind, with what to do.

use std::io;

use crate::diag::{Text, t};

/// `display` cannot be read because of `err`: the message and its help.
pub(crate) fn io_problem(display: &str, err: &io::Error) -> (Text, Text) {
    use io::ErrorKind as K;
    match err.kind() {
        K::PermissionDenied => (
            t!(
                "cannot read {display}: permission denied",
                "impossible de lire {display} : accès refusé"
            ),
            t!(
                "give the user who runs datacarto the right to read it, or leave it out with 'exclude:' in datacarto.yaml",
                "donnez le droit de le lire à l'utilisateur qui lance datacarto, ou écartez-le par 'exclude:' dans datacarto.yaml"
            ),
        ),
        K::NotFound => (
            t!(
                "cannot read {display}: it was removed while the map was read",
                "impossible de lire {display} : il a été supprimé pendant la lecture de la carte"
            ),
            t!("run the command again", "relancez la commande"),
        ),
        K::IsADirectory => (
            t!(
                "cannot read {display}: it is a folder",
                "impossible de lire {display} : c'est un dossier"
            ),
            t!(
                "rename the folder so that its name does not end in .yaml",
                "renommez le dossier pour que son nom ne finisse pas par .yaml"
            ),
        ),
        K::NotADirectory => (
            t!(
                "cannot read {display}: a part of its path is not a folder",
                "impossible de lire {display} : une partie de son chemin n'est pas un dossier"
            ),
            t!("run the command again", "relancez la commande"),
        ),
        K::InvalidData | K::UnexpectedEof => (
            t!(
                "cannot read {display}: the system returned damaged data",
                "impossible de lire {display} : le système a rendu des données abîmées"
            ),
            t!(
                "check the disk or the network share the file is on",
                "vérifiez le disque ou le partage réseau qui porte le fichier"
            ),
        ),
        K::FileTooLarge | K::OutOfMemory => (
            t!(
                "cannot read {display}: it is too large to read",
                "impossible de lire {display} : il est trop gros pour être lu"
            ),
            t!("split it into smaller files", "découpez-le en fichiers plus petits"),
        ),
        K::Interrupted | K::TimedOut | K::WouldBlock | K::ResourceBusy => (
            t!(
                "cannot read {display}: the read was interrupted",
                "impossible de lire {display} : la lecture a été interrompue"
            ),
            t!("run the command again", "relancez la commande"),
        ),
        _ => {
            // The system's number identifies the error in any language; its text would not.
            let code = err.raw_os_error().map(|c| format!(" ({c})")).unwrap_or_default();
            (
                t!(
                    "cannot read {display}: the system refused the read{code}",
                    "impossible de lire {display} : le système a refusé la lecture{code}"
                ),
                t!(
                    "check that the file can be opened, or leave it out with 'exclude:' in datacarto.yaml",
                    "vérifiez que le fichier s'ouvre, ou écartez-le par 'exclude:' dans datacarto.yaml"
                ),
            )
        }
    }
}

/// `display` is over the size a manifest may hold.
pub(crate) fn too_large(display: &str, bytes: u64) -> (Text, Text) {
    let (size, max) = (bytes / (1024 * 1024), super::yaml::limits::MAX_FILE_BYTES / (1024 * 1024));
    (
        t!(
            "{display} is {size} MiB, more than the {max} MiB a manifest may hold",
            "{display} fait {size} Mio, plus que les {max} Mio qu'un manifeste peut contenir"
        ),
        t!("split it into smaller files", "découpez-le en fichiers plus petits"),
    )
}

/// `display` is a FIFO, a socket or a device: never opened.
pub(crate) fn not_a_file(display: &str) -> (Text, Text) {
    (
        t!("{display} is not a regular file", "{display} n'est pas un fichier ordinaire"),
        t!(
            "a manifest is a plain file: rename this one so that its name does not end in .yaml",
            "un manifeste est un fichier ordinaire : renommez celui-ci pour que son nom ne finisse pas par .yaml"
        ),
    )
}

/// A folder of the map that links back to one of its parents.
pub(crate) fn link_loop(display: &str) -> (Text, Text) {
    (
        t!(
            "cannot read {display}: its links lead back to a folder above it",
            "impossible de lire {display} : ses liens ramènent à un dossier au-dessus"
        ),
        t!("remove the link that loops", "retirez le lien qui boucle"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::enums::Language;

    /// Each kind of error gets its own sentence, none of them the system's English.
    #[test]
    fn io_errors_in_our_words() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        let (message, help) = io_problem("a.yaml", &denied);
        assert_eq!(message.en, "cannot read a.yaml: permission denied");
        assert_eq!(message.get(Language::Fr), "impossible de lire a.yaml\u{a0}: accès refusé");
        assert!(help.fr.is_some());
        let other = io::Error::from_raw_os_error(5);
        let (message, _) = io_problem("a.yaml", &other);
        assert_eq!(message.en, "cannot read a.yaml: the system refused the read (5)");
        assert!(!message.get(Language::Fr).contains("Input/output"), "{message:?}");
    }
}

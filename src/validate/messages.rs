//! The one table of validation messages (rule × locale).
//!
//! Templates take positional arguments `{0}`..`{9}`, filled only with limits from
//! [`super`]'s constants, enum values or server data (allowed versions) — never with the user's
//! own input, which may be hostile text. Messages are built only when an issue is produced.

use super::Locale;

/// A message kind. Each has one English and one French template in [`template`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    // generic
    Required,
    RequiredForHa,
    BodyNotObject,
    TypeString,
    TypeInteger,
    TypeBoolean,
    TypeObject,
    TypeArray,
    TypeStringOrNumber,
    Empty,
    PositiveInteger,
    // create C1..C9
    NameLength,
    NamePattern,
    NameForbidden,
    Sizing,
    DiskSize,
    Password,
    PwLength,
    PwLower,
    PwUpper,
    PwDigit,
    PwSpecial,
    ListSep,
    ListLast,
    Topology,
    Trigram,
    AllowedReplicationLag,
    NodePrefixLength,
    NodePrefixPattern,
    // operations O1..O8, P4
    OperationUnknown,
    RestoreStop,
    TimestampFormat,
    TimestampFuture,
    TimestampTooOldProduction,
    TimestampTooOldNonProduction,
    TimestampTooOldUnknown,
    InstanceNotActive,
    SourceNotBackedUp,
    HaReplicationLag,
    HaNotStandalone,
    HaVersion,
    ExclusionReasonRequired,
    PatchGroupMembers,
    ExtensionsEmpty,
    ExtensionVersion,
    TargetVersionNumber,
    TargetVersionPattern,
    TargetVersionNotOffered,
    NoUpgradeAvailable,
}

/// `[English, French]` template of each message. French follows French typography
/// (non-breaking space before `:` and `;`, guillemets).
const fn template(key: Key) -> [&'static str; 2] {
    match key {
        Key::Required => ["This field is required.", "Ce champ est obligatoire."],
        Key::RequiredForHa => [
            "This field is required when the topology is HA.",
            "Ce champ est obligatoire lorsque la topologie est HA.",
        ],
        Key::BodyNotObject => [
            "The request body must be a JSON object.",
            "Le corps de la requête doit être un objet JSON.",
        ],
        Key::TypeString => ["This value must be text.", "Cette valeur doit être un texte."],
        Key::TypeInteger => [
            "This value must be a whole number.",
            "Cette valeur doit être un nombre entier.",
        ],
        Key::TypeBoolean => [
            "This value must be true or false.",
            "Cette valeur doit être vrai (true) ou faux (false).",
        ],
        Key::TypeObject => ["This value must be an object.", "Cette valeur doit être un objet."],
        Key::TypeArray => ["This value must be a list.", "Cette valeur doit être une liste."],
        Key::TypeStringOrNumber => [
            "This value must be text or a number.",
            "Cette valeur doit être un texte ou un nombre.",
        ],
        Key::Empty => ["This value must not be empty.", "Cette valeur ne doit pas être vide."],
        Key::PositiveInteger => [
            "This value must be a whole number of at least {0}.",
            "Cette valeur doit être un nombre entier supérieur ou égal à {0}.",
        ],
        Key::NameLength => [
            "The name must be between {0} and {1} characters long.",
            "Le nom doit comporter entre {0} et {1} caractères.",
        ],
        Key::NamePattern => [
            "The name may contain only lowercase letters (a-z) and digits (0-9).",
            "Le nom ne peut contenir que des lettres minuscules (a-z) et des chiffres (0-9).",
        ],
        Key::NameForbidden => [
            "The name must not be \"{0}\".",
            "Le nom ne doit pas être «\u{a0}{0}\u{a0}».",
        ],
        Key::Sizing => [
            "The sizing must read <N>cpu<M>gb with whole numbers from 1 and no leading zero, e.g. 2cpu4gb.",
            "Le gabarit doit s’écrire <N>cpu<M>gb avec des nombres entiers à partir de 1 sans zéro initial, par exemple 2cpu4gb.",
        ],
        Key::DiskSize => [
            "The disk size must be a whole number of GB between {0} and {1}.",
            "La taille du disque doit être un nombre entier de Go compris entre {0} et {1}.",
        ],
        Key::Password => [
            "The password must contain {0}.",
            "Le mot de passe doit contenir {0}.",
        ],
        Key::PwLength => ["at least {0} characters", "au moins {0}\u{a0}caractères"],
        Key::PwLower => ["a lowercase letter", "une lettre minuscule"],
        Key::PwUpper => ["an uppercase letter", "une lettre majuscule"],
        Key::PwDigit => ["a digit", "un chiffre"],
        Key::PwSpecial => [
            "a special character (neither a letter nor a digit)",
            "un caractère spécial (ni lettre ni chiffre)",
        ],
        Key::ListSep => [", ", ", "],
        Key::ListLast => [" and ", " et "],
        Key::Topology => [
            "The topology must be {0} or {1}.",
            "La topologie doit être {0} ou {1}.",
        ],
        Key::Trigram => [
            "The trigram must be exactly three letters.",
            "Le trigramme doit comporter exactement trois lettres.",
        ],
        Key::AllowedReplicationLag => [
            "The allowed replication lag must be a whole number of MB between {0} and {1}.",
            "Le retard de réplication autorisé doit être un nombre entier de Mo compris entre {0} et {1}.",
        ],
        Key::NodePrefixLength => [
            "The node prefix must be between {0} and {1} characters long.",
            "Le préfixe des nœuds doit comporter entre {0} et {1} caractères.",
        ],
        Key::NodePrefixPattern => [
            "The node prefix may contain only uppercase letters (A-Z) and digits (0-9).",
            "Le préfixe des nœuds ne peut contenir que des lettres majuscules (A-Z) et des chiffres (0-9).",
        ],
        Key::OperationUnknown => [
            "Unknown operation. Expected one of: {0}.",
            "Opération inconnue. Valeurs attendues\u{a0}: {0}.",
        ],
        Key::RestoreStop => [
            "The stop option must be {0} or {1}.",
            "L’option stop doit valoir {0} ou {1}.",
        ],
        Key::TimestampFormat => [
            "The timestamp must be an RFC 3339 date-time, e.g. 2022-11-02T09:32:02.000+00:00.",
            "L’horodatage doit être une date-heure RFC 3339, par exemple 2022-11-02T09:32:02.000+00:00.",
        ],
        Key::TimestampFuture => [
            "The timestamp must not be in the future.",
            "L’horodatage ne doit pas être dans le futur.",
        ],
        Key::TimestampTooOldProduction => [
            "The timestamp must lie within the last {0} days (production service).",
            "L’horodatage doit se situer dans les {0}\u{a0}derniers jours (service de production).",
        ],
        Key::TimestampTooOldNonProduction => [
            "The timestamp must lie within the last {0} days (non-production service).",
            "L’horodatage doit se situer dans les {0}\u{a0}derniers jours (service hors production).",
        ],
        Key::TimestampTooOldUnknown => [
            "The timestamp must lie within the last {0} days ({1} days for a non-production service).",
            "L’horodatage doit se situer dans les {0}\u{a0}derniers jours ({1}\u{a0}jours pour un service hors production).",
        ],
        Key::InstanceNotActive => [
            "The instance must be ACTIVE for this operation.",
            "L’instance doit être à l’état ACTIVE pour cette opération.",
        ],
        Key::SourceNotBackedUp => [
            "The source instance must be backed up.",
            "L’instance source doit être sauvegardée.",
        ],
        Key::HaReplicationLag => [
            "The replication lag must be a whole number between {0} and {1}.",
            "Le retard de réplication doit être un nombre entier compris entre {0} et {1}.",
        ],
        Key::HaNotStandalone => [
            "Only a STANDALONE instance can be converted to HA.",
            "Seule une instance STANDALONE peut être convertie en HA.",
        ],
        Key::HaVersion => [
            "Converting to HA needs PostgreSQL {0} or later.",
            "La conversion en HA nécessite PostgreSQL {0} ou une version ultérieure.",
        ],
        Key::ExclusionReasonRequired => [
            "A reason is required when the instance is excluded from the patch party.",
            "Un motif est obligatoire lorsque l’instance est exclue de la patch party.",
        ],
        Key::PatchGroupMembers => [
            "A patch group can be chosen only when the instance has exactly one member.",
            "Un groupe de patch ne peut être choisi que si l’instance a exactement un membre.",
        ],
        Key::ExtensionsEmpty => [
            "At least one extension is required.",
            "Au moins une extension est requise.",
        ],
        Key::ExtensionVersion => [
            "Self-service extension install needs PostgreSQL {0} or later; for older versions, ask support.",
            "L’installation d’extensions en libre-service nécessite PostgreSQL {0} ou une version ultérieure\u{a0}; pour les versions antérieures, passez par le support.",
        ],
        Key::TargetVersionNumber => [
            "The target version must be text such as \"16\", not a number.",
            "La version cible doit être un texte tel que «\u{a0}16\u{a0}», pas un nombre.",
        ],
        Key::TargetVersionPattern => [
            "The target version must be a major version number written as text, e.g. \"16\".",
            "La version cible doit être un numéro de version majeure écrit en texte, par exemple «\u{a0}16\u{a0}».",
        ],
        Key::TargetVersionNotOffered => [
            "This instance can be upgraded only to: {0}.",
            "Cette instance ne peut être mise à niveau que vers\u{a0}: {0}.",
        ],
        Key::NoUpgradeAvailable => [
            "No upgrade is available for this instance.",
            "Aucune mise à niveau n’est disponible pour cette instance.",
        ],
    }
}

/// A template argument: a limit or a fixed text (never the user's value).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arg<'a> {
    /// A number, e.g. a limit.
    Int(i64),
    /// A fixed or server-provided text.
    Text(&'a str),
}

/// The raw template of `key` in `locale` (for list parts and separators).
pub(crate) fn text(key: Key, locale: Locale) -> &'static str {
    let [en, fr] = template(key);
    match locale {
        Locale::En => en,
        Locale::Fr => fr,
    }
}

/// `key`'s template in `locale` with `{n}` replaced by `args[n]` (missing args leave nothing).
pub(crate) fn render(key: Key, locale: Locale, args: &[Arg<'_>]) -> String {
    let mut out = String::with_capacity(text(key, locale).len() + 16);
    render_into(&mut out, key, locale, args);
    out
}

/// [`render`], appended to `out` (the fast boundary writes messages straight into its answer).
pub(crate) fn render_into(out: &mut String, key: Key, locale: Locale, args: &[Arg<'_>]) {
    use std::fmt::Write;
    let mut rest = text(key, locale);
    while let Some(i) = rest.find('{') {
        // `get`, not `[..]`: indexing str links a panic path of ~4 KB (its `{:?}` of a char).
        out.push_str(rest.get(..i).unwrap_or_default());
        let after = rest.get(i + 1..).unwrap_or_default();
        match after.as_bytes() {
            [d @ b'0'..=b'9', b'}', ..] => {
                match args.get(usize::from(d - b'0')) {
                    Some(Arg::Int(n)) => {
                        let _ = write!(out, "{n}");
                    }
                    Some(Arg::Text(s)) => out.push_str(s),
                    None => {}
                }
                rest = after.get(2..).unwrap_or_default();
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Joins localised parts as "a, b and c" / "a, b et c".
pub(crate) fn join_list(parts: &[String], locale: Locale) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(text(
                if i + 1 == parts.len() {
                    Key::ListLast
                } else {
                    Key::ListSep
                },
                locale,
            ));
        }
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_fills_arguments_and_keeps_other_braces() {
        assert_eq!(
            render(Key::NameLength, Locale::En, &[Arg::Int(5), Arg::Int(60)]),
            "The name must be between 5 and 60 characters long."
        );
        assert_eq!(
            render(Key::NameLength, Locale::Fr, &[Arg::Int(5), Arg::Int(60)]),
            "Le nom doit comporter entre 5 et 60 caractères."
        );
        assert_eq!(
            render(Key::NameLength, Locale::En, &[]),
            "The name must be between  and  characters long."
        );
    }

    #[test]
    fn join_list_uses_the_locale_conjunction() {
        let parts = ["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(join_list(&parts, Locale::En), "a, b and c");
        assert_eq!(join_list(&parts, Locale::Fr), "a, b et c");
        assert_eq!(join_list(&parts[..1], Locale::Fr), "a");
    }
}

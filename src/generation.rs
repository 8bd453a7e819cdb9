//! The keytool generation rkeytool follows: 17, 21 or 25 (the default).
//!
//! keytool's defaults and wording changed between the long-term-support JDKs.
//! Everything a generation changes is in one table, [`Profile`], one row per
//! generation ([`Generation::profile`]); the rest of the library asks the
//! row of [`Generation::current`] instead of testing version numbers.
//!
//! Zone names, which also differ (keytool 17 and 21 print `BRT` where 25
//! prints `GMT-03:00`), are a table of their own, keyed by generation:
//! `src/calendar/java_zone_names.tsv` (see [`crate::calendar`]).
//!
//! What differs, as run on keytool 17.0.9, 21.0.8 and 25.0.2:
//!
//! | | 17 | 21 | 25 |
//! |---|---|---|---|
//! | `-keyalg RSA` without `-keysize` | 2048 | 3072 | 3072 |
//! | `-keyalg EC` without `-groupname` | secp256r1 | secp384r1 | secp384r1 |
//! | default `-sigalg`, RSA up to 3072 bits | SHA256withRSA | SHA384withRSA | SHA384withRSA |
//! | default `-sigalg`, EC below 384 bits | SHA256withECDSA | SHA384withECDSA | SHA384withECDSA |
//! | "Generating … key pair" size | `2,048 bit RSA` | `3,072 bit RSA` | `3072-bit RSA` |
//! | EdDSA / XDH keys | `255-bit Ed25519 key`, `255-bit XDH key` | same as 17 | `Ed25519 key`, `X25519 key` |
//! | PEM (`-rfc`, `-certreq`) | LF after BEGIN, before and after END | as 17 | CRLF everywhere |
//! | SHA-1 signature warning | "… security risk. This algorithm will be disabled in a future update." | "… security risk." | as 21 |
//! | weak key warning | "… This key size will be disabled in a future update." | as 17 | "… It will be disabled in a future update." |
//! | zone names (`Date.toString`) | Java's own names (`BRT`, `GST`) | as 17 | CLDR only (`GMT-03:00`) |
//! | `-keyalg RSASSA-PSS` without `-keysize`: "Generating … key pair" | `-1 bit RSASSA-PSS` (the key is 2048 bits) | `3,072 bit RSASSA-PSS` | `3072-bit RSASSA-PSS` |
//! | `-version` | Illegal option | `keytool 21.0.8` | `keytool 25.0.2` |
//! | name questions | six questions | "Enter the distinguished name. …" first; `.` leaves a part out | as 21 |

use std::sync::OnceLock;

/// A keytool generation: the JDK long-term-support release whose keytool
/// rkeytool follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Generation {
    /// JDK 17's keytool.
    Jdk17,
    /// JDK 21's keytool.
    Jdk21,
    /// JDK 25's keytool (the default).
    Jdk25,
}

/// The environment variable that picks the generation when no
/// `-keytoolversion` is given.
pub const ENV_VAR: &str = "RKEYTOOL_KEYTOOL_VERSION";

/// How "Generating N bit … key pair" writes the size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeStyle {
    /// `2,048 bit` (Java's `%,d bit`, JDK 17 and 21).
    Thousands,
    /// `2048-bit` (JDK 25).
    Hyphenated,
}

/// Everything that depends on the generation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The generation this row describes.
    pub generation: Generation,
    /// The JDK release whose keytool was compared (`keytool -version`).
    pub release: &'static str,
    /// `-genkeypair -keyalg RSA` without `-keysize`.
    pub default_rsa_bits: u32,
    /// `-genkeypair -keyalg EC` without `-groupname` or `-keysize`.
    pub default_ec_bits: u32,
    /// RSA keys up to this many bits get SHA256withRSA by default (0: none do).
    pub rsa_sha256_max_bits: u32,
    /// EC keys up to this many bits get SHA256withECDSA by default (0: none do).
    pub ec_sha256_max_bits: u32,
    /// The size in "Generating … key pair".
    pub size_style: SizeStyle,
    /// EdDSA and XDH keys printed with a size and XDH as `XDH`
    /// (`255-bit XDH key`); otherwise by curve without a size (`X25519 key`).
    pub sized_edwards_keys: bool,
    /// PEM written by keytool (`-rfc`, `-certreq`) ends every line with CRLF;
    /// otherwise only the body lines do, and the boundaries end with LF.
    pub pem_crlf: bool,
    /// What follows "… signature algorithm which is considered a security
    /// risk." for a weak (not disabled) signature algorithm.
    pub weak_signature_tail: &'static str,
    /// What follows "… key which is considered a security risk." for a weak
    /// (not disabled) key.
    pub weak_key_tail: &'static str,
    /// `-genkeypair` without `-dname` starts each round of questions with
    /// [`DNAME_INTRO`], takes a single `.` as "leave this part out", and asks
    /// again when every part is left out ([`DNAME_EMPTY`]); otherwise `.` is
    /// a value like any other.
    pub dname_dot_leaves_out: bool,
    /// What follows "<algorithm> key" for a key keytool cannot size (an
    /// algorithm Java does not know): keytool 17 and 21 say
    /// `1.3.6.1.4.1.99999.1 key of unknown size`, 25 `1.3.6.1.4.1.99999.1 key`.
    pub unknown_size_tail: &'static str,
    /// `-genkeypair -keyalg RSASSA-PSS` without `-keysize` announces the
    /// size it has not looked up yet: keytool 17 says `Generating -1 bit
    /// RSASSA-PSS key pair` (and makes a key of the RSA default size).
    pub pss_default_size_unknown: bool,
}

/// The line keytool 21 and 25 print before the distinguished-name questions.
pub const DNAME_INTRO: &str = "Enter the distinguished name. Provide a single dot (.) to leave a sub-component empty or press ENTER to use the default value in braces.";

/// keytool 21 and 25, when every part of the name was left out.
pub const DNAME_EMPTY: &str = "At least one field must be provided. Enter again.";

const PROFILES: [Profile; 3] = [
    Profile {
        generation: Generation::Jdk17,
        release: "17.0.9",
        default_rsa_bits: 2048,
        default_ec_bits: 256,
        rsa_sha256_max_bits: 3072,
        ec_sha256_max_bits: 383,
        size_style: SizeStyle::Thousands,
        sized_edwards_keys: true,
        pem_crlf: false,
        weak_signature_tail: " This algorithm will be disabled in a future update.",
        weak_key_tail: " This key size will be disabled in a future update.",
        dname_dot_leaves_out: false,
        unknown_size_tail: " of unknown size",
        pss_default_size_unknown: true,
    },
    Profile {
        generation: Generation::Jdk21,
        release: "21.0.8",
        default_rsa_bits: 3072,
        default_ec_bits: 384,
        rsa_sha256_max_bits: 0,
        ec_sha256_max_bits: 0,
        size_style: SizeStyle::Thousands,
        sized_edwards_keys: true,
        pem_crlf: false,
        weak_signature_tail: "",
        weak_key_tail: " This key size will be disabled in a future update.",
        dname_dot_leaves_out: true,
        unknown_size_tail: " of unknown size",
        pss_default_size_unknown: false,
    },
    Profile {
        generation: Generation::Jdk25,
        release: "25.0.2",
        default_rsa_bits: 3072,
        default_ec_bits: 384,
        rsa_sha256_max_bits: 0,
        ec_sha256_max_bits: 0,
        size_style: SizeStyle::Hyphenated,
        sized_edwards_keys: false,
        pem_crlf: true,
        weak_signature_tail: "",
        weak_key_tail: " It will be disabled in a future update.",
        dname_dot_leaves_out: true,
        unknown_size_tail: "",
        pss_default_size_unknown: false,
    },
];

static CURRENT: OnceLock<Generation> = OnceLock::new();

impl Generation {
    /// Every generation, oldest first.
    pub const ALL: [Generation; 3] = [Generation::Jdk17, Generation::Jdk21, Generation::Jdk25];

    /// The default: the newest long-term-support keytool, whose defaults are
    /// the secure ones.
    pub const DEFAULT: Generation = Generation::Jdk25;

    /// The JDK's major version: 17, 21 or 25.
    pub fn major(self) -> u32 {
        match self {
            Generation::Jdk17 => 17,
            Generation::Jdk21 => 21,
            Generation::Jdk25 => 25,
        }
    }

    /// Reads `17`, `21` or `25` (a full release such as `21.0.8` names its
    /// major version).
    pub fn parse(text: &str) -> Option<Generation> {
        let major = text.trim().split('.').next().unwrap_or_default();
        Generation::ALL
            .into_iter()
            .find(|g| g.major().to_string() == major)
    }

    /// This generation's row of the table.
    pub fn profile(self) -> &'static Profile {
        &PROFILES[self as usize]
    }

    /// The generation this process follows: the one given to
    /// [`Generation::set_current`], else [`Generation::DEFAULT`].
    pub fn current() -> Generation {
        CURRENT.get().copied().unwrap_or(Generation::DEFAULT)
    }

    /// Chooses the generation for this process, once, before anything is
    /// printed. Returns false (and changes nothing) when one was already chosen.
    pub fn set_current(g: Generation) -> bool {
        CURRENT.set(g).is_ok()
    }
}

impl Profile {
    /// The row of the current generation.
    pub fn current() -> &'static Profile {
        Generation::current().profile()
    }

    /// A key size as "Generating … key pair" writes it: `2,048 bit` or `2048-bit`.
    pub fn generating_size(&self, bits: u32) -> String {
        match self.size_style {
            SizeStyle::Thousands => format!("{} bit", thousands(bits)),
            SizeStyle::Hyphenated => format!("{bits}-bit"),
        }
    }
}

impl Profile {
    /// The key in "Generating … key pair and self-signed certificate":
    /// `2,048 bit RSA`, `256 bit EC (secp256r1)`, `255 bit Ed25519` for
    /// keytool 17 and 21; `3072-bit RSA`, `384-bit EC (secp384r1)`,
    /// `Ed25519` (EdDSA and XDH keys without a size) for keytool 25.
    pub fn generating_key(&self, bits: u32, name: &str, edwards: bool) -> String {
        self.generating_key_sized(bits, name, edwards, true)
    }

    /// [`Profile::generating_key`] for a key whose size was given
    /// (`-keysize`, `-groupname`) or not: keytool 17 shows an RSASSA-PSS
    /// key of the default size as `-1 bit` ([`Profile::pss_default_size_unknown`]).
    pub fn generating_key_sized(
        &self,
        bits: u32,
        name: &str,
        edwards: bool,
        given: bool,
    ) -> String {
        if !given && name == "RSASSA-PSS" && self.pss_default_size_unknown {
            return format!("-1 bit {name}");
        }
        if edwards && !self.sized_edwards_keys {
            name.to_string()
        } else {
            format!("{} {name}", self.generating_size(bits))
        }
    }
}

/// A number with Java's `%,d` grouping: `2,048`.
pub fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_are_in_order() {
        for g in Generation::ALL {
            assert_eq!(g.profile().generation, g);
            assert!(g.profile().release.starts_with(&g.major().to_string()));
        }
    }

    #[test]
    fn parses_majors_and_releases() {
        assert_eq!(Generation::parse("17"), Some(Generation::Jdk17));
        assert_eq!(Generation::parse("21.0.8"), Some(Generation::Jdk21));
        assert_eq!(Generation::parse(" 25 "), Some(Generation::Jdk25));
        assert_eq!(Generation::parse("11"), None);
        assert_eq!(Generation::parse("2"), None);
        assert_eq!(Generation::parse(""), None);
    }

    #[test]
    fn sizes() {
        let p17 = Generation::Jdk17.profile();
        let p25 = Generation::Jdk25.profile();
        assert_eq!(p17.generating_size(2048), "2,048 bit");
        assert_eq!(p17.generating_size(256), "256 bit");
        assert_eq!(p25.generating_size(3072), "3072-bit");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(p17.generating_key(255, "Ed25519", true), "255 bit Ed25519");
        assert_eq!(p25.generating_key(255, "Ed25519", true), "Ed25519");
        assert_eq!(
            p25.generating_key(384, "EC (secp384r1)", false),
            "384-bit EC (secp384r1)"
        );
    }
}

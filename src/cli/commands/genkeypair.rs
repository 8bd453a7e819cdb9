//! `-genkeypair` (legacy `-genkey`): a key pair and a self-signed certificate.

use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::cert;
use rkeytool::keygen::{EcCurve, KeyAlgorithm, PrivateKey, SignatureAlgorithm};
use rkeytool::keystore::now_millis;
use rkeytool::{Entry, KeyMaterial, Password, StoreType, StoredEntry, dname, ext};

/// keytool's default validity, in days.
pub const DEFAULT_VALIDITY_DAYS: u32 = 90;

/// Runs `-genkeypair`.
pub fn run(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    let alias = super::alias(args).to_string();
    let keyalg = args.value("keyalg").ok_or_else(|| {
        CliError::new("The -keyalg option must be specified.")
            .hint("for example: -keyalg RSA -keysize 2048")
    })?;
    let keyalg = KeyAlgorithm::from_name(keyalg)?;
    let (keysize, keysize_warning) = key_size(args, keyalg)?;
    let validity = super::number(args, "validity")?.unwrap_or(DEFAULT_VALIDITY_DAYS);
    let sigalg = args
        .value("sigalg")
        .map(SignatureAlgorithm::from_name)
        .transpose()?;
    if let Some(s) = sigalg {
        keyalg.check_signature_algorithm(s)?;
    }
    let now_s = now_millis() / 1000;
    let not_before = match args.value("startdate") {
        Some(s) => cert::parse_startdate(s, now_s)?,
        None => now_s,
    };
    let dname_text = match args.value("dname") {
        Some(d) => d.to_string(),
        None => ask_dname(p)?,
    };
    // Checked before the keystore is opened, as keytool does.
    dname::parse(&dname_text)?;
    ext::parse_all(args.values("ext"))?;

    let mut open = store::open_or_create(args, p)?;
    if open.store.contains(&alias) {
        return Err(CliError::new(format!(
            "Key pair not generated, alias <{alias}> already exists"
        )));
    }
    let key_password = key_password(args, p, &open.store.store_type(), &open.password, &alias)?;

    let spec = rkeytool::keystore::KeyPairSpec {
        algorithm: keyalg,
        bits: Some(keysize),
        dname: dname_text,
        validity_days: validity,
        not_before: Some(not_before),
        signature_algorithm: sigalg,
        extensions: args.values("ext").to_vec(),
    };
    let (mut entry, sigalg) = spec.generate()?;
    let key = match &entry.key {
        KeyMaterial::Plain(der) => PrivateKey::from_pkcs8_der(der)?,
        // KeyPairSpec::generate returns the key in the clear.
        _ => return Err(CliError::new("generated key is not in the clear")),
    };
    entry.password = StoreType::entry_password(&key_password, &open.password);
    let certificate = entry.chain[0].clone();
    eprintln!(
        "Generating {} key pair and self-signed certificate ({}) with a validity of {} days\n\tfor: {}",
        rkeytool::generation::Profile::current().generating_key(
            key.bits(),
            &key.display_name(),
            keyalg == KeyAlgorithm::Ed25519
        ),
        sigalg.name(),
        validity,
        dname::format(certificate.parsed().tbs_certificate().subject())
    );
    let alias_for_warnings = alias.clone();
    open.store.insert(StoredEntry {
        alias,
        created_millis: now_millis(),
        entry: Entry::PrivateKey(entry),
    })?;
    let mut warnings: Vec<String> = keysize_warning.into_iter().collect();
    warnings.extend(
        match &open.store.get(&alias_for_warnings).map(|e| &e.entry) {
            Some(Entry::PrivateKey(pk)) => pk
                .chain
                .first()
                .map(|c| rkeytool::text::weak_warnings(c, "The generated certificate", false))
                .unwrap_or_default(),
            _ => Vec::new(),
        },
    );
    store::save(&open, store::protection(args))?;
    if !warnings.is_empty() {
        eprintln!("\nWarning:");
        for w in warnings {
            eprintln!("{w}");
        }
    }
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}

/// The key size from `-keysize` or `-groupname` (never both, as keytool),
/// with keytool 17's deprecation warning when an EC key's size is given by
/// `-keysize`.
fn key_size(args: &Parsed, keyalg: KeyAlgorithm) -> CliResult<(u32, Option<String>)> {
    let keysize = super::number(args, "keysize")?;
    let Some(group) = args.value("groupname") else {
        let warning = match (keyalg, keysize) {
            (KeyAlgorithm::Ec, Some(n)) => Some(format!(
                "Specifying -keysize for generating EC keys is deprecated, please use \"-groupname {}\" instead.",
                EcCurve::from_bits(n)?.name()
            )),
            _ => None,
        };
        return Ok((keysize.unwrap_or(keyalg.default_size()), warning));
    };
    if keysize.is_some() {
        return Err(CliError::new("Cannot specify both -groupname and -keysize"));
    }
    match keyalg {
        KeyAlgorithm::Ec => Ok((EcCurve::from_name(group)?.bits(), None)),
        KeyAlgorithm::Ed25519 if group.eq_ignore_ascii_case("Ed25519") => Ok((255, None)),
        _ => Err(CliError::new(format!(
            "-groupname {group} cannot be used with -keyalg {}",
            keyalg.name()
        ))
        .hint("-groupname names an EC curve: secp256r1, secp384r1 or secp521r1")),
    }
}

/// The password for the new key: JKS takes `-keypass` (or asks, RETURN for
/// the store password); PKCS12 always uses the store password.
fn key_password(
    args: &Parsed,
    p: &mut Prompter,
    t: &StoreType,
    store_password: &Password,
    alias: &str,
) -> CliResult<Password> {
    let given = prompt::from_arg(args.password("keypass"), "keypass")?;
    match t {
        StoreType::Pkcs12 => Ok(super::pkcs12_key_password(given, store_password)),
        StoreType::Jks | StoreType::Jceks => match given {
            Some(k) if k.char_len() < 6 => {
                Err(CliError::new("Key password must be at least 6 characters"))
            }
            Some(k) => Ok(k),
            None if p.is_tty() => {
                let k = p.secret(&format!(
                    "Enter key password for <{alias}>\n\t(RETURN if same as keystore password):  "
                ))?;
                match k {
                    Some(k) if !k.is_empty() => Ok(k),
                    _ => Ok(store_password.clone()),
                }
            }
            None => Ok(store_password.clone()),
        },
    }
}

/// keytool's questions for a distinguished name, asked on a terminal only.
fn ask_dname(p: &mut Prompter) -> CliResult<String> {
    if !p.is_tty() {
        return Err(CliError::new("no -dname given and there is no terminal to ask on")
            .hint("give the name, e.g. -dname \"CN=app.example.com, OU=IT, O=Example, L=Paris, C=FR\""));
    }
    let questions = [
        ("CN", "What is your first and last name?"),
        ("OU", "What is the name of your organizational unit?"),
        ("O", "What is the name of your organization?"),
        ("L", "What is the name of your City or Locality?"),
        ("ST", "What is the name of your State or Province?"),
        ("C", "What is the two-letter country code for this unit?"),
    ];
    let mut parts = Vec::new();
    for (key, q) in questions {
        let a = p
            .answer(&format!("{q}\n  [Unknown]:  "))?
            .unwrap_or_default();
        let a = if a.trim().is_empty() {
            "Unknown".to_string()
        } else {
            a.trim().replace(',', "\\,")
        };
        parts.push(format!("{key}={a}"));
    }
    let dn = parts.join(", ");
    let ok = p
        .answer(&format!("Is {dn} correct?\n  [no]:  "))?
        .unwrap_or_default();
    if matches!(ok.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
        Ok(dn)
    } else {
        Err(CliError::new(
            "Key pair not generated: the distinguished name was not confirmed",
        ))
    }
}

//! `-genkeypair` (legacy `-genkey`): a key pair and a self-signed certificate.

use crate::cli::args::{StoreArgs, WriteArgs};
use crate::cli::error::{self, CliError, CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::cert::{self, CertificateTemplate};
use rkeytool::generation::{self, Profile};
use rkeytool::keys::{EcCurve, KeyAlgorithm, PrivateKey, SignatureAlgorithm};
use rkeytool::keystore::now_millis;
use rkeytool::{Entry, KeyMaterial, Password, PrivateKeyEntry, StoreType, StoredEntry, dname, ext};
use std::io::Write;

/// `-genkeypair` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "genkeypair",
    aliases: &["genkey"],
    help: "Generates a key pair",
    options: &[
        Opt::Alias,
        Opt::Keyalg,
        Opt::Keysize,
        Opt::Groupname,
        Opt::Sigalg,
        Opt::Dname,
        Opt::Startdate,
        Opt::Ext,
        Opt::Validity,
        Opt::Keypass,
        Opt::Keystore,
        Opt::Signer,
        Opt::Signerkeypass,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Addprovider,
        Opt::Providerclass,
        Opt::Providerpath,
        Opt::V,
        Opt::Protected,
        Opt::Legacy,
        Opt::Macalg,
    ],
    keytool: true,
    run: start,
};

/// What `-genkeypair` takes from the command line.
struct Args<'a> {
    /// `-alias`, else keytool's `mykey`.
    alias: &'a str,
    keyalg: Option<&'a str>,
    keysize: Option<&'a str>,
    groupname: Option<&'a str>,
    sigalg: Option<&'a str>,
    dname: Option<&'a str>,
    startdate: Option<&'a str>,
    ext: &'a [String],
    validity: Option<&'a str>,
    signer: Option<&'a str>,
    keypass: Option<&'a PasswordArg>,
    signerkeypass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
    write: WriteArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            keyalg: p.value(Opt::Keyalg),
            keysize: p.value(Opt::Keysize),
            groupname: p.value(Opt::Groupname),
            sigalg: p.value(Opt::Sigalg),
            dname: p.value(Opt::Dname),
            startdate: p.value(Opt::Startdate),
            ext: p.values(Opt::Ext),
            validity: p.value(Opt::Validity),
            signer: p.value(Opt::Signer),
            keypass: p.password(Opt::Keypass),
            signerkeypass: p.password(Opt::Signerkeypass),
            store: StoreArgs::new(p),
            write: WriteArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p).map(|()| 0)
}

/// keytool's default validity, in days.
pub const DEFAULT_VALIDITY_DAYS: u32 = 90;

/// Runs `-genkeypair`.
fn run(args: &Args, p: &mut Prompter) -> CliResult<()> {
    let alias = args.alias.to_string();
    let keyalg = args
        .keyalg
        .ok_or_else(|| CliError::from(Fault::KeyalgMissing { key_pair: true }))?;
    let keyalg_name = keyalg;
    let eddsa = keyalg.eq_ignore_ascii_case("EdDSA");
    let keyalg = KeyAlgorithm::from_name(keyalg)?;
    let (keysize, keysize_warning) = key_size(args, keyalg)?;
    // keytool's `-keyalg EdDSA -keysize 448` (or `-groupname Ed448`) makes
    // an Ed448 key; `-keyalg Ed25519` with 448 stays an error.
    let xdh = keyalg_name.eq_ignore_ascii_case("XDH");
    let keyalg = if eddsa && keysize == 448 {
        KeyAlgorithm::Ed448
    } else if xdh && keysize == 448 {
        KeyAlgorithm::X448
    } else {
        keyalg
    };
    let signer = args.signer;
    if signer.is_none() && keyalg.is_xdh() {
        return Err(Fault::XdhCannotSign.into());
    }
    let validity = super::number(Opt::Validity, args.validity)?.unwrap_or(DEFAULT_VALIDITY_DAYS);
    let sigalg = args.sigalg.map(SignatureAlgorithm::from_name).transpose()?;
    if let (Some(s), None) = (sigalg, signer) {
        keyalg.check_signature_algorithm(s)?;
    }
    let now_s = now_millis() / 1000;
    let not_before = match args.startdate {
        Some(s) => rkeytool::calendar::parse_startdate(s, now_s)?,
        None => now_s,
    };
    let given_subject = args.dname.map(dname::parse).transpose()?;
    // keytool's `for:` line shows the name as parsed, before DER sorts the
    // AVAs of a multi-valued RDN.
    let typed_subject = args.dname.map(dname::format_as_typed).transpose()?;
    let ext_request = ext::parse_all(args.ext)?;

    let mut open = store::open_or_create(&args.store, p)?;
    if open.store.contains(&alias) {
        return Err(error::alias_taken(&alias, error::NotMade::KeyPair));
    }
    // keytool asks for the name after the store password, before making the key.
    let subject = match given_subject {
        Some(s) => s,
        None => ask_dname(p)?,
    };

    // With -signer (keytool's way for keys that cannot sign), the signer
    // entry's key issues the certificate and its chain follows it.
    let signer = match signer {
        Some(a) => Some(signer_of(args, &open, a)?),
        None => None,
    };
    let (pkcs8, spki_der, bits, display_name, self_key) = if keyalg.is_xdh() {
        let oid = if keyalg == KeyAlgorithm::X25519 {
            rkeytool::keys::xdh::X25519
        } else {
            rkeytool::keys::xdh::X448
        };
        let (pkcs8, spki_der) = rkeytool::keys::xdh::generate(oid)?;
        // keytool 17 and 21 call both curves XDH; keytool 25 by name.
        let name = if rkeytool::generation::Profile::current().sized_edwards_keys {
            "XDH"
        } else {
            keyalg.name()
        };
        (pkcs8, spki_der, keysize, name.to_string(), None)
    } else {
        let key = PrivateKey::generate(keyalg, keysize)?;
        (
            zeroize::Zeroizing::new(key.pkcs8_der().to_vec()),
            key.public_key_der()?,
            key.bits()?,
            key.display_name()?,
            Some(key),
        )
    };
    let (signing_key, issuer, authority_key_id, signer_chain) = match (&signer, &self_key) {
        (Some(s), _) => (
            &s.key,
            s.subject.clone(),
            Some(s.key_id.clone()),
            s.chain.clone(),
        ),
        (None, Some(k)) => (k, subject.clone(), None, Vec::new()),
        (None, None) => return Err(Fault::XdhCannotSign.into()),
    };
    let sigalg = match sigalg {
        Some(s) => s,
        None => SignatureAlgorithm::default_for(signing_key)?,
    };
    signing_key.check_signature_algorithm(sigalg)?;
    let extensions = ext_request.build(&spki_der, authority_key_id.as_deref(), None)?;
    let template = CertificateTemplate {
        serial: cert::random_serial(),
        issuer,
        subject,
        not_before,
        not_after: not_before + i64::from(validity) * 86400,
        spki_der,
        extensions,
    };
    let certificate = rkeytool::keys::issue(&template, signing_key, sigalg)?;
    let size = rkeytool::generation::Profile::current().generating_key_sized(
        bits,
        &display_name,
        matches!(
            keyalg,
            KeyAlgorithm::Ed25519 | KeyAlgorithm::Ed448 | KeyAlgorithm::X25519 | KeyAlgorithm::X448
        ),
        args.keysize.is_some() || args.groupname.is_some(),
    );
    let how = match args.signer {
        Some(a) => format!(
            "a certificate ({}) issued by <{}>",
            sigalg.name(),
            rkeytool::keystore::normalize_alias(a)
        ),
        None => format!("self-signed certificate ({})", sigalg.name()),
    };
    eprintln!(
        "Generating {size} key pair and {how} with a validity of {validity} days\n\tfor: {}",
        typed_subject
            .unwrap_or_else(|| dname::format(certificate.parsed().tbs_certificate().subject()))
    );
    let mut chain = vec![certificate];
    chain.extend(signer_chain);
    // keytool asks for a JKS key's own password after making the key.
    let key_password = key_password(args, p, &open.store.store_type(), &open.password, &alias)?;
    let alias_for_warnings = alias.clone();
    open.store.insert(StoredEntry {
        alias,
        created_millis: now_millis(),
        entry: Entry::PrivateKey(PrivateKeyEntry {
            key: KeyMaterial::Plain(pkcs8),
            chain,
            password: StoreType::entry_password(&key_password, &open.password),
        }),
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
    store::save(&open, store::protection(&args.write)?)?;
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
fn key_size(args: &Args, keyalg: KeyAlgorithm) -> CliResult<(u32, Option<String>)> {
    let keysize = super::number(Opt::Keysize, args.keysize)?;
    let Some(group) = args.groupname else {
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
        return Err(Fault::GroupnameAndKeysize.into());
    }
    match keyalg {
        KeyAlgorithm::Ec => Ok((EcCurve::from_name(group)?.bits(), None)),
        KeyAlgorithm::Ed25519 if group.eq_ignore_ascii_case("Ed25519") => Ok((255, None)),
        // EdDSA arrives here as Ed25519; `-keyalg Ed25519 -groupname Ed448`
        // is refused by generate() as keytool refuses it.
        KeyAlgorithm::Ed25519 | KeyAlgorithm::Ed448 if group.eq_ignore_ascii_case("Ed448") => {
            Ok((448, None))
        }
        _ => Err(Fault::GroupnameMismatch {
            group: group.to_string(),
            keyalg: keyalg.name(),
        }
        .into()),
    }
}

/// The password for the new key: JKS takes `-keypass` (or asks, RETURN for
/// the store password); PKCS12 always uses the store password.
fn key_password(
    args: &Args,
    p: &mut Prompter,
    t: &StoreType,
    store_password: &Password,
    alias: &str,
) -> CliResult<Password> {
    let given = prompt::from_arg(args.keypass, "keypass")?;
    match t {
        StoreType::Pkcs12 | StoreType::Pem => Ok(crate::cli::recover::pkcs12_key_password(
            given,
            store_password,
        )),
        StoreType::Jks | StoreType::Jceks | StoreType::Bks | StoreType::Uber | StoreType::Bcfks => {
            match given {
                Some(k) if k.char_len() < 6 => {
                    Err(error::password_too_short(error::ShortPassword::Key))
                }
                Some(k) => Ok(k),
                None => prompt::new_key_password(p, alias, store_password),
            }
        }
    }
}

/// keytool's questions for a distinguished name (`getX500Name`), on a
/// terminal or from standard input: six questions whose bracketed defaults
/// are the previous answers, then "Is <name> correct?"; anything but y/yes
/// asks the six again. Answers are taken as typed and quoted as keytool
/// quotes them (`CN="Doe, John"`). keytool 21 and 25 introduce each round
/// with a line of their own and take a single `.` as "leave this part out"
/// (see [`Profile::dname_dot_leaves_out`]).
fn ask_dname(p: &mut Prompter) -> CliResult<x509_cert::name::Name> {
    const QUESTIONS: [&str; 6] = [
        "What is your first and last name?",
        "What is the name of your organizational unit?",
        "What is the name of your organization?",
        "What is the name of your City or Locality?",
        "What is the name of your State or Province?",
        "What is the two-letter country code for this unit?",
    ];
    let no_name = || CliError::from(Fault::NoDname);
    let dot_leaves_out = Profile::current().dname_dot_leaves_out;
    let mut answers: [String; 6] = std::array::from_fn(|_| "Unknown".to_string());
    for _ in 0..=20 {
        if dot_leaves_out {
            p.say(generation::DNAME_INTRO);
        }
        for (question, answer) in QUESTIONS.iter().zip(answers.iter_mut()) {
            match p.answer(&format!("{question}\n  [{answer}]:  "))? {
                Some(a) if dot_leaves_out && a == "." => answer.clear(),
                Some(a) if !a.is_empty() => *answer = a,
                Some(_) => {}
                None if p.is_tty() => {}
                None => return Err(no_name()),
            }
        }
        if answers.iter().all(String::is_empty) {
            p.say(generation::DNAME_EMPTY);
            continue;
        }
        let [cn, ou, o, l, st, c] = &answers;
        let name = dname::from_answers(cn, ou, o, l, st, c)?;
        let reply = p.answer(&format!("Is {} correct?\n  [no]:  ", dname::format(&name)))?;
        match reply.map(|r| r.to_lowercase()) {
            Some(r) if r == "y" || r == "yes" => {
                eprintln!();
                return Ok(name);
            }
            None if !p.is_tty() => return Err(no_name()),
            _ => {}
        }
    }
    Err(Fault::TooManyRetries.into())
}

/// The entry that signs a `-signer` certificate: its key (with
/// `-signerkeypass`, else the store password), subject, key identifier and chain.
struct Signer {
    key: PrivateKey,
    subject: x509_cert::name::Name,
    key_id: Vec<u8>,
    chain: Vec<rkeytool::Certificate>,
}

fn signer_of(args: &Args, open: &store::OpenStore, alias: &str) -> CliResult<Signer> {
    let stored = open
        .store
        .get(alias)
        .ok_or_else(|| error::alias_not_found(alias))?;
    let Entry::PrivateKey(pk) = &stored.entry else {
        return Err(error::alias_lacks(alias, error::Lacks::Key));
    };
    // -signerkeypass, else the store password (as keytool tries first).
    let given = prompt::from_arg(args.signerkeypass, "signerkeypass")?;
    let (der, _) = open
        .store
        .private_key(alias, Some(&open.password), given.as_ref())
        .map_err(CliError::from)?;
    let key = PrivateKey::from_pkcs8_der_for_signing(&der)?;
    let cert = pk
        .chain
        .first()
        .ok_or_else(|| error::alias_lacks(alias, error::Lacks::Certificate))?;
    let tbs = cert.parsed().tbs_certificate();
    let key_id = match tbs.extensions().and_then(|e| ext::find_subject_key_id(e)) {
        Some(id) => id,
        None => ext::key_identifier(&cert.spki_der()?)?.to_vec(),
    };
    Ok(Signer {
        key,
        subject: tbs.subject().clone(),
        key_id,
        chain: pk.chain.clone(),
    })
}

//! keytool's `-ext` syntax: `name{:critical}{=value}`.
//!
//! This follows `createV3Extensions` in JDK 17's `sun.security.tools.keytool.Main`
//! and encodes each extension value byte for byte as the JDK does.
//!
//! | name (abbreviation)            | value                                             |
//! |--------------------------------|---------------------------------------------------|
//! | `BasicConstraints` (`BC`)      | none (CA), `n` (CA, pathlen n), `ca:bool,pathlen:n` |
//! | `KeyUsage` (`KU`)              | `digitalSignature,keyEncipherment,...`            |
//! | `ExtendedKeyUsage` (`EKU`)     | `serverAuth,clientAuth,...` or dotted OIDs        |
//! | `SubjectAlternativeName` (`SAN`), `IssuerAlternativeName` (`IAN`) | `type:value,...` with type `EMAIL URI DNS IP OID` |
//! | `SubjectInfoAccess` (`SIA`), `AuthorityInfoAccess` (`AIA`) | `method:type:value,...` (never critical) |
//! | `CRLDistributionPoints` (`CRLDP`) | `type:value,...` (one distribution point)      |
//! | a dotted OID                   | hex bytes: the extension value                    |
//! | `honored=...`                  | for `-gencert`: which requested extensions to copy |
//!
//! Names and keywords match keytool's way: an exact match, else a unique
//! prefix or camel-case abbreviation (`keyE`, `kCS`), case-sensitively first
//! and then ignoring case. `:critical` (any prefix of it, even empty) marks the
//! extension critical; nothing is critical by default, not even
//! BasicConstraints. A later `-ext` for the same extension replaces an earlier
//! one, and keytool writes the extensions ordered by their dotted OID string.

mod encode;
mod general_name;
mod raw;
mod syntax;

use crate::dname::parse_oid;
use crate::error::{Error, Result};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280;
use der::asn1::OctetString;
use sha1::{Digest, Sha1};
use std::collections::BTreeMap;
use syntax::{EXT_NAMES, illegal, invalid, java_split, one_of};
use x509_cert::ext::Extension;

/// `id-ce-subjectKeyIdentifier`, 2.5.29.14.
pub const SUBJECT_KEY_IDENTIFIER: ObjectIdentifier = rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER;
/// `id-ce-keyUsage`, 2.5.29.15.
pub const KEY_USAGE: ObjectIdentifier = rfc5280::ID_CE_KEY_USAGE;
/// `id-ce-subjectAltName`, 2.5.29.17.
pub const SUBJECT_ALT_NAME: ObjectIdentifier = rfc5280::ID_CE_SUBJECT_ALT_NAME;
/// `id-ce-issuerAltName`, 2.5.29.18.
pub const ISSUER_ALT_NAME: ObjectIdentifier = rfc5280::ID_CE_ISSUER_ALT_NAME;
/// `id-ce-basicConstraints`, 2.5.29.19.
pub const BASIC_CONSTRAINTS: ObjectIdentifier = rfc5280::ID_CE_BASIC_CONSTRAINTS;
/// `id-ce-cRLDistributionPoints`, 2.5.29.31.
pub const CRL_DISTRIBUTION_POINTS: ObjectIdentifier = rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS;
/// `id-ce-authorityKeyIdentifier`, 2.5.29.35.
pub const AUTHORITY_KEY_IDENTIFIER: ObjectIdentifier = rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER;
/// `id-ce-extKeyUsage`, 2.5.29.37.
pub const EXT_KEY_USAGE: ObjectIdentifier = rfc5280::ID_CE_EXT_KEY_USAGE;
/// `id-pe-authorityInfoAccess`, 1.3.6.1.5.5.7.1.1.
pub const AUTHORITY_INFO_ACCESS: ObjectIdentifier = rfc5280::ID_PE_AUTHORITY_INFO_ACCESS;
/// `id-pe-subjectInfoAccess`, 1.3.6.1.5.5.7.1.11.
pub const SUBJECT_INFO_ACCESS: ObjectIdentifier = rfc5280::ID_PE_SUBJECT_INFO_ACCESS;

/// Which extension an `-ext` value names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bc,
    Ku,
    Eku,
    San,
    Ian,
    Sia,
    Aia,
    CrlDp,
}

/// keytool's `honored=` error for an extension that is not there.
fn not_found(oid: &str) -> Error {
    invalid(format!("No extension found with name {oid}"))
}

/// The parsed `-ext` values of one command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtRequest {
    /// The extensions the values ask for, with their criticality, one per
    /// OID (a later value replaces an earlier one) and in keytool's order
    /// (ascending dotted-OID string).
    pub extensions: Vec<Extension>,
    /// The list after the first `honored=` value, lower-cased as keytool
    /// reads it (`all`, `san`, `-bc`, `ku:critical`...). Only `-gencert`
    /// uses it; see [`ExtRequest::build`].
    pub honored: Option<String>,
}

/// Parses keytool's `-ext` values.
///
/// Errors are [`Error::Syntax`] with keytool's wording, e.g.
/// `Illegal value: bc=ca:maybe:1`, `Unknown keyUsage type: foo`,
/// `command S is ambiguous: ...`.
pub fn parse_all(specs: &[String]) -> Result<ExtRequest> {
    let mut map: BTreeMap<String, Extension> = BTreeMap::new();
    let mut honored = None;
    for spec in specs {
        if honored.is_none() {
            let lower = spec.to_lowercase();
            if let Some(list) = lower.strip_prefix("honored=") {
                honored = Some(list.to_string());
            }
        }
        if let Some(ext) = parse_one(spec)? {
            map.insert(ext.extn_id.to_string(), ext);
        }
    }
    Ok(ExtRequest {
        extensions: map.into_values().collect(),
        honored,
    })
}

impl ExtRequest {
    /// Assembles the extensions keytool writes into a certificate (or, with
    /// no `requested`, into a `-certreq` request), in keytool's order:
    ///
    /// 1. the non-critical SubjectKeyIdentifier of `subject_spki_der`;
    /// 2. an AuthorityKeyIdentifier holding `authority_key_id`, if given
    ///    (`-gencert` passes the issuer's SubjectKeyIdentifier, or
    ///    [`key_identifier`] of its key; nothing when the subject and issuer
    ///    keys are the same);
    /// 3. for `-gencert`, the `requested` extensions of the PKCS#10 request
    ///    selected by `honored=` (`all`, `name`, `name:critical`,
    ///    `name:non-critical`, `-name` to drop one);
    /// 4. the extensions of the `-ext` values, replacing any of the above
    ///    with the same OID.
    pub fn build(
        &self,
        subject_spki_der: &[u8],
        authority_key_id: Option<&[u8]>,
        requested: Option<&[Extension]>,
    ) -> Result<Vec<Extension>> {
        let mut map: BTreeMap<String, Extension> = BTreeMap::new();
        // Ordered as keytool orders them, by the dotted OID (a stand-in for
        // an OID const-oid cannot hold sorts as the real one).
        let put = |map: &mut BTreeMap<String, Extension>, e: Extension| {
            map.insert(crate::lenient::restore_text(&e.extn_id.to_string()), e);
        };
        put(&mut map, subject_key_identifier(subject_spki_der)?);
        if let Some(id) = authority_key_id {
            put(&mut map, authority_key_identifier(id)?);
        }
        if let (Some(requested), Some(list)) = (requested, &self.honored) {
            let items = java_split(list, ',');
            if items.contains(&"all") {
                for e in requested {
                    put(&mut map, e.clone());
                }
            }
            for item in items.iter().filter(|i| **i != "all") {
                if let Some(ty) = item.strip_prefix('-') {
                    // keytool deletes from what it has gathered so far, and
                    // fails when the extension is not there.
                    let oid = ext_name_oid(ty)?.to_string();
                    if map.remove(&oid).is_none() {
                        return Err(not_found(&oid));
                    }
                    continue;
                }
                let (ty, action) = match item.find(':') {
                    Some(p) => {
                        let action =
                            one_of(&item[p + 1..], &[Some("critical"), Some("non-critical")])?
                                .ok_or_else(|| illegal(item))?;
                        (&item[..p], Some(action == 0))
                    }
                    None => (*item, None),
                };
                let oid = ext_name_oid(ty)?;
                let mut e = requested
                    .iter()
                    .find(|e| e.extn_id == oid)
                    .cloned()
                    .ok_or_else(|| not_found(&oid.to_string()))?;
                if let Some(critical) = action {
                    e.critical = critical;
                }
                put(&mut map, e);
            }
        }
        for e in &self.extensions {
            put(&mut map, e.clone());
        }
        Ok(map.into_values().collect())
    }
}

/// Parses one `-ext` value; `None` for `honored` values, which are not
/// extensions themselves.
fn parse_one(spec: &str) -> Result<Option<Extension>> {
    let (name, value) = match spec.find('=') {
        Some(p) => (&spec[..p], Some(&spec[p + 1..])),
        None => (spec, None),
    };
    let (name, critical) = match name.find(':') {
        Some(p) => (
            &name[..p],
            one_of(&name[p + 1..], &[Some("critical")])? == Some(0),
        ),
        None => (name, false),
    };
    if name.eq_ignore_ascii_case("honored") {
        return Ok(None);
    }
    let kind = match one_of(name, EXT_NAMES)? {
        Some(0) => Kind::Bc,
        Some(1) => Kind::Ku,
        Some(2) => Kind::Eku,
        Some(3) => Kind::San,
        Some(4) => Kind::Ian,
        Some(5) => Kind::Sia,
        Some(6) => Kind::Aia,
        Some(_) => Kind::CrlDp,
        None => return raw::raw_extension(spec, name, critical, value).map(Some),
    };
    let needed = || value.ok_or_else(|| illegal(spec));
    let (oid, der) = match kind {
        Kind::Bc => (BASIC_CONSTRAINTS, encode::basic_constraints(spec, value)?),
        Kind::Ku => (KEY_USAGE, encode::key_usage(needed()?)?),
        Kind::Eku => (EXT_KEY_USAGE, encode::ext_key_usage(needed()?)?),
        Kind::San => (SUBJECT_ALT_NAME, encode::alt_names(spec, needed()?, true)?),
        Kind::Ian => (ISSUER_ALT_NAME, encode::alt_names(spec, needed()?, false)?),
        Kind::Sia | Kind::Aia => {
            if critical {
                return Err(invalid(format!(
                    "This extension cannot be marked as critical. {spec}"
                )));
            }
            let subject = kind == Kind::Sia;
            let oid = if subject {
                SUBJECT_INFO_ACCESS
            } else {
                AUTHORITY_INFO_ACCESS
            };
            (oid, encode::access_descriptions(spec, needed()?, subject)?)
        }
        Kind::CrlDp => (
            CRL_DISTRIBUTION_POINTS,
            encode::crl_distribution_points(spec, needed()?)?,
        ),
    };
    extension(oid, critical, der).map(Some)
}

/// An extension with its DER value.
fn extension(oid: ObjectIdentifier, critical: bool, der: Vec<u8>) -> Result<Extension> {
    Ok(Extension {
        extn_id: oid,
        critical,
        extn_value: OctetString::new(der)?,
    })
}

/// The OID of an extension name in `honored=`: a keytool name or a dotted OID.
fn ext_name_oid(ty: &str) -> Result<ObjectIdentifier> {
    Ok(match one_of(ty, EXT_NAMES)? {
        Some(0) => BASIC_CONSTRAINTS,
        Some(1) => KEY_USAGE,
        Some(2) => EXT_KEY_USAGE,
        Some(3) => SUBJECT_ALT_NAME,
        Some(4) => ISSUER_ALT_NAME,
        Some(5) => SUBJECT_INFO_ACCESS,
        Some(6) => AUTHORITY_INFO_ACCESS,
        Some(_) => CRL_DISTRIBUTION_POINTS,
        None => parse_oid(ty)?,
    })
}

/// keytool's key identifier: the SHA-1 of the subjectPublicKey BIT STRING's
/// contents (RFC 5280 section 4.2.1.2, method 1) of a DER SubjectPublicKeyInfo.
pub fn key_identifier(spki_der: &[u8]) -> Result<[u8; 20]> {
    use der::Decode;
    let spki = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?;
    Ok(Sha1::digest(spki.subject_public_key.raw_bytes()).into())
}

/// The non-critical SubjectKeyIdentifier extension keytool adds to every
/// certificate and request: an OCTET STRING of [`key_identifier`].
pub fn subject_key_identifier(spki_der: &[u8]) -> Result<Extension> {
    let id = key_identifier(spki_der)?;
    extension(
        SUBJECT_KEY_IDENTIFIER,
        false,
        encode::subject_key_identifier(&id)?,
    )
}

/// The non-critical AuthorityKeyIdentifier extension `-gencert` writes:
/// `SEQUENCE { [0] keyIdentifier }` and nothing else.
pub fn authority_key_identifier(key_id: &[u8]) -> Result<Extension> {
    extension(
        AUTHORITY_KEY_IDENTIFIER,
        false,
        encode::authority_key_identifier(key_id)?,
    )
}

/// The key identifier in a SubjectKeyIdentifier extension among `extensions`,
/// which `-gencert` puts in the AuthorityKeyIdentifier of what the key signs.
pub fn find_subject_key_id(extensions: &[Extension]) -> Option<Vec<u8>> {
    let ext = find(extensions, &SUBJECT_KEY_IDENTIFIER)?;
    let id = <OctetString as der::Decode>::from_der(ext.extn_value.as_bytes()).ok()?;
    Some(id.as_bytes().to_vec())
}

/// The extension with OID `oid` among `extensions`.
pub fn find<'a>(extensions: &'a [Extension], oid: &ObjectIdentifier) -> Option<&'a Extension> {
    extensions.iter().find(|e| &e.extn_id == oid)
}

/// The SubjectAlternativeName extension among `extensions`.
pub fn find_subject_alt_name(extensions: &[Extension]) -> Option<&Extension> {
    find(extensions, &SUBJECT_ALT_NAME)
}

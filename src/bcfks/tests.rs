//! Round trips and hostile input on stores made here; interop with keytool
//! and BouncyCastle (their files read, ours read by them) is in
//! tests/it/bcfks.rs.

use super::asn1::{Pbkdf2Params, ScryptParams};
use super::*;
use spki::AlgorithmIdentifierOwned;

fn pw(s: &str) -> Password {
    Password::new(s)
}

/// A store with every kind of entry BCFKS holds: a private key under its
/// own password, a trusted certificate, a secret key; mixed-case aliases.
fn sample() -> (KeyStore, Zeroizing<Vec<u8>>) {
    let spec = crate::keystore::KeyPairSpec::new(crate::keys::KeyAlgorithm::Ec, "CN=bcfks");
    let (entry, _) = spec.generate().unwrap();
    let KeyMaterial::Plain(der) = entry.key else {
        panic!("plain key");
    };
    let cert = entry.chain[0].clone();
    let mut ks = KeyStore::new(StoreType::Bcfks);
    ks.insert(StoredEntry {
        alias: "Server-Key".into(),
        created_millis: 1_700_000_000_123,
        entry: Entry::PrivateKey(PrivateKeyEntry {
            key: KeyMaterial::Plain(der.clone()),
            chain: vec![cert.clone()],
            password: Some(pw("key-pässword")),
        }),
    })
    .unwrap();
    ks.insert(StoredEntry {
        alias: "CA".into(),
        created_millis: 1_700_000_000_000,
        entry: Entry::TrustedCert(cert),
    })
    .unwrap();
    ks.insert(StoredEntry {
        alias: "aes".into(),
        created_millis: 1_700_000_000_002,
        entry: Entry::SecretKey(SecretKeyEntry::new("AES", Zeroizing::new(vec![7u8; 32]))),
    })
    .unwrap();
    (ks, der)
}

#[test]
fn round_trip_keeps_every_entry_its_case_date_and_key() {
    let (ks, der) = sample();
    let bytes = encode(&ks, &pw("changeit")).unwrap();
    assert!(is_bcfks(&bytes));
    assert_eq!(crate::storage::detect(&bytes).unwrap(), StoreType::Bcfks);
    let back = decode(&bytes, Some(&pw("changeit"))).unwrap();
    assert_eq!(back.sorted_aliases(), vec!["CA", "Server-Key", "aes"]);
    let key = back.get("server-key").unwrap();
    assert_eq!(key.alias, "Server-Key");
    assert_eq!(key.created_millis, 1_700_000_000_123);
    let Entry::PrivateKey(pk) = &key.entry else {
        panic!("private key")
    };
    assert!(matches!(pk.key, KeyMaterial::BcfksEncrypted(_)));
    assert_eq!(*pk.pkcs8("Server-Key", &pw("key-pässword")).unwrap(), *der);
    assert!(matches!(
        pk.pkcs8("Server-Key", &pw("changeit")),
        Err(Error::CannotRecoverKey { alias }) if alias == "Server-Key"
    ));
    let secret = back.secret_key("aes", Some(&pw("changeit")), None).unwrap();
    assert_eq!(secret.algorithm, "AES");
    assert_eq!(*secret.bytes, vec![7u8; 32]);
    // Written again, kept keys are carried through unchanged.
    let again = encode(&back, &pw("other-pw")).unwrap();
    let back2 = decode(&again, Some(&pw("other-pw"))).unwrap();
    let Entry::PrivateKey(pk2) = &back2.get("Server-Key").unwrap().entry else {
        panic!("private key")
    };
    let (KeyMaterial::BcfksEncrypted(a), KeyMaterial::BcfksEncrypted(b)) = (&pk.key, &pk2.key)
    else {
        panic!("kept")
    };
    assert_eq!(a, b);
}

#[test]
fn wrong_password_missing_password_and_damage_are_told_apart() {
    let (ks, _) = sample();
    let bytes = encode(&ks, &pw("changeit")).unwrap();
    assert!(matches!(
        decode(&bytes, Some(&pw("wrong"))),
        Err(Error::WrongPassword)
    ));
    assert!(matches!(
        decode(&bytes, None),
        Err(Error::PasswordNeeded {
            store_type: "BCFKS",
            reading: true
        })
    ));
    // Every prefix is a damaged BCFKS store, never a panic, and (past the
    // first headers) still recognised as BCFKS rather than PKCS#12.
    for n in 0..bytes.len() {
        let r = decode(&bytes[..n], Some(&pw("changeit")));
        assert!(
            matches!(
                r,
                Err(Error::Malformed {
                    format: "BCFKS",
                    ..
                })
            ),
            "prefix {n}: {r:?}"
        );
        if n >= 22 {
            assert!(is_bcfks(&bytes[..n]), "prefix {n}");
        }
    }
    // A flipped byte in the encrypted store data or in the MAC fails the
    // MAC, as it does for BouncyCastle: reported as a wrong password.
    for at in [200, bytes.len() / 2, bytes.len() - 1] {
        let mut bad = bytes.clone();
        bad[at] ^= 1;
        let r = decode(&bad, Some(&pw("changeit")));
        assert!(matches!(r, Err(Error::WrongPassword)), "byte {at}: {r:?}");
    }
    // A flipped byte in the structure is damage.
    let mut bad = bytes.clone();
    bad[4] ^= 0x01;
    let r = decode(&bad, Some(&pw("changeit")));
    assert!(
        matches!(
            r,
            Err(Error::Malformed {
                format: "BCFKS",
                ..
            })
        ),
        "{r:?}"
    );
    // Trailing bytes are ignored, as BouncyCastle ignores them.
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"junk");
    assert_eq!(decode(&longer, Some(&pw("changeit"))).unwrap().len(), 3);
}

/// The integrity check's key derivation replaced by `kdf`, MAC unchanged.
fn with_mac_kdf(bytes: &[u8], kdf: AlgorithmIdentifierOwned) -> Vec<u8> {
    let store = ObjectStore::from_der(bytes).unwrap();
    let mut check =
        PbkdMacIntegrityCheck::from_der(&store.integrity_check.to_der().unwrap()).unwrap();
    check.pbkd_algorithm = kdf;
    ObjectStore {
        store_data: store.store_data,
        integrity_check: Any::encode_from(&check).unwrap(),
    }
    .to_der()
    .unwrap()
}

fn pbkdf2_alg(iterations: u32, prf: Option<ObjectIdentifier>) -> AlgorithmIdentifierOwned {
    let p = Pbkdf2Params {
        salt: OctetString::new(vec![1u8; 64]).unwrap(),
        iterations,
        key_length: Some(64),
        prf: prf.map(|oid| AlgorithmIdentifierOwned {
            oid,
            parameters: Some(Any::null()),
        }),
    };
    AlgorithmIdentifierOwned {
        oid: crypto::PBKDF2,
        parameters: Some(Any::encode_from(&p).unwrap()),
    }
}

#[test]
fn costs_are_capped_before_any_derivation() {
    let (ks, _) = sample();
    let bytes = encode(&ks, &pw("changeit")).unwrap();
    let huge = with_mac_kdf(&bytes, pbkdf2_alg(u32::MAX, Some(crypto::HMAC_SHA512)));
    let r = decode(&huge, Some(&pw("changeit")));
    assert!(
        matches!(
            &r,
            Err(Error::IterationLimit {
                format: "BCFKS",
                found: 4294967295,
                max: 5000000
            })
        ),
        "{r:?}"
    );
    let zero = with_mac_kdf(&bytes, pbkdf2_alg(0, Some(crypto::HMAC_SHA512)));
    assert!(matches!(
        decode(&zero, Some(&pw("changeit"))),
        Err(Error::Malformed { .. })
    ));
    let sha1 = with_mac_kdf(&bytes, pbkdf2_alg(1000, None));
    assert!(matches!(
        decode(&sha1, Some(&pw("changeit"))),
        Err(Error::UnsupportedAlgorithm { what, .. }) if what.contains("HMAC-SHA1")
    ));
    let scrypt = |cost: u64, r: u32| {
        let p = ScryptParams {
            salt: OctetString::new(vec![1u8; 16]).unwrap(),
            cost,
            block_size: r,
            parallelization: 1,
            key_length: Some(64),
        };
        AlgorithmIdentifierOwned {
            oid: crypto::SCRYPT,
            parameters: Some(Any::encode_from(&p).unwrap()),
        }
    };
    let r = decode(
        &with_mac_kdf(&bytes, scrypt(1 << 30, 8)),
        Some(&pw("changeit")),
    );
    assert!(
        matches!(
            &r,
            Err(Error::ScryptLimit {
                n: 1073741824,
                r: 8,
                ..
            })
        ),
        "{r:?}"
    );
    let r = decode(
        &with_mac_kdf(&bytes, scrypt(1000, 8)),
        Some(&pw("changeit")),
    );
    assert!(matches!(r, Err(Error::Malformed { .. })), "{r:?}");
    // A cheap scrypt the MAC was not made with: a wrong password.
    let r = decode(&with_mac_kdf(&bytes, scrypt(16, 1)), Some(&pw("changeit")));
    assert!(matches!(r, Err(Error::WrongPassword)), "{r:?}");
}

#[test]
fn secret_keys_bouncycastle_cannot_name_are_refused() {
    let mut ks = KeyStore::new(StoreType::Bcfks);
    ks.add_secret_key(
        "pw",
        SecretKey {
            algorithm: "PBEWithHmacSHA256AndAES_256".into(),
            bytes: Zeroizing::new(b"secret".to_vec()),
        },
    )
    .unwrap();
    let r = encode(&ks, &pw("changeit"));
    assert!(
        matches!(&r, Err(Error::SecretKeyAlgorithm { alias: Some(a), store_type: "BCFKS", algorithm }) if a == "pw" && algorithm == "PBEWithHmacSHA256AndAES_256"),
        "{r:?}"
    );
    assert_eq!(
        secret_key_oid("HmacSHA256", 32).unwrap().to_string(),
        "1.2.840.113549.2.9"
    );
    assert_eq!(
        secret_key_oid("Camellia", 24).unwrap().to_string(),
        "1.2.392.200011.61.1.1.1.3"
    );
    assert!(secret_key_oid("Camellia", 20).is_none());
    assert_eq!(
        secret_key_name(&ObjectIdentifier::new_unwrap("1.3.14.3.2.17"), 24),
        "DESede"
    );
    // An OID we cannot name stands for itself, both ways.
    let odd = ObjectIdentifier::new_unwrap("1.2.3.4");
    assert_eq!(secret_key_name(&odd, 16), "1.2.3.4");
    assert_eq!(secret_key_oid("1.2.3.4", 16), Some(odd));
}

#[test]
fn kwp_protected_keys_open() {
    let key = [9u8; 32];
    let wrapped = crypto::kwp_wrap(&key, b"key material of any length");
    assert_eq!(
        &*crypto::kwp_unwrap(&key, &wrapped).unwrap(),
        b"key material of any length"
    );
    assert!(matches!(
        crypto::kwp_unwrap(&[8u8; 32], &wrapped),
        Err(Error::WrongPassword)
    ));
}

//! Round trips and hostile input on stores made here; interop with keytool
//! and BouncyCastle (their files read, ours read by them) is in
//! tests/it/bouncycastle.rs.

use super::*;
use zeroize::Zeroizing;

fn pw(s: &str) -> Password {
    Password::new(s)
}

/// A self-signed certificate and its PKCS#8 key.
fn key_pair() -> (Zeroizing<Vec<u8>>, Certificate) {
    let spec = crate::keystore::KeyPairSpec::new(crate::keys::KeyAlgorithm::Ec, "CN=bks");
    let (entry, _) = spec.generate().unwrap();
    let KeyMaterial::Plain(der) = entry.key else {
        panic!("plain key");
    };
    (der, entry.chain[0].clone())
}

/// A store with every kind of entry: a private key under its own password,
/// a trusted certificate, a secret key, opaque secret bytes; mixed-case aliases.
fn sample(t: StoreType) -> (KeyStore, Zeroizing<Vec<u8>>) {
    let (der, cert) = key_pair();
    let mut ks = KeyStore::new(t);
    ks.insert(StoredEntry {
        alias: "Server-Key".into(),
        created_millis: 1_700_000_000_000,
        entry: Entry::PrivateKey(PrivateKeyEntry {
            key: KeyMaterial::Plain(der.clone()),
            chain: vec![cert.clone()],
            password: Some(pw("key-pässword")),
        }),
    })
    .unwrap();
    ks.insert(StoredEntry {
        alias: "CA".into(),
        created_millis: 1_700_000_000_001,
        entry: Entry::TrustedCert(cert),
    })
    .unwrap();
    ks.insert(StoredEntry {
        alias: "aes".into(),
        created_millis: 1_700_000_000_002,
        entry: Entry::SecretKey(SecretKeyEntry::new("AES", Zeroizing::new(vec![9u8; 32]))),
    })
    .unwrap();
    ks.insert(StoredEntry {
        alias: "opaque".into(),
        created_millis: 1_700_000_000_003,
        entry: Entry::SecretKey(SecretKeyEntry {
            key: SecretMaterial::BksRaw(b"not a key".to_vec()),
            password: None,
        }),
    })
    .unwrap();
    (ks, der)
}

fn check_sample(back: &KeyStore, t: StoreType, der: &[u8]) {
    assert_eq!(back.store_type(), t);
    let aliases: Vec<&str> = back.entries().iter().map(|e| e.alias.as_str()).collect();
    assert_eq!(aliases, ["Server-Key", "CA", "aes", "opaque"]);
    assert_eq!(
        back.get("server-key").unwrap().created_millis,
        1_700_000_000_000
    );
    let (key, _) = back
        .private_key(
            "Server-Key",
            Some(&pw("store-pw")),
            Some(&pw("key-pässword")),
        )
        .unwrap();
    assert_eq!(&key[..], der);
    assert!(matches!(
        back.private_key("Server-Key", Some(&pw("store-pw")), None),
        Err(Error::CannotRecoverKey { .. })
    ));
    let k = back.secret_key("aes", Some(&pw("store-pw")), None).unwrap();
    assert_eq!(
        (k.algorithm.as_str(), &k.bytes[..]),
        ("AES", &[9u8; 32][..])
    );
    let Entry::SecretKey(SecretKeyEntry {
        key: SecretMaterial::BksRaw(raw),
        ..
    }) = &back.get("opaque").unwrap().entry
    else {
        panic!("opaque entry");
    };
    assert_eq!(raw, b"not a key");
}

#[test]
fn bks_and_uber_round_trip_every_entry_kind() {
    for t in [StoreType::Bks, StoreType::Uber] {
        let (ks, der) = sample(t);
        let bytes = encode(&ks, &pw("store-pw")).unwrap();
        assert_eq!(crate::storage::detect(&bytes).unwrap(), t);
        let back = crate::storage::decode(&bytes, Some(&pw("store-pw"))).unwrap();
        check_sample(&back, t, &der);
        // Written again as read: the sealed keys are carried through unchanged.
        let again = encode(&back, &pw("other-store-pw")).unwrap();
        let back = crate::storage::decode(&again, Some(&pw("other-store-pw"))).unwrap();
        check_sample(&back, t, &der);
        assert!(matches!(
            crate::storage::decode(&again, Some(&pw("store-pw"))),
            Err(Error::WrongPassword)
        ));
    }
}

#[test]
fn bks_lists_without_a_password_uber_does_not() {
    let (ks, _) = sample(StoreType::Bks);
    let bytes = encode(&ks, &pw("store-pw")).unwrap();
    assert_eq!(decode_bks(&bytes, None).unwrap().len(), 4);
    let (ks, _) = sample(StoreType::Uber);
    let bytes = encode(&ks, &pw("store-pw")).unwrap();
    assert!(matches!(
        decode_uber(&bytes, None),
        Err(Error::PasswordNeeded {
            store_type: "UBER",
            reading: true
        })
    ));
}

/// A BKS file from records with a MAC of `version`'s key length.
fn bks_file(version: u32, records: &[Record], password: &Password) -> Vec<u8> {
    let mut v2 = encode::bks(records, password).unwrap();
    v2[3] = version as u8;
    let salt = v2[8..28].to_vec();
    let iterations = i32::from_be_bytes(v2[28..32].try_into().unwrap());
    let body_end = v2.len() - MAC_LEN;
    let mac = pbe::bks_mac(password, &salt, iterations, version, &v2[32..body_end]).unwrap();
    v2[body_end..].copy_from_slice(&mac);
    v2
}

#[test]
fn versions_0_and_1_use_a_two_byte_mac_key() {
    let (_, cert) = key_pair();
    let records = vec![Record {
        alias: "c".into(),
        created_millis: 0,
        chain: Vec::new(),
        body: RecordBody::Certificate(cert),
    }];
    for version in [0, 1] {
        let bytes = bks_file(version, &records, &pw("changeit"));
        assert_eq!(decode_bks(&bytes, Some(&pw("changeit"))).unwrap().len(), 1);
        assert!(matches!(
            decode_bks(&bytes, Some(&pw("changeit2"))),
            Err(Error::WrongPassword)
        ));
    }
}

#[test]
fn unprotected_key_records_are_read_and_sealed_when_written() {
    let (der, cert) = key_pair();
    let records = vec![
        Record {
            alias: "k".into(),
            created_millis: 0,
            chain: vec![cert.clone()],
            body: RecordBody::Key(KeyRecord::private(&der)),
        },
        Record {
            alias: "s".into(),
            created_millis: 0,
            chain: Vec::new(),
            body: RecordBody::Key(KeyRecord::secret("HmacSHA256", &[1; 32])),
        },
    ];
    let bytes = bks_file(2, &records, &pw("changeit"));
    let ks = decode_bks(&bytes, Some(&pw("changeit"))).unwrap();
    assert!(!ks.get("k").unwrap().entry.is_protected());
    let again = encode(&ks, &pw("changeit")).unwrap();
    let back = decode_bks(&again, Some(&pw("changeit"))).unwrap();
    assert!(back.get("k").unwrap().entry.is_protected());
    assert_eq!(
        &back
            .private_key("k", Some(&pw("changeit")), None)
            .unwrap()
            .0[..],
        &der[..]
    );
    // A public key cannot be kept in the model: refused, not dropped.
    let mut public = KeyRecord::secret("RSA", &[1]);
    public.kind = sealed::KIND_PUBLIC;
    public.format = "X.509".into();
    let records = vec![Record {
        alias: "pub".into(),
        created_millis: 0,
        chain: vec![cert],
        body: RecordBody::Key(public),
    }];
    let bytes = bks_file(2, &records, &pw("changeit"));
    assert!(matches!(
        decode_bks(&bytes, None),
        Err(Error::UnsupportedFeature { .. })
    ));
}

#[test]
fn aliases_differing_only_in_case_are_refused_not_dropped() {
    let (_, cert) = key_pair();
    let rec = |alias: &str| Record {
        alias: alias.into(),
        created_millis: 0,
        chain: Vec::new(),
        body: RecordBody::Certificate(cert.clone()),
    };
    let bytes = bks_file(2, &[rec("Ca"), rec("cA")], &pw("changeit"));
    match decode_bks(&bytes, None) {
        Err(Error::AliasesDifferInCase { first, second, .. }) => {
            assert_eq!((first.as_str(), second.as_str()), ("Ca", "cA"))
        }
        other => panic!("{other:?}"),
    }
    // The same alias twice: the last wins, as in BouncyCastle's Hashtable.
    let bytes = bks_file(2, &[rec("Ca"), rec("Ca")], &pw("changeit"));
    assert_eq!(decode_bks(&bytes, None).unwrap().len(), 1);
}

#[test]
fn every_prefix_is_damaged_and_every_flipped_byte_is_refused() {
    let (ks, _) = sample(StoreType::Bks);
    let bytes = encode(&ks, &pw("store-pw")).unwrap();
    for n in 0..bytes.len() {
        match decode_bks(&bytes[..n], Some(&pw("store-pw"))) {
            Err(Error::Malformed { format: "BKS", .. }) => {}
            other => panic!("prefix {n}: {other:?}"),
        }
    }
    let mac_at = bytes.len() - MAC_LEN;
    for i in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[i] ^= 0x5A;
        let r = decode_bks(&bad, Some(&pw("store-pw")));
        if i >= mac_at || (8..32).contains(&i) {
            // The MAC itself, the salt and the iteration count: a MAC that
            // does not match (unless the count became absurd).
            assert!(
                matches!(
                    r,
                    Err(Error::WrongPassword
                        | Error::IterationLimit { .. }
                        | Error::Malformed { .. })
                ),
                "byte {i}: {r:?}"
            );
            if i >= mac_at {
                assert!(matches!(r, Err(Error::WrongPassword)), "byte {i}: {r:?}");
            }
        } else {
            assert!(r.is_err(), "byte {i}");
        }
        let _ = decode_bks(&bad, None); // must not panic
        let _ = crate::storage::decode(&bad, None);
    }
}

#[test]
fn uber_prefixes_and_flips() {
    let (ks, _) = sample(StoreType::Uber);
    let bytes = encode(&ks, &pw("store-pw")).unwrap();
    for n in 0..bytes.len() {
        match decode_uber(&bytes[..n], Some(&pw("store-pw"))) {
            Err(Error::Malformed { format: "UBER", .. }) => {}
            // Whole blocks short of the end: decrypts, fails its padding or digest.
            Err(Error::WrongPassword) if n > 32 && (n - 32).is_multiple_of(16) => {}
            other => panic!("prefix {n}: {other:?}"),
        }
    }
    for i in 32..bytes.len() {
        let mut bad = bytes.clone();
        bad[i] ^= 0x01;
        assert!(
            matches!(
                decode_uber(&bad, Some(&pw("store-pw"))),
                Err(Error::WrongPassword)
            ),
            "byte {i}"
        );
    }
}

#[test]
fn hostile_headers_are_refused_before_allocation_or_work() {
    let mut v = 2u32.to_be_bytes().to_vec();
    v.extend(i32::MAX.to_be_bytes());
    v.extend([0u8; 64]);
    assert!(matches!(decode_bks(&v, None), Err(Error::Malformed { .. })));
    // A chain length no file could hold.
    let mut v = 2u32.to_be_bytes().to_vec();
    v.extend(20i32.to_be_bytes());
    v.extend([0u8; 20]);
    v.extend(1024i32.to_be_bytes());
    v.push(TYPE_SEALED);
    v.extend([0, 1, b'a']);
    v.extend(0i64.to_be_bytes());
    v.extend(i32::MAX.to_be_bytes());
    v.extend([0u8; 64]);
    match decode_bks(&v, None) {
        Err(Error::Malformed { detail, .. }) => {
            assert!(detail.contains("chain length"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
    // An iteration count past the cap is refused before deriving.
    let (ks, _) = sample(StoreType::Bks);
    let mut bytes = encode(&ks, &pw("store-pw")).unwrap();
    bytes[28..32].copy_from_slice(&i32::MAX.to_be_bytes());
    assert!(matches!(
        decode_bks(&bytes, Some(&pw("store-pw"))),
        Err(Error::IterationLimit { format: "BKS", .. })
    ));
    let (ks, _) = sample(StoreType::Uber);
    let mut bytes = encode(&ks, &pw("store-pw")).unwrap();
    bytes[28..32].copy_from_slice(&i32::MAX.to_be_bytes());
    assert!(matches!(
        decode_uber(&bytes, Some(&pw("store-pw"))),
        Err(Error::IterationLimit { .. })
    ));
}

#[test]
fn keys_of_other_formats_must_be_recovered_first() {
    let (ks, _) = sample(StoreType::Bks);
    let bytes = encode(&ks, &pw("store-pw")).unwrap();
    let mut back = decode_bks(&bytes, Some(&pw("store-pw"))).unwrap();
    back.set_store_type(StoreType::Pkcs12);
    assert_eq!(back.entries()[0].alias, "server-key");
    assert!(
        crate::storage::encode(&back, Some(&pw("x")), crate::pkcs12::Protection::Modern).is_err()
    );
}

/// An empty UBER store under "changeit" whose Twofish body starts with a 0
/// byte: salt 00 00 01 dc then zeros, 1024 iterations (found by looping
/// over salts; about 1 UBER file in 256 is like this).
fn uber_starting_with_an_end_marker() -> Vec<u8> {
    let mut salt = [0u8; pbe::SALT_LEN];
    salt[..4].copy_from_slice(&476u32.to_be_bytes());
    encode::uber_with(&[], &pw("changeit"), &salt, 1024).unwrap()
}

#[test]
fn uber_whose_body_walks_as_bks_is_still_uber() {
    let bytes = uber_starting_with_an_end_marker();
    // The case itself: the body's first byte is an end marker, and the
    // 20 bytes after it pass for a MAC, with bytes left over.
    assert_eq!(bytes[32], TYPE_END);
    let end = decode::bks_end(&bytes).unwrap();
    assert_eq!((end, bytes.len()), (32 + 1 + MAC_LEN, 64));
    assert_eq!(crate::storage::detect(&bytes).unwrap(), StoreType::Uber);
    let back = crate::storage::decode(&bytes, Some(&pw("changeit"))).unwrap();
    assert_eq!((back.store_type(), back.len()), (StoreType::Uber, 0));
    assert!(matches!(
        crate::storage::decode(&bytes, Some(&pw("changeit2"))),
        Err(Error::WrongPassword)
    ));
    assert!(matches!(
        crate::storage::decode(&bytes, None),
        Err(Error::PasswordNeeded {
            store_type: "UBER",
            reading: true
        })
    ));
}

#[test]
fn bks_with_trailing_bytes_shaped_like_uber_is_read_as_bks_with_its_password() {
    let (ks, _) = sample(StoreType::Bks);
    let mut bytes = encode(&ks, &pw("store-pw")).unwrap();
    // Padded (BouncyCastle ignores what follows the MAC) to whole Twofish blocks.
    bytes.extend_from_slice(&[0; 16]);
    let pad = (16 - (bytes.len() - 32) % 16) % 16;
    bytes.extend(std::iter::repeat_n(0, pad));
    assert_eq!(crate::storage::detect(&bytes).unwrap(), StoreType::Uber);
    let back = crate::storage::decode(&bytes, Some(&pw("store-pw"))).unwrap();
    assert_eq!((back.store_type(), back.len()), (StoreType::Bks, 4));
    assert!(matches!(
        crate::storage::decode(&bytes, Some(&pw("other"))),
        Err(Error::WrongPassword)
    ));
}

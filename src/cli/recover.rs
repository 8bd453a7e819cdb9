//! Opening the keys of entries for the commands, with keytool's rules for
//! which password opens which key, its prompts and its warnings.
//!
//! Two rules, named by what they do: [`private_key`] follows the library's
//! order for the store type ([`rkeytool::KeyStore::key_password_candidates`])
//! for commands that only use the key (`-certreq`, `-gencert`, `-exportkey`…);
//! [`key_and_password`] is keytool's `recoverEntry` for commands that keep the
//! key under a password (`-importkeystore`, `-changealias`, `-keypasswd`):
//! the key password first, then the store password, and it returns the one
//! that opened the key.

use super::error::{CliError, CliResult, KeyPasswordTried};
use super::options::PasswordArg;
use super::prompt::{self, Prompter};
use rkeytool::{Error, KeyMaterial, Password, PrivateKeyEntry, StoreType};
use zeroize::Zeroizing;

/// keytool's warning when `-keypass` (or `-srckeypass`, `-destkeypass`) differs
/// from the store password of a PKCS12 keystore.
pub fn pkcs12_keypass_warning(option: &str) {
    eprintln!(
        "Warning:  Different store and key passwords not supported for PKCS12 KeyStores. Ignoring user-specified {option} value."
    );
}

/// The key password for an entry of a PKCS12 store: the store password;
/// a different `-keypass` gets keytool's warning and is ignored.
pub fn pkcs12_key_password(given: Option<Password>, store_password: &Password) -> Password {
    if let Some(k) = given
        && &k != store_password
    {
        pkcs12_keypass_warning("-keypass");
    }
    store_password.clone()
}

/// The key entry under `alias` and its decrypted PKCS#8, with the
/// library's rule ([`rkeytool::KeyStore::key_password_candidates`]): a
/// PKCS12 key opens with the store password, else `-keypass` (an entry with
/// its own password); a JKS key with `-keypass`, else the store password;
/// and when those fail on a terminal, the password asked for, as keytool.
pub fn private_key<'a>(
    keypass: Option<&PasswordArg>,
    p: &mut Prompter,
    ks: &'a rkeytool::KeyStore,
    store_password: &Password,
    alias: &str,
) -> CliResult<(&'a rkeytool::PrivateKeyEntry, zeroize::Zeroizing<Vec<u8>>)> {
    use rkeytool::Entry;
    let stored = ks
        .get(alias)
        .ok_or_else(|| crate::cli::error::alias_not_found(alias))?;
    let Entry::PrivateKey(pk) = &stored.entry else {
        return Err(crate::cli::error::alias_lacks(
            alias,
            crate::cli::error::Lacks::Key,
        ));
    };
    let given = prompt::from_arg(keypass, "keypass")?;
    match ks.private_key(alias, Some(store_password), given.as_ref()) {
        Ok((der, used)) => {
            if ks.store_type() == rkeytool::StoreType::Pkcs12
                && used.as_ref() == Some(store_password)
            {
                // keytool's warning when -keypass differs and was not needed.
                let _ = pkcs12_key_password(given, store_password);
            }
            Ok((pk, der))
        }
        Err(e @ rkeytool::Error::CannotRecoverKey { .. })
            if given.is_none() && ks.store_type().has_key_passwords() =>
        {
            // keytool's getKeyPasswd, on a terminal or from standard input;
            // with nothing there, the key's own error says what is wrong.
            match prompt::key_password(p, alias)? {
                Some(k) => Ok((pk, pk.pkcs8(&stored.alias, &k)?)),
                None => Err(e.into()),
            }
        }
        Err(rkeytool::Error::CannotRecoverKey { .. }) => {
            Err(crate::cli::error::cannot_recover_key(
                alias,
                if given.is_some() {
                    KeyPasswordTried::Given
                } else {
                    KeyPasswordTried::NotGiven
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// The secret key under `alias` in the clear, by the same rule as [`private_key`].
pub fn secret_key(
    keypass: Option<&PasswordArg>,
    p: &mut Prompter,
    ks: &rkeytool::KeyStore,
    store_password: &Password,
    alias: &str,
) -> CliResult<rkeytool::SecretKey> {
    use rkeytool::Entry;
    let stored = ks
        .get(alias)
        .ok_or_else(|| crate::cli::error::alias_not_found(alias))?;
    let Entry::SecretKey(sk) = &stored.entry else {
        return Err(crate::cli::error::alias_lacks(
            alias,
            crate::cli::error::Lacks::SecretKey,
        ));
    };
    let given = prompt::from_arg(keypass, "keypass")?;
    match ks.secret_key(alias, Some(store_password), given.as_ref()) {
        Ok(k) => Ok(k),
        Err(rkeytool::Error::CannotRecoverKey { .. }) if given.is_none() && p.is_tty() => {
            let k = p
                .secret(&format!("Enter key password for <{alias}>:  "))?
                .ok_or_else(|| prompt::missing("key password", "keypass"))?;
            Ok(sk.recover(&stored.alias, &k)?)
        }
        Err(rkeytool::Error::CannotRecoverKey { .. }) => {
            Err(crate::cli::error::cannot_recover_key(
                alias,
                if given.is_some() {
                    KeyPasswordTried::Given
                } else {
                    KeyPasswordTried::NotGiven
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// Recovers the PKCS#8 key of a key entry, as keytool's `recoverEntry`:
/// `key_pass` when given (a wrong one fails), else the store password, else
/// (JKS) ask on a terminal. Returns the key and the password that opened it.
pub fn key_and_password(
    alias: &str,
    pk: &PrivateKeyEntry,
    store_password: Option<&Password>,
    key_pass: Option<&Password>,
    key_pass_option: &'static str,
    p: &mut Prompter,
) -> CliResult<(Zeroizing<Vec<u8>>, Password)> {
    let cannot = |tried| crate::cli::error::cannot_recover_key(alias, tried);
    match &pk.key {
        KeyMaterial::Plain(der) => Ok((
            der.clone(),
            store_password.cloned().unwrap_or_else(|| Password::new("")),
        )),
        KeyMaterial::JksProtected(_)
        | KeyMaterial::JceksProtected(_)
        | KeyMaterial::Pkcs12Shrouded(_)
        | KeyMaterial::BksSealed(_)
        | KeyMaterial::BcfksEncrypted(_) => {
            let attempt = |pw: &Password| match pk.pkcs8(alias, pw) {
                Ok(der) => Ok(Some(der)),
                Err(Error::CannotRecoverKey { .. }) => Ok(None),
                Err(e) => Err(CliError::from(e)),
            };
            if let Some(k) = key_pass
                && let Some(der) = attempt(k)?
            {
                return Ok((der, k.clone()));
            }
            // A PKCS12 key with a password of its own (the KeyStore API
            // allows it) opens with the key password, the others with the
            // store password: both are tried.
            if let Some(s) = store_password
                && let Some(der) = attempt(s)?
            {
                return Ok((der, s.clone()));
            }
            // keytool's getKeyPasswd, on a terminal or from standard input.
            if let Some(k) = prompt::key_password(p, alias)? {
                return match attempt(&k)? {
                    Some(der) => Ok((der, k)),
                    None => Err(cannot(KeyPasswordTried::Asked(key_pass_option))),
                };
            }
            Err(cannot(KeyPasswordTried::StorePassword(key_pass_option)))
        }
    }
}

/// The key as the destination keeps it: PKCS#8 for PKCS12, Sun-protected
/// with `password` for JKS and JCEKS (each with its own key protector).
pub fn protect_for(
    t: StoreType,
    der: Zeroizing<Vec<u8>>,
    password: &Password,
) -> CliResult<KeyMaterial> {
    Ok(KeyMaterial::for_store(t, der, password)?)
}

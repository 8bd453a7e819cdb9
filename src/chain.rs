//! Certificate chains: ordering a CA's reply, completing it from trusted
//! certificates, and checking every link by name and signature, as keytool
//! does when it installs a certificate reply.

use crate::cert::Certificate;
use crate::error::{Error, ReplyProblem, Result};

/// A reply checked and ordered, leaf first.
#[derive(Debug)]
pub struct Reply {
    /// The chain to store, leaf first.
    pub chain: Vec<Certificate>,
    /// False when the chain ends at a self-signed root that no trusted
    /// certificate vouches for (keytool asks before installing it).
    pub root_trusted: bool,
}

/// Checks a certificate reply for the key entry `alias` whose public key is
/// `entry_spki` and whose current leaf is `current_leaf`, completing it from
/// `anchors` (the store's certificates, and cacerts with `-trustcacerts`).
pub fn check_reply(
    alias: &str,
    entry_spki: &[u8],
    current_leaf: Option<&Certificate>,
    reply: Vec<Certificate>,
    anchors: &[Certificate],
) -> Result<Reply> {
    let unusable = |problem| Error::UnusableReply {
        alias: alias.to_string(),
        problem,
    };
    let mismatch = |certificates| Error::KeyMismatch {
        alias: alias.to_string(),
        certificates,
    };
    match reply.len() {
        0 => Err(unusable(ReplyProblem::Empty)),
        1 => {
            let leaf = reply
                .into_iter()
                .next()
                .ok_or_else(|| unusable(ReplyProblem::Empty))?;
            if !leaf.has_public_key(entry_spki) {
                return Err(mismatch(1));
            }
            if current_leaf == Some(&leaf) {
                return Err(unusable(ReplyProblem::SameAsStored));
            }
            if leaf.is_self_issued() {
                crate::keys::verify_certificate(&leaf, &leaf).map_err(|_| Error::ChainNotValid)?;
                return Ok(Reply {
                    chain: vec![leaf],
                    root_trusted: false,
                });
            }
            let chain =
                complete(vec![leaf], anchors).ok_or_else(|| unusable(ReplyProblem::NoChain))?;
            Ok(Reply {
                chain,
                root_trusted: true,
            })
        }
        n => {
            let pos = reply
                .iter()
                .position(|c| c.has_public_key(entry_spki))
                .ok_or_else(|| mismatch(n))?;
            let mut pool = reply;
            let mut chain = vec![pool.swap_remove(pos)];
            // Order the rest by issuer name, leaf first.
            while let Some(last) = chain.last() {
                if last.is_self_issued() {
                    break;
                }
                let issuer = last.parsed().tbs_certificate().issuer();
                match pool
                    .iter()
                    .position(|c| c.parsed().tbs_certificate().subject() == issuer)
                {
                    Some(i) => chain.push(pool.swap_remove(i)),
                    None => break,
                }
            }
            verify_links(&chain)?;
            let top_self_signed = chain.last().is_some_and(Certificate::is_self_issued);
            if top_self_signed {
                let top = chain.last().ok_or_else(|| unusable(ReplyProblem::Empty))?;
                crate::keys::verify_certificate(top, top).map_err(|_| Error::ChainNotValid)?;
                let trusted = anchors.iter().any(|a| a == top);
                return Ok(Reply {
                    chain,
                    root_trusted: trusted,
                });
            }
            // The reply stops below a root: finish it from the trusted certificates.
            match complete(chain.clone(), anchors) {
                Some(full) => Ok(Reply {
                    chain: full,
                    root_trusted: true,
                }),
                None => Ok(Reply {
                    chain,
                    root_trusted: false,
                }),
            }
        }
    }
}

/// Each certificate must be issued (by name) and signed by the next.
pub fn verify_links(chain: &[Certificate]) -> Result<()> {
    for pair in chain.windows(2) {
        if !crate::keys::is_signed_by(&pair[0], &pair[1]) {
            return Err(Error::ChainNotValid);
        }
    }
    Ok(())
}

/// Extends `chain` upwards from `anchors` until a self-signed certificate or
/// an anchor; None when no trusted certificate can be reached.
fn complete(mut chain: Vec<Certificate>, anchors: &[Certificate]) -> Option<Vec<Certificate>> {
    for _ in 0..16 {
        let last = chain.last()?;
        let next = anchors
            .iter()
            .find(|a| !chain.contains(a) && crate::keys::is_signed_by(last, a))?
            .clone();
        let done = next.is_self_issued();
        chain.push(next);
        if done {
            return Some(chain);
        }
    }
    None
}

/// The JDK's `PKCS12KeyStore.validateChain`, which `setKeyEntry` applies
/// before it stores a key ("Certificate chain is not valid"): each
/// certificate's issuer is the next one's subject, and no certificate
/// appears twice. Signatures are not checked, as the JDK does not.
pub fn is_valid_key_entry_chain(chain: &[crate::Certificate]) -> bool {
    let linked = chain.windows(2).all(|w| {
        w[0].parsed().tbs_certificate().issuer() == w[1].parsed().tbs_certificate().subject()
    });
    let distinct = chain
        .iter()
        .enumerate()
        .all(|(i, c)| !chain[..i].contains(c));
    linked && distinct
}

/// The chain from `leaf` up through `pool` by issuer name, until a
/// self-issued certificate or a missing link, never looping.
pub fn build<'a>(
    leaf: crate::Certificate,
    pool: impl Iterator<Item = &'a crate::Certificate>,
) -> Vec<crate::Certificate> {
    crate::pkcs12::build_chain(leaf, pool)
}

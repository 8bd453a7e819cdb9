//! Keystore files: format detection, and crash-safe writes.

use crate::error::{Error, Result};
use crate::keystore::{KeyStore, StoreType};
use crate::password::Password;
use crate::{jks, pkcs12};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// JCEKS magic number (Sun's JceKeyStore).
pub const JCEKS_MAGIC: [u8; 4] = [0xCE, 0xCE, 0xCE, 0xCE];

/// Recognises a keystore by its content, never by its name.
pub fn detect(bytes: &[u8]) -> Result<StoreType> {
    if jks::is_jks(bytes) {
        Ok(StoreType::Jks)
    } else if bytes.starts_with(&JCEKS_MAGIC) {
        Err(Error::Unsupported("JCEKS keystores".into()))
    } else if pkcs12::looks_like_pkcs12(bytes) {
        Ok(StoreType::Pkcs12)
    } else {
        Err(Error::NotAKeystore)
    }
}

/// True for a keystore that needs no password to be read whole: a
/// password-less PKCS12 (JDK 18+ cacerts: no MAC, nothing encrypted).
pub fn is_passwordless(bytes: &[u8]) -> bool {
    matches!(detect(bytes), Ok(StoreType::Pkcs12)) && pkcs12::is_passwordless(bytes)
}

/// True for a PKCS12 file with legacy protection (3DES/RC2, SHA-1 MAC).
pub fn is_legacy_pkcs12(bytes: &[u8]) -> bool {
    matches!(detect(bytes), Ok(StoreType::Pkcs12)) && pkcs12::is_legacy(bytes)
}

/// Decodes a keystore of any supported format. With a password the
/// integrity check (JKS/JCEKS digest, PKCS#12 MAC) is verified; keys stay
/// protected as read.
pub fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    match detect(bytes)? {
        StoreType::Jks => jks::decode(bytes, password),
        // Seam: the JCEKS codec (src/jceks/) plugs in here and in `detect`.
        StoreType::Jceks => Err(Error::Unsupported("JCEKS keystores".into())),
        StoreType::Pkcs12 => pkcs12::decode(bytes, password),
    }
}

/// Encodes a keystore in its own format. Keys kept as read are written back
/// unchanged; keys in the clear are protected with their entry's password,
/// else the store password. No `store_password` writes a password-less
/// PKCS12 (JDK 18+ cacerts); JKS and JCEKS need one.
pub fn encode(
    store: &KeyStore,
    store_password: Option<&Password>,
    protection: pkcs12::Protection,
) -> Result<Vec<u8>> {
    let need = || {
        store_password.ok_or_else(|| {
            Error::InvalidInput(format!(
                "a {} keystore needs a password",
                store.store_type().name()
            ))
        })
    };
    match store.store_type() {
        StoreType::Jks => jks::encode(store, need()?),
        // Seam: the JCEKS codec (src/jceks/) plugs in here.
        StoreType::Jceks => Err(Error::Unsupported("JCEKS keystores".into())),
        StoreType::Pkcs12 => pkcs12::encode(store, store_password, protection),
    }
}

/// Reads a whole file, naming it in the error.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::io(path, e))
}

/// The temporary name a write uses beside `path`: hidden, and clearly not a keystore.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "keystore".into());
    let tag: u32 = rand::random();
    path.with_file_name(format!(
        ".{name}.rkeytool-{}-{tag:08x}.tmp",
        std::process::id()
    ))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// fsync, rename over `path`, fsync of the folder. A new file is created mode
/// 0600; an existing file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_path(path);
    let result = (|| -> std::io::Result<()> {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp)?;
        if let Ok(meta) = fs::metadata(path) {
            f.set_permissions(meta.permissions())?;
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(d) = fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        remove_stale_temporaries(path);
        Ok(())
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Removes temporary files that a killed writer left beside `path`. They
/// are hidden, named after the keystore and end in `.tmp`, so nothing takes
/// them for a keystore; the next successful write of that keystore (which
/// holds the folder's write lock) clears them.
fn remove_stale_temporaries(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.rkeytool-");
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix) && n.ends_with(".tmp") {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Writes a new file that must not exist yet (exported keys, CSRs with
/// `-file`), atomically and mode 0600.
pub fn write_new_file(path: &Path, bytes: &[u8], refuse_existing: bool) -> Result<()> {
    if refuse_existing && path.exists() {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "file exists; refusing to overwrite it",
            ),
        ));
    }
    write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_by_content() {
        assert_eq!(
            detect(&[0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2]).unwrap(),
            StoreType::Jks
        );
        assert_eq!(detect(&[0x30, 0x82]).unwrap(), StoreType::Pkcs12);
        assert!(matches!(detect(b"hello"), Err(Error::NotAKeystore)));
        assert!(matches!(detect(&JCEKS_MAGIC), Err(Error::Unsupported(_))));
    }

    #[test]
    fn atomic_write_creates_0600_and_keeps_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("rkeytool-storage-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let p = dir.join("ks.p12");
        let _ = fs::remove_file(&p);
        write_atomic(&p, b"one").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left behind"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}

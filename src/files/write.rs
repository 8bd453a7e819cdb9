//! Writes that keep the file: a keystore edited by rkeytool is, apart from
//! its contents, the same file it was — same path, same links, same owner,
//! group, mode, ACLs and other extended attributes.
//!
//! The design is Vim's `'backupcopy'=auto`:
//!
//! 1. Symbolic links at the end of the path (absolute, relative, chained) are
//!    followed to the real file, which is written; the links stay. A dangling
//!    link is written through, as keytool does: its target is created.
//! 2. A file with one name is replaced by rename: a temporary file beside it
//!    gets the bytes, then the old file's owner and group (`fchown`), its
//!    extended attributes (POSIX ACLs are `system.posix_acl_access`, SELinux
//!    labels `security.selinux`, and `user.*` ones) and its mode, is fsynced,
//!    checked, and renamed over the old one; the folder is fsynced. A crash
//!    leaves the old file or the new one.
//! 3. When renaming would change what the file is — several hard links, or an
//!    owner, group or attribute that this process cannot give the new file —
//!    the file is rewritten in place instead: a complete copy of the old bytes
//!    is written beside it first (`.rkeytool-<tag>.bak`, fsynced, renamed into
//!    its name, folder fsynced), then the file is overwritten, truncated and
//!    fsynced, and the copy removed. If the write fails the old bytes are put
//!    back at once; if the process dies, the next writer (under the folder
//!    lock, [`super::lock`]) puts them back, and readers ([`super::read_keystore`])
//!    read the copy while it exists. Either way: the old keystore or the new one.
//!    If the copy cannot be made, nothing is written.

use crate::error::{Error, Result};
use sha2::Digest;
use std::fs;
use std::io::{Read, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The mode of a file that a write creates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewFile {
    /// Keystores and private keys: 0600.
    Private,
    /// Certificates and requests, which hold nothing secret: 0666 less the
    /// umask, as keytool's.
    Public,
}

/// How a write went.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Written {
    /// There was no file: a new one was created.
    Created,
    /// A temporary file with the old one's owner, mode and attributes was
    /// renamed over it.
    Replaced,
    /// The file was rewritten in place (behind a backup copy), for this reason.
    InPlace(String),
}

/// Follows the symbolic links at the end of `path` (up to 40, as the kernel)
/// and gives the path of the file they lead to, which may not exist yet.
pub fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&p).map_err(|e| Error::io(&p, e))?;
                p = if target.is_absolute() {
                    target
                } else {
                    p.parent().unwrap_or(Path::new("")).join(target)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(Error::io(
        path,
        std::io::Error::other("too many levels of symbolic links"),
    ))
}

/// True for an existing device, pipe or socket (links followed by the
/// kernel, as `/dev/stdout -> /proc/self/fd/1 -> pipe:[…]` must be).
pub(crate) fn is_special(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// The folder a file lives in ("." for a bare name).
pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A short tag naming `path`'s file in the names of its temporary and backup
/// files: they must fit in NAME_MAX (255 bytes) whatever the keystore's name.
fn tag(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.as_encoded_bytes())
        .unwrap_or(b"");
    let d = sha2::Sha256::digest(name);
    d[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The prefix of the temporary files written beside `path`.
pub(crate) fn temp_prefix(path: &Path) -> String {
    format!(".rkeytool-{}-", tag(path))
}

/// A fresh temporary name beside `path`: hidden, short, clearly not a keystore.
fn temp_path(path: &Path) -> PathBuf {
    let r: u32 = rand::random();
    folder_of(path).join(format!("{}{r:08x}.tmp", temp_prefix(path)))
}

/// Where an in-place rewrite of `path` keeps the copy of the old bytes.
pub(crate) fn backup_path(path: &Path) -> PathBuf {
    folder_of(path).join(format!(".rkeytool-{}.bak", tag(path)))
}

fn sync_folder(path: &Path) {
    if let Ok(d) = fs::File::open(folder_of(path)) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to `path`, keeping the file's identity (see the module
/// documentation). A new file is created with `new`'s mode; with
/// `refuse_existing`, an existing file is an `AlreadyExists` error and is
/// never touched, even if one appears while writing.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    new: NewFile,
    refuse_existing: bool,
) -> Result<Written> {
    if is_special(path) {
        // A device or a pipe (`-file /dev/stdout`): written to, as keytool.
        let mut f = fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        f.write_all(bytes).map_err(|e| Error::io(path, e))?;
        return Ok(Written::InPlace("not a regular file".into()));
    }
    let real = resolve_links(path)?;
    let existed = fs::symlink_metadata(&real).is_ok();
    // Every failure says what became of the file: the last line is the truth.
    let err = |e: std::io::Error| {
        let state = if existed {
            "the file is unchanged"
        } else {
            "nothing was written"
        };
        Error::io(path, std::io::Error::new(e.kind(), format!("{e}; {state}")))
    };
    let meta = match fs::metadata(&real) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(err(e)),
    };
    let Some(meta) = meta else {
        create(&real, bytes, new, refuse_existing).map_err(err)?;
        return Ok(Written::Created);
    };
    if refuse_existing {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "file exists; refusing to overwrite it",
            ),
        ));
    }
    if meta.is_dir() {
        return Err(err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a folder",
        )));
    }
    if !meta.is_file() {
        return Err(err(std::io::Error::other("not a regular file")));
    }
    if meta.nlink() > 1 {
        let why = format!("{} hard links", meta.nlink());
        rewrite_in_place(&real, bytes).map_err(|e| in_place_error(path, &why, e))?;
        return Ok(Written::InPlace(why));
    }
    match replace(&real, &meta, bytes) {
        Ok(()) => Ok(Written::Replaced),
        Err(Replace::Io(e)) => Err(err(e)),
        Err(Replace::Identity(why)) => {
            rewrite_in_place(&real, bytes).map_err(|e| in_place_error(path, &why, e))?;
            Ok(Written::InPlace(why))
        }
    }
}

/// The error when the in-place rewrite, the only way to keep the file, fails.
fn in_place_error(path: &Path, why: &str, e: InPlace) -> Error {
    let text = match e {
        InPlace::Open(e) => format!(
            "cannot rewrite it in place ({why}), which keeping it as it is needs: {e}; the file is unchanged"
        ),
        InPlace::Backup(e) => format!(
            "cannot rewrite it in place ({why}) without a backup copy beside it, and that cannot be written: {e}; the file is unchanged"
        ),
        InPlace::Restored(e) => {
            format!("rewriting it in place failed: {e}; the old content was put back")
        }
        InPlace::Stranded(e, b) => format!(
            "rewriting it in place failed: {e}; the old content is in {} and is put back by the next rkeytool write",
            b.display()
        ),
    };
    Error::io(path, std::io::Error::other(text))
}

/// Creates the file that did not exist: temporary file, fsync, then rename
/// (or, refusing an existing file, a hard link that fails if one appeared).
fn create(real: &Path, bytes: &[u8], new: NewFile, refuse_existing: bool) -> std::io::Result<()> {
    let tmp = temp_path(real);
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(match new {
                NewFile::Private => 0o600,
                NewFile::Public => 0o666,
            })
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if refuse_existing {
            match fs::hard_link(&tmp, real) {
                Ok(()) => fs::remove_file(&tmp)?,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::AlreadyExists,
                        "file exists; refusing to overwrite it",
                    ));
                }
                // A file system without hard links: rename.
                Err(_) => fs::rename(&tmp, real)?,
            }
        } else {
            fs::rename(&tmp, real)?;
        }
        sync_folder(real);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

enum Replace {
    /// Writing failed; the old file is untouched.
    Io(std::io::Error),
    /// The new file could not be made the same as the old one: rewrite in place.
    Identity(String),
}

/// Replaces the file by renaming a temporary file that was given its owner,
/// group, extended attributes and mode.
fn replace(real: &Path, old: &fs::Metadata, bytes: &[u8]) -> std::result::Result<(), Replace> {
    let tmp = temp_path(real);
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(|e| match e.kind() {
                // The file itself may still be writable, as for keytool.
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    Replace::Identity(format!("no new file can be made in its folder: {e}"))
                }
                _ => Replace::Io(e),
            })?;
        f.write_all(bytes).map_err(Replace::Io)?;
        let mine = f.metadata().map_err(Replace::Io)?;
        if (mine.uid(), mine.gid()) != (old.uid(), old.gid()) {
            std::os::unix::fs::fchown(&f, Some(old.uid()), Some(old.gid())).map_err(|e| {
                Replace::Identity(format!(
                    "owner {}:{} cannot be given to a new file: {e}",
                    old.uid(),
                    old.gid()
                ))
            })?;
        }
        copy_xattrs(real, &f).map_err(Replace::Identity)?;
        f.set_permissions(old.permissions())
            .map_err(|e| Replace::Identity(format!("mode cannot be set: {e}")))?;
        let now = f.metadata().map_err(Replace::Io)?;
        if (now.uid(), now.gid(), now.mode()) != (old.uid(), old.gid(), old.mode()) {
            return Err(Replace::Identity(
                "owner or mode cannot be reproduced".into(),
            ));
        }
        f.sync_all().map_err(Replace::Io)?;
        drop(f);
        fs::rename(&tmp, real).map_err(Replace::Io)?;
        sync_folder(real);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The names of a file's extended attributes (none where the file system has none).
fn xattr_names(list: std::io::Result<Vec<u8>>) -> std::result::Result<Vec<Vec<u8>>, String> {
    match list {
        Ok(buf) => Ok(buf
            .split(|&b| b == 0)
            .filter(|n| !n.is_empty())
            .map(<[u8]>::to_vec)
            .collect()),
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::NOTSUP.raw_os_error()) => {
            Ok(Vec::new())
        }
        Err(e) => Err(format!("its extended attributes cannot be read: {e}")),
    }
}

fn list_path(p: &Path) -> std::io::Result<Vec<u8>> {
    let n = rustix::fs::listxattr_query(p)?;
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut buf = vec![0u8; n];
    let n = rustix::fs::listxattr(p, &mut buf[..])?;
    buf.truncate(n);
    Ok(buf)
}

fn list_fd(f: &fs::File) -> std::io::Result<Vec<u8>> {
    let n = rustix::fs::flistxattr_query(f)?;
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut buf = vec![0u8; n];
    let n = rustix::fs::flistxattr(f, &mut buf[..])?;
    buf.truncate(n);
    Ok(buf)
}

/// Gives `to` exactly the extended attributes of the file at `from`: copies
/// each, and removes those `to` got on its own (a folder's default ACL).
fn copy_xattrs(from: &Path, to: &fs::File) -> std::result::Result<(), String> {
    let names = xattr_names(list_path(from))?;
    for name in &names {
        let shown = String::from_utf8_lossy(name).into_owned();
        let value = (|| -> std::io::Result<Vec<u8>> {
            let n = rustix::fs::getxattr_query(from, name.as_slice())?;
            if n == 0 {
                return Ok(Vec::new());
            }
            let mut v = vec![0u8; n];
            let n = rustix::fs::getxattr(from, name.as_slice(), &mut v[..])?;
            v.truncate(n);
            Ok(v)
        })()
        .map_err(|e| format!("extended attribute {shown} cannot be read: {e}"))?;
        rustix::fs::fsetxattr(to, name.as_slice(), &value, rustix::fs::XattrFlags::empty())
            .map_err(|e| {
                format!("extended attribute {shown} cannot be given to a new file: {e}")
            })?;
    }
    for extra in xattr_names(list_fd(to))? {
        if !names.contains(&extra) {
            rustix::fs::fremovexattr(to, extra.as_slice()).map_err(|e| {
                format!(
                    "extended attribute {} cannot be removed from a new file: {e}",
                    String::from_utf8_lossy(&extra)
                )
            })?;
        }
    }
    Ok(())
}

enum InPlace {
    /// The file cannot be opened for writing; nothing happened.
    Open(std::io::Error),
    /// The backup copy cannot be written; nothing happened.
    Backup(std::io::Error),
    /// Writing failed and the old bytes were put back.
    Restored(std::io::Error),
    /// Writing failed and putting the old bytes back failed too: they are in the backup.
    Stranded(std::io::Error, PathBuf),
}

/// Rewrites the file in place behind a fsynced backup copy of its old bytes.
fn rewrite_in_place(real: &Path, bytes: &[u8]) -> std::result::Result<(), InPlace> {
    let mut f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(real)
        .map_err(InPlace::Open)?;
    let old = read_capped(&mut f).map_err(InPlace::Open)?;
    let backup = backup_path(real);
    write_backup(real, &backup, &old).map_err(InPlace::Backup)?;
    match overwrite(&mut f, bytes) {
        Ok(()) => {
            let _ = fs::remove_file(&backup);
            sync_folder(real);
            Ok(())
        }
        Err(e) => match overwrite(&mut f, &old) {
            Ok(()) => {
                let _ = fs::remove_file(&backup);
                sync_folder(real);
                Err(InPlace::Restored(e))
            }
            Err(_) => Err(InPlace::Stranded(e, backup)),
        },
    }
}

/// The old bytes an in-place rewrite keeps, no more than a keystore's cap.
fn read_capped(f: &mut fs::File) -> std::io::Result<Vec<u8>> {
    let cap = super::MAX_KEYSTORE_BYTES;
    let mut v = Vec::new();
    f.take(cap + 1).read_to_end(&mut v)?;
    if v.len() as u64 > cap {
        return Err(std::io::Error::other(format!(
            "larger than {}, too large to keep a backup copy of",
            super::format_size(cap)
        )));
    }
    Ok(v)
}

/// The backup copy appears under its name only when complete and on disk.
fn write_backup(real: &Path, backup: &Path, old: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(real);
    let result = (|| {
        let mut b = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        b.write_all(old)?;
        b.sync_all()?;
        drop(b);
        fs::rename(&tmp, backup)?;
        let d = fs::File::open(folder_of(real))?;
        d.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn overwrite(f: &mut fs::File, bytes: &[u8]) -> std::io::Result<()> {
    f.rewind()?;
    f.write_all(bytes)?;
    f.set_len(bytes.len() as u64)?;
    f.sync_all()
}

/// Puts back the old bytes of an in-place rewrite that did not finish (its
/// writer died): called by the next writer under the folder lock.
pub(crate) fn recover_interrupted(real: &Path) -> Result<()> {
    let backup = backup_path(real);
    let Ok(mut b) = fs::File::open(&backup) else {
        return Ok(());
    };
    let old = read_capped(&mut b).map_err(|e| Error::io(&backup, e))?;
    match fs::OpenOptions::new().write(true).open(real) {
        Ok(mut f) => overwrite(&mut f, &old).map_err(|e| Error::io(real, e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fs::rename(&backup, real).map_err(|e| Error::io(real, e))?;
        }
        Err(e) => return Err(Error::io(real, e)),
    }
    let _ = fs::remove_file(&backup);
    sync_folder(real);
    Ok(())
}

/// Removes temporary files that a killed writer left beside `real`. They are
/// hidden and end in `.tmp`, so nothing takes them for a keystore; the next
/// writer of that file, holding the folder's lock, clears them.
pub(crate) fn remove_stale_temporaries(real: &Path) {
    let prefix = temp_prefix(real);
    // Earlier versions named them `.<keystore name>.rkeytool-<pid>-<tag>.tmp`.
    let legacy = real
        .file_name()
        .map(|n| format!(".{}.rkeytool-", n.to_string_lossy()));
    let Ok(entries) = fs::read_dir(folder_of(real)) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let ours = n.starts_with(&prefix) || legacy.as_ref().is_some_and(|l| n.starts_with(l));
        if ours && n.ends_with(".tmp") {
            let _ = fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("rkeytool-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn temporary_names_fit_in_name_max() {
        let long = "k".repeat(255);
        let p = Path::new("/some/folder").join(&long);
        assert!(temp_path(&p).file_name().unwrap().len() < 64);
        assert!(backup_path(&p).file_name().unwrap().len() < 64);
        assert_ne!(tag(Path::new("a.p12")), tag(Path::new("b.p12")));
    }

    #[test]
    fn new_files_private_or_public_then_mode_kept() {
        let d = dir("modes");
        let p = d.join("ks.p12");
        assert_eq!(
            write_file(&p, b"one", NewFile::Private, false).unwrap(),
            Written::Created
        );
        assert_eq!(fs::metadata(&p).unwrap().mode() & 0o777, 0o600);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        assert_eq!(
            write_file(&p, b"two", NewFile::Private, false).unwrap(),
            Written::Replaced
        );
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::metadata(&p).unwrap().mode() & 0o777, 0o640);
        assert!(write_file(&p, b"three", NewFile::Private, true).is_err());
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1, "nothing left behind");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn hard_links_stay_one_file() {
        let d = dir("links");
        let a = d.join("a.p12");
        let b = d.join("b.p12");
        fs::write(&a, b"old content, longer than the new").unwrap();
        fs::hard_link(&a, &b).unwrap();
        assert!(matches!(
            write_file(&a, b"new", NewFile::Private, false).unwrap(),
            Written::InPlace(_)
        ));
        assert_eq!(fs::read(&b).unwrap(), b"new");
        assert_eq!(
            fs::metadata(&a).unwrap().ino(),
            fs::metadata(&b).unwrap().ino()
        );
        assert!(!backup_path(&a).exists());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn an_interrupted_in_place_rewrite_is_undone() {
        let d = dir("recover");
        let a = d.join("a.p12");
        fs::write(&a, b"half-writ").unwrap();
        fs::write(backup_path(&a), b"the old keystore").unwrap();
        assert_eq!(
            super::super::read_keystore(&a).unwrap(),
            b"the old keystore"
        );
        recover_interrupted(&a).unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"the old keystore");
        assert!(!backup_path(&a).exists());
        fs::remove_dir_all(&d).unwrap();
    }
}

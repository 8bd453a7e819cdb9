//! The write lock every writer of a file takes for its whole
//! read-modify-write: an exclusive `flock` on the folder of the real file (a
//! lock on the file itself would not survive the rename that replaces it).

use super::write::{
    folder_of, is_special, recover_interrupted, remove_stale_temporaries, resolve_links,
};
use crate::error::{Error, Result};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Held while a command reads, changes and writes a file; released when dropped.
#[derive(Debug)]
pub struct WriteLock {
    _folder: Option<fs::File>,
    _file: Option<fs::File>,
    real: PathBuf,
}

impl WriteLock {
    /// The real file the lock is for: the path with its symbolic links followed.
    pub fn real_path(&self) -> &Path {
        &self.real
    }
}

/// Takes the write lock for `path` (its links followed, so that every name of
/// a file shares one lock). When another process holds it, `on_wait` is
/// called with the folder's name before waiting. Once held: an in-place
/// rewrite that a killed writer left unfinished is undone, and killed
/// writers' temporary files are removed.
pub fn lock(path: &Path, on_wait: &mut dyn FnMut(&Path)) -> Result<WriteLock> {
    if is_special(path) {
        // `/dev/stdout` and the like: written to directly, nothing to lock.
        return Ok(WriteLock {
            _folder: None,
            _file: None,
            real: path.to_path_buf(),
        });
    }
    let real = resolve_links(path)?;
    let dir = folder_of(&real);
    let folder = fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
    take(&folder, dir, on_wait)?;
    // A file with several hard links may be reached through another folder,
    // whose lock is another: its writers meet on the file itself, which an
    // in-place rewrite keeps (taken after the folder's, always in that order).
    let file = match fs::File::open(&real) {
        Ok(f) if f.metadata().is_ok_and(|m| m.is_file() && m.nlink() > 1) => {
            take(&f, &real, on_wait)?;
            Some(f)
        }
        _ => None,
    };
    recover_interrupted(&real)?;
    remove_stale_temporaries(&real);
    Ok(WriteLock {
        _folder: Some(folder),
        _file: file,
        real,
    })
}

fn take(f: &fs::File, name: &Path, on_wait: &mut dyn FnMut(&Path)) -> Result<()> {
    match f.try_lock() {
        Ok(()) => Ok(()),
        Err(fs::TryLockError::WouldBlock) => {
            on_wait(name);
            f.lock().map_err(|e| Error::io(name, e))
        }
        Err(fs::TryLockError::Error(e)) => Err(Error::io(name, e)),
    }
}

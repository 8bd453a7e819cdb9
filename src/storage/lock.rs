//! The write lock every writer of a file takes for its whole
//! read-modify-write: an exclusive `flock` on the folder of the real file (a
//! lock on the file itself would not survive the rename that replaces it).

use super::write::{folder_of, recover_interrupted, remove_stale_temporaries, resolve_links};
use crate::error::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// Held while a command reads, changes and writes a file; released when dropped.
#[derive(Debug)]
pub struct WriteLock {
    _folder: fs::File,
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
    let real = resolve_links(path)?;
    let dir = folder_of(&real);
    let f = fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
    match f.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            on_wait(dir);
            f.lock().map_err(|e| Error::io(dir, e))?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(Error::io(dir, e)),
    }
    recover_interrupted(&real)?;
    remove_stale_temporaries(&real);
    Ok(WriteLock {
        _folder: f,
        real,
    })
}

//! Files as rkeytool reads and writes them, whatever they hold: bounded
//! reads, writes that keep the file's identity, and the writers' lock.
//! Keystores, PEM folders and bundles all read and write through here;
//! [`crate::storage`] knows the formats and re-exports these.

mod lock;
mod read;
mod write;

pub use lock::{WriteLock, lock};
pub use read::{
    MAX_INPUT_BYTES, MAX_KEYSTORE_BYTES, MAX_PASSWORD_LINE, format_size, read_bounded, read_file,
    read_keystore, read_line_bounded, read_password_file, read_stream,
};
pub use write::{NewFile, Written, resolve_links, write_file};

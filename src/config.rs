//! Where report-reader keeps its files: keymap.toml, annotations.json, state.json.

use std::path::PathBuf;

/// Environment variable that replaces the configuration directory.
pub const CONFIG_DIR_ENV: &str = "REPORT_READER_CONFIG_DIR";

/// `--config-dir` wins, then `REPORT_READER_CONFIG_DIR`, then the platform's
/// directory from the `directories` crate. None when no home can be found.
pub fn config_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir);
    }
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "report-reader", "report-reader")
        .map(|d| d.config_dir().to_path_buf())
}

//! `--format json`: the row model itself (docs/register.md documents it), pretty-printed.

use super::Register;

pub(super) fn encode(register: &Register) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(register)?;
    bytes.push(b'\n');
    Ok(bytes)
}

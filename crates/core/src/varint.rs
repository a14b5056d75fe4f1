//! LEB128 variable-length integers (7 bits a byte, high bit = more follows) and zigzag for signed values:
//! the packing of the search index's postings and of the stored progress records.

pub fn push_u64(bytes: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        bytes.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

pub fn push_i64(bytes: &mut Vec<u8>, value: i64) {
    push_u64(bytes, ((value << 1) ^ (value >> 63)) as u64);
}

/// Reads one value; `None` at the end of the input or on a value longer than 64 bits.
pub fn read_u64(bytes: &mut impl Iterator<Item = u8>) -> Option<u64> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = bytes.next()?;
        if shift > 63 {
            return None;
        }
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
        shift += 7;
    }
}

pub fn read_i64(bytes: &mut impl Iterator<Item = u8>) -> Option<i64> {
    let value = read_u64(bytes)?;
    Some((value >> 1) as i64 ^ -((value & 1) as i64))
}

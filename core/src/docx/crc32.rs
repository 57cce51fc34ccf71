//! CRC-32 (IEEE 802.3, the zip checksum): written into every zip entry, checked on reading.

/// The 256-entry table of the reflected polynomial 0xEDB88320, built at compile time.
const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The CRC-32 of `bytes`, as zip stores it.
pub fn crc32(bytes: &[u8]) -> u32 {
    update(0, bytes)
}

/// Continues a CRC-32 over more bytes: `update(crc32(a), b) == crc32(a ++ b)`.
pub fn update(crc: u32, bytes: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in bytes {
        c = TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32("法治".as_bytes()),
            update(crc32("法".as_bytes()), "治".as_bytes())
        );
    }
}

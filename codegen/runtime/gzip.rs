//! gzip (RFC 1952) for `@requestCompression` request bodies.
//!
//! The DEFLATE stream (RFC 1951) is one LZ77 pass with one step of lazy matching over a 32 KiB
//! window, with hash chains cut at a fixed length so the time stays linear in the input. Blocks
//! use the fixed Huffman codes: no code tables to build or send. On JSON the output is about a
//! third larger than zlib's default level with its dynamic codes, for much less code. A block
//! that would not shrink (random or already-compressed bytes) is stored instead.

/// The DEFLATE window; a distance is at most `WINDOW - 1` so a chain slot is never reused early.
const WINDOW: usize = 1 << 15;
const MAX_DIST: usize = WINDOW - 1;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const HASH_BITS: u32 = 15;
/// Candidates examined per position: bounds the time on inputs with long chains.
const MAX_CHAIN: usize = 64;
/// After a match this long, the lazy look one byte on follows a quarter of the chain.
const GOOD_MATCH: usize = 8;
/// A match this long ends the search.
const NICE_MATCH: usize = 128;
/// A match this long is taken without looking one byte ahead for a longer one.
const LAZY_MATCH: usize = 32;
/// Codes per block, so an incompressible stretch is stored without losing much elsewhere.
const BLOCK_CODES: usize = 1 << 14;
/// The largest stored block.
const MAX_STORED: usize = 0xffff;

/// The gzip member of `data`: no file name, modification time 0, OS "unknown".
pub(crate) fn gzip(data: &[u8]) -> ::std::vec::Vec<u8> {
    let mut w = BitWriter {
        out: ::std::vec::Vec::with_capacity(data.len() / 4 + 64),
        acc: 0,
        bits: 0,
    };
    // ID1 ID2, CM = deflate, FLG = 0, MTIME = 0 (4 bytes), XFL = 0, OS = 255.
    w.out
        .extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    deflate(data, &mut w);
    w.align();
    let mut out = w.out;
    out.extend_from_slice(&crc32(data).to_le_bytes());
    // ISIZE is the length modulo 2^32.
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// CRC-32 (IEEE 802.3, reflected, as in gzip and zlib).
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let t = &CRC_TABLES;
    let mut crc = !0u32;
    // Slicing-by-8: eight table lookups per eight bytes instead of a dependent chain of eight.
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let lo = crc ^ u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        crc = t[7][(lo & 0xff) as usize]
            ^ t[6][((lo >> 8) & 0xff) as usize]
            ^ t[5][((lo >> 16) & 0xff) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][usize::from(c[4])]
            ^ t[2][usize::from(c[5])]
            ^ t[1][usize::from(c[6])]
            ^ t[0][usize::from(c[7])];
    }
    for &b in chunks.remainder() {
        crc = t[0][((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

static CRC_TABLES: [[u32; 256]; 8] = crc_tables();

/// `t[0]` is the byte-at-a-time table; `t[k][n]` is the CRC of `n` followed by `k` zero bytes.
const fn crc_tables() -> [[u32; 256]; 8] {
    let mut t = [[0u32; 256]; 8];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = (c >> 1) ^ (0xedb8_8320 & (c & 1).wrapping_neg());
            k += 1;
        }
        t[0][n] = c;
        n += 1;
    }
    let mut k = 1;
    while k < 8 {
        let mut n = 0;
        while n < 256 {
            let prev = t[k - 1][n];
            t[k][n] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
            n += 1;
        }
        k += 1;
    }
    t
}

/// Length symbols 257..=285: base length and extra bits (RFC 1951, 3.2.5).
const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Distance codes 0..=29: base distance and extra bits.
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// `LEN_SYMBOL[len - 3]` is the index into `LEN_BASE` for a match of `len` bytes.
static LEN_SYMBOL: [u8; 256] = len_symbols();

const fn len_symbols() -> [u8; 256] {
    let mut t = [0u8; 256];
    let (mut len, mut sym) = (MIN_MATCH, 0);
    while len <= MAX_MATCH {
        // 258 gets its own symbol (285), though 227 plus 31 extra would also reach it.
        while sym < 28 && LEN_BASE[sym + 1] as usize <= len {
            sym += 1;
        }
        t[len - MIN_MATCH] = sym as u8;
        len += 1;
    }
    t
}

/// The fixed literal/length code (RFC 1951, 3.2.6), bit-reversed for LSB-first output, and
/// its length.
static FIXED_LITLEN: [(u16, u8); 288] = fixed_litlen();

const fn fixed_litlen() -> [(u16, u8); 288] {
    let mut t = [(0u16, 0u8); 288];
    let mut s = 0;
    while s < 288 {
        let (code, len) = match s {
            0..=143 => (0x30 + s as u32, 8),
            144..=255 => (0x190 + (s as u32 - 144), 9),
            256..=279 => (s as u32 - 256, 7),
            _ => (0xc0 + (s as u32 - 280), 8),
        };
        t[s] = ((code.reverse_bits() >> (32 - len)) as u16, len as u8);
        s += 1;
    }
    t
}

/// The distance code for a distance in `1..=32768`.
fn dist_code(dist: usize) -> usize {
    let x = dist.saturating_sub(1);
    if x < 4 {
        return x;
    }
    // Two codes per power of two: the bit below the leading one picks between them.
    let log = (usize::BITS - 1 - x.leading_zeros()) as usize;
    (2 * log + ((x >> (log - 1)) & 1)).min(29)
}

/// Writes bits least-significant first, as DEFLATE packs them.
struct BitWriter {
    out: ::std::vec::Vec<u8>,
    acc: u64,
    bits: u32,
}

impl BitWriter {
    /// Appends the low `n` bits of `value`; `n <= 32`.
    fn put(&mut self, value: u32, n: u32) {
        debug_assert!(n <= 32 && self.bits < 32);
        self.acc |= u64::from(value) << self.bits;
        self.bits += n;
        if self.bits >= 32 {
            self.out.extend_from_slice(&(self.acc as u32).to_le_bytes());
            self.acc >>= 32;
            self.bits -= 32;
        }
    }

    /// Pads with zero bits to a byte boundary and writes out what is pending.
    fn align(&mut self) {
        while self.bits > 0 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.bits = self.bits.saturating_sub(8);
        }
        self.acc = 0;
    }
}

/// The LZ77 match finder: `head[hash]` is the last position with that hash and
/// `prev[pos % WINDOW]` the one before `pos`; both store position + 1, with 0 for none.
struct Matcher {
    head: ::std::vec::Vec<usize>,
    prev: ::std::vec::Vec<usize>,
}

impl Matcher {
    /// Records `pos` and returns the previous position with the same hash (+ 1), where a match
    /// search starts.
    fn insert(&mut self, data: &[u8], pos: usize) -> usize {
        let Some(&[a, b, c]) = data.get(pos..pos.saturating_add(MIN_MATCH)) else {
            return 0;
        };
        let key = u32::from(a) | (u32::from(b) << 8) | (u32::from(c) << 16);
        let h = (key.wrapping_mul(0x9e37_79b1) >> (32 - HASH_BITS)) as usize;
        let (Some(head), Some(prev)) = (self.head.get_mut(h), self.prev.get_mut(pos % WINDOW))
        else {
            return 0;
        };
        let old = *head;
        *head = pos + 1;
        *prev = old;
        old
    }

    /// The longest match (length, distance) for `pos` along the chain from `cand`, or length 0.
    fn find(&self, data: &[u8], pos: usize, mut cand: usize, max_chain: usize) -> (usize, usize) {
        let Some(cur) = data.get(pos..data.len().min(pos.saturating_add(MAX_MATCH))) else {
            return (0, 0);
        };
        let mut best = (MIN_MATCH - 1, 0);
        let mut chain = max_chain;
        while cand != 0 && chain > 0 {
            let c = cand - 1;
            if c >= pos || pos - c > MAX_DIST {
                break;
            }
            let Some(src) = data.get(c..c + cur.len()) else {
                break;
            };
            // The byte that would make this candidate longer than the best rules most out.
            if src.get(best.0) == cur.get(best.0) {
                let len = common_prefix(src, cur);
                if len > best.0 {
                    best = (len, pos - c);
                    if len >= NICE_MATCH || len == cur.len() {
                        break;
                    }
                }
            }
            let next = self.prev.get(c % WINDOW).copied().unwrap_or(0);
            // Chains only go back; anything else is a stale slot.
            if next >= cand {
                break;
            }
            cand = next;
            chain -= 1;
        }
        if best.0 >= MIN_MATCH { best } else { (0, 0) }
    }
}

/// How many leading bytes `a` and `b` share, compared eight at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let mut n = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let (Ok(x), Ok(y)) = (<[u8; 8]>::try_from(x), <[u8; 8]>::try_from(y)) else {
            break;
        };
        let diff = u64::from_le_bytes(x) ^ u64::from_le_bytes(y);
        if diff != 0 {
            return n + (diff.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + a.iter().zip(b).skip(n).take_while(|(x, y)| x == y).count()
}

/// The DEFLATE stream of `data`, ending with a final block.
fn deflate(data: &[u8], w: &mut BitWriter) {
    let mut m = Matcher {
        head: ::std::vec![0; 1 << HASH_BITS],
        prev: ::std::vec![0; WINDOW],
    };
    let mut block = Block {
        codes: ::std::vec::Vec::with_capacity(BLOCK_CODES),
        start: 0,
        bits: 0,
        stored_from: None,
    };
    let mut i = 0;
    // A match already searched for at `i` (which is then already inserted).
    let mut pending: ::std::option::Option<(usize, usize)> = None;
    while let Some(&byte) = data.get(i) {
        let mut found = pending.take().unwrap_or_else(|| {
            let cand = m.insert(data, i);
            m.find(data, i, cand, MAX_CHAIN)
        });
        let mut inserted = i + 1;
        if found.0 >= MIN_MATCH && found.0 < LAZY_MATCH {
            // One step of lazy matching: a longer match one byte on is worth a literal. A good
            // match already makes a much longer one unlikely, so look less hard.
            let cand = m.insert(data, i + 1);
            inserted = i + 2;
            let chain = if found.0 >= GOOD_MATCH {
                MAX_CHAIN / 4
            } else {
                MAX_CHAIN
            };
            let next = m.find(data, i + 1, cand, chain);
            if next.0 > found.0 {
                pending = Some(next);
                found = (0, 0);
            }
        }
        if found.0 < MIN_MATCH {
            block.literal(byte);
            i += 1;
        } else {
            block.copy(found.0, found.1);
            // Every position goes into the chains, so later matches can start anywhere.
            for p in inserted..i + found.0 {
                m.insert(data, p);
            }
            i += found.0;
        }
        block.flush_if_full(data, i, w);
    }
    block.write(data, data.len(), true, w);
}

/// The fixed-code bits since the last block boundary, which covered `data[start..]`.
struct Block {
    /// Each a value and its bit count (at most 18).
    codes: ::std::vec::Vec<(u32, u32)>,
    start: usize,
    bits: u64,
    /// Where a run of bytes to store began: it is written out when it ends, in as few blocks
    /// as possible.
    stored_from: ::std::option::Option<usize>,
}

impl Block {
    fn put(&mut self, value: u32, n: u32) {
        self.bits += u64::from(n);
        self.codes.push((value, n));
    }

    fn literal(&mut self, byte: u8) {
        let (code, n) = FIXED_LITLEN[usize::from(byte)];
        self.put(u32::from(code), u32::from(n));
    }

    /// A back-reference: length code and extra bits, then distance code and extra bits.
    fn copy(&mut self, len: usize, dist: usize) {
        let ls = usize::from(LEN_SYMBOL[len.saturating_sub(MIN_MATCH) & 0xff]).min(28);
        let (code, n) = FIXED_LITLEN[257 + ls];
        let extra = len.saturating_sub(usize::from(LEN_BASE[ls])) as u32;
        self.put(
            u32::from(code) | (extra << n),
            u32::from(n) + u32::from(LEN_EXTRA[ls]),
        );
        let dc = dist_code(dist);
        // Fixed distance codes are the 5-bit code itself, sent most-significant bit first.
        let code = (dc as u32).reverse_bits() >> 27;
        let extra = dist.saturating_sub(usize::from(DIST_BASE[dc])) as u32;
        self.put(code | (extra << 5), 5 + u32::from(DIST_EXTRA[dc]));
    }

    fn flush_if_full(&mut self, data: &[u8], end: usize, w: &mut BitWriter) {
        if self.codes.len() >= BLOCK_CODES {
            self.write(data, end, false, w);
        }
    }

    /// Writes the codes covering `data[start..end]` as a fixed-code block, or stores those
    /// bytes if that is smaller, and starts the next block at `end`.
    fn write(&mut self, data: &[u8], end: usize, last: bool, w: &mut BitWriter) {
        let len = end.saturating_sub(self.start) as u64;
        // A stored block costs 3 header bits, up to 7 padding bits, LEN and NLEN; a fixed one
        // 3 header bits and the 7-bit end-of-block code.
        let stored = 42 * len.div_ceil(MAX_STORED as u64).max(1) + 8 * len < 3 + self.bits + 7;
        if stored {
            let from = *self.stored_from.get_or_insert(self.start);
            if last {
                write_stored(data.get(from..end).unwrap_or(&[]), true, w);
            }
        } else {
            if let Some(from) = self.stored_from.take() {
                write_stored(data.get(from..self.start).unwrap_or(&[]), false, w);
            }
            // BFINAL, then BTYPE = 01.
            w.put(u32::from(last) | 0b10, 3);
            for &(value, n) in &self.codes {
                w.put(value, n);
            }
            let (eob, n) = FIXED_LITLEN[256];
            w.put(u32::from(eob), u32::from(n));
        }
        self.codes.clear();
        self.start = end;
        self.bits = 0;
    }
}

fn write_stored(raw: &[u8], last: bool, w: &mut BitWriter) {
    let mut rest = raw;
    loop {
        let (chunk, tail) = rest.split_at(rest.len().min(MAX_STORED));
        // BFINAL, BTYPE = 00, then LEN and NLEN from the next byte boundary.
        w.put(u32::from(last && tail.is_empty()), 3);
        w.align();
        let len = chunk.len() as u16;
        w.out.extend_from_slice(&len.to_le_bytes());
        w.out.extend_from_slice(&(!len).to_le_bytes());
        w.out.extend_from_slice(chunk);
        if tail.is_empty() {
            return;
        }
        rest = tail;
    }
}

#[cfg(test)]
#[path = "tests/gzip.rs"]
mod tests;

//! A JSON number kept as written. Smithy's JSON AST holds numbers of any size and precision
//! (`bigInteger`, `bigDecimal` trait values and defaults), and serde_json without
//! `arbitrary_precision` (which the generated crates must not get through feature unification)
//! rounds integers beyond `u64` and refuses anything beyond `f64`; the text loses nothing.

use std::fmt;

/// A number's text, checked against the JSON number grammar
/// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
///
/// Equality is by value, exactly: `1 == 1.0 == 10e-1`, `-0 == 0`, and two numbers that differ
/// only past the 17th significant digit are different.
#[derive(Debug, Clone)]
pub struct Number(String);

impl Number {
    /// The number `text` is, when it is one JSON number and nothing else.
    pub fn parse(text: &str) -> Option<Number> {
        (json_number_len(text) == Some(text.len())).then(|| Number(text.to_string()))
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value when it is written as an integer that fits an `i64` (as serde_json's
    /// `as_i64`: `1.0` and `1e2` are not integers here).
    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    /// The value when it is written as an integer that fits a `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    /// The nearest `f64`, when the number is within its range.
    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse::<f64>().ok().filter(|f| f.is_finite())
    }

    /// The value as a serde_json number, as serde_json would read the text: integers beyond
    /// `u64`/`i64` and long decimals rounded to `f64`; `None` beyond the `f64` range.
    pub fn to_serde(&self) -> Option<serde_json::Number> {
        serde_json::from_str(&self.0).ok()
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Number {
        Number(n.to_string())
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        Number(n.to_string())
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        self.0 == other.0 || Decimal::of(&self.0) == Decimal::of(&other.0)
    }
}

/// A number as `sign × 0.digits × 10^exponent`, with `digits` free of leading and trailing
/// zeros (empty for zero, whose sign and exponent are then ignored): one form per value.
#[derive(Debug, PartialEq)]
enum Decimal<'a> {
    Zero,
    Finite {
        negative: bool,
        digits: Vec<u8>,
        exponent: i128,
    },
    /// An exponent beyond `i128`: only equal to the same text.
    Huge(&'a str),
}

impl<'a> Decimal<'a> {
    fn of(text: &'a str) -> Decimal<'a> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, text),
        };
        let (mantissa, exp) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, "0"),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
        let Some(first) = all.iter().position(|&b| b != b'0') else {
            return Decimal::Zero;
        };
        let last = all.iter().rposition(|&b| b != b'0').unwrap_or(first);
        let Ok(exp) = exp.strip_prefix('+').unwrap_or(exp).parse::<i128>() else {
            return Decimal::Huge(text);
        };
        // 0.d1d2… × 10^(int digits − leading zeros + exp).
        let shift = int.len() as i128 - first as i128;
        Decimal::Finite {
            negative,
            digits: all[first..=last].to_vec(),
            exponent: exp.saturating_add(shift),
        }
    }
}

/// The length of the JSON number at the start of `s`, if one starts there.
pub(super) fn json_number_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = |p: &mut usize| {
        let start = *p;
        while b.get(*p).is_some_and(u8::is_ascii_digit) {
            *p += 1;
        }
        *p > start
    };
    let mut p = usize::from(b.first() == Some(&b'-'));
    match b.get(p) {
        Some(b'0') => p += 1,
        Some(b'1'..=b'9') => {
            digits(&mut p);
        }
        _ => return None,
    }
    if b.get(p) == Some(&b'.') {
        p += 1;
        if !digits(&mut p) {
            return None;
        }
    }
    if matches!(b.get(p), Some(b'e' | b'E')) {
        p += 1;
        if matches!(b.get(p), Some(b'+' | b'-')) {
            p += 1;
        }
        if !digits(&mut p) {
            return None;
        }
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Number {
        Number::parse(s).unwrap_or_else(|| panic!("{s} is a number"))
    }

    #[test]
    fn grammar() {
        for ok in [
            "0",
            "-0",
            "1.5",
            "-12e+3",
            "1E-7",
            "9223372036854775808",
            "2E+308",
        ] {
            assert_eq!(n(ok).as_str(), ok);
        }
        for bad in [
            "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1 ", "0x1", "NaN",
        ] {
            assert!(Number::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn equality_is_exact_and_by_value() {
        for (a, b) in [
            ("1", "1.0"),
            ("1", "10e-1"),
            ("0", "-0.0e5"),
            ("1500", "1.5e3"),
            ("2E+308", "2e308"),
            ("1.7976931348623157E+309", "17976931348623157e293"),
            ("-0.00120", "-1.2E-3"),
        ] {
            assert_eq!(n(a), n(b), "{a} == {b}");
        }
        for (a, b) in [
            ("1", "-1"),
            ("1", "1.0000000000000000000001"),
            ("9223372036854775808", "9223372036854775809"),
            ("1e400", "1e401"),
            ("12", "21"),
        ] {
            assert_ne!(n(a), n(b), "{a} != {b}");
        }
    }

    #[test]
    fn conversions() {
        assert_eq!(n("1e400").as_f64(), None);
        assert_eq!(n("1e400").to_serde(), None);
        assert_eq!(n("1.0").as_i64(), None);
        assert_eq!(n("-5").as_i64(), Some(-5));
        assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
    }
}

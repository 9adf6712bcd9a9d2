//! The three Smithy timestamp wire formats: `date-time` (RFC 3339), `http-date`
//! (IMF-fixdate, RFC 7231 §7.1.1.1) and `epoch-seconds`.
//!
//! Instants follow POSIX time: a leap second held by chrono (nanosecond >= 1e9) counts as
//! the start of the following second, and a parsed second `60` (only valid at 23:59 UTC)
//! resolves to that same instant. Every parser returns an error instead of panicking, for any
//! input; every formatter accepts every `Timestamp`.

use ::chrono::Datelike as _;
use ::chrono::Timelike as _;

/// The instant type used for every Smithy `timestamp` shape.
pub(crate) type Timestamp = ::chrono::DateTime<::chrono::Utc>;

const NANOS_PER_SEC: i128 = 1_000_000_000;
const SECS_PER_DAY: i64 = 86_400;
/// Longest input kept in an error, in chars, so a huge bad header does not bloat errors.
const MAX_ERROR_INPUT_CHARS: usize = 64;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WireFormat {
    DateTime,
    HttpDate,
    EpochSeconds,
}

impl WireFormat {
    fn name(self) -> &'static str {
        match self {
            WireFormat::DateTime => "date-time",
            WireFormat::HttpDate => "http-date",
            WireFormat::EpochSeconds => "epoch-seconds",
        }
    }
}

/// Error for a timestamp that could not be parsed.
///
/// Holds the wire format that was expected and the offending input, cut to at most 64 chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    format: WireFormat,
    input: ::std::string::String,
    truncated: bool,
}

impl TimestampError {
    fn new(format: WireFormat, input: &str) -> Self {
        let mut chars = input.chars();
        let kept: ::std::string::String = chars.by_ref().take(MAX_ERROR_INPUT_CHARS).collect();
        TimestampError {
            format,
            input: kept,
            truncated: chars.next().is_some(),
        }
    }
}

impl ::std::fmt::Display for TimestampError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(
            f,
            "invalid {} timestamp: {:?}",
            self.format.name(),
            self.input
        )?;
        if self.truncated {
            f.write_str(" (truncated)")?;
        }
        Ok(())
    }
}

impl ::std::error::Error for TimestampError {}

/// Nanoseconds since the epoch; `i128` so no `Timestamp` can overflow it.
fn total_nanos(t: &Timestamp) -> i128 {
    i128::from(t.timestamp()) * NANOS_PER_SEC + i128::from(t.timestamp_subsec_nanos())
}

fn from_total_nanos(nanos: i128) -> ::std::option::Option<Timestamp> {
    let secs = i64::try_from(nanos.div_euclid(NANOS_PER_SEC)).ok()?;
    let subsec = u32::try_from(nanos.rem_euclid(NANOS_PER_SEC)).ok()?;
    ::chrono::DateTime::from_timestamp(secs, subsec)
}

/// Calendar second (60 during a chrono leap second) and the nanoseconds within it.
fn second_and_nanos(t: &Timestamp) -> (u32, u32) {
    let nanos = t.nanosecond();
    (t.second() + nanos / 1_000_000_000, nanos % 1_000_000_000)
}

/// Four-digit year; years RFC 3339 / IMF-fixdate cannot express get an ISO 8601 sign.
fn format_year(year: i32) -> ::std::string::String {
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        format!("{year:+05}")
    }
}

/// `nanos` (< 1e9) as decimal fraction digits, trailing zeros trimmed; empty for zero.
fn fraction_digits(nanos: u32) -> ::std::string::String {
    if nanos == 0 {
        return ::std::string::String::new();
    }
    let digits = format!("{nanos:09}");
    digits.trim_end_matches('0').to_owned()
}

/// Exact decimal epoch seconds, e.g. `-1.5` or `1515531081.1234`.
fn epoch_decimal(t: &Timestamp) -> ::std::string::String {
    let nanos = total_nanos(t);
    let sign = if nanos < 0 { "-" } else { "" };
    let magnitude = nanos.unsigned_abs();
    let whole = magnitude / 1_000_000_000;
    let fraction = u32::try_from(magnitude % 1_000_000_000).unwrap_or(0);
    if fraction == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{}", fraction_digits(fraction))
    }
}

/// Byte cursor for the hand-written, allocation-free parsers.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor {
            bytes: s.as_bytes(),
            pos: 0,
        }
    }

    fn peek(&self) -> ::std::option::Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> ::std::option::Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn expect(&mut self, b: u8) -> ::std::option::Option<()> {
        (self.next()? == b).then_some(())
    }

    fn take(&mut self, n: usize) -> ::std::option::Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let slice = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(slice)
    }

    /// Exactly `n` (at most 4) ASCII digits.
    fn digits(&mut self, n: usize) -> ::std::option::Option<u32> {
        self.take(n)?.iter().try_fold(0u32, |acc, &b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    }

    /// One or more digits after a `.`, as nanoseconds; digits past the ninth are dropped.
    fn fraction_nanos(&mut self) -> ::std::option::Option<u32> {
        let start = self.pos;
        let mut nanos = 0u32;
        let mut place_value = 100_000_000u32;
        while let Some(b) = self.peek().filter(u8::is_ascii_digit) {
            nanos += u32::from(b - b'0') * place_value;
            place_value /= 10;
            self.pos += 1;
        }
        (self.pos > start).then_some(nanos)
    }

    fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

/// Builds the instant for a validated calendar date and wall time at `offset_secs` east of UTC.
fn civil_to_timestamp(
    date: ::chrono::NaiveDate,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    offset_secs: i64,
) -> ::std::option::Option<Timestamp> {
    if second > 60 {
        return None;
    }
    let minute_start = date
        .and_hms_opt(hour, minute, 0)?
        .and_utc()
        .timestamp()
        .checked_sub(offset_secs)?;
    if second == 60 && (minute_start + 59).rem_euclid(SECS_PER_DAY) != SECS_PER_DAY - 1 {
        return None;
    }
    let secs = minute_start.checked_add(i64::from(second))?;
    ::chrono::DateTime::from_timestamp(secs, nanos)
}

/// Formats `t` as an RFC 3339 `date-time` in UTC with a `Z` suffix.
///
/// Fractional seconds are printed only when non-zero, with trailing zeros trimmed and full
/// nanosecond precision kept: `2015-01-01T00:00:00Z`, `2019-12-16T23:48:18.52Z`,
/// `1985-04-12T23:20:50.123456789Z`. Years outside 0000..=9999 (which RFC 3339 cannot express)
/// are printed with an ISO 8601 sign, e.g. `+10000-01-01T00:00:00Z`, and do not parse back.
pub(crate) fn format_date_time(t: &Timestamp) -> ::std::string::String {
    let (second, nanos) = second_and_nanos(t);
    let fraction = fraction_digits(nanos);
    let dot = if fraction.is_empty() { "" } else { "." };
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}{dot}{fraction}Z",
        format_year(t.year()),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        second,
    )
}

/// Parses an RFC 3339 `date-time`.
///
/// Accepts a `T`/`t` separator, any number of fractional digits (kept to nanoseconds, further
/// digits truncated) and a `Z`/`z` or `±hh:mm` offset, which is normalized to UTC. Rejects
/// everything else: surrounding whitespace, a space separator, missing seconds or offset,
/// basic (compact) ISO 8601 forms, and years that are not exactly four digits. A second of `60`
/// is accepted only at 23:59 UTC and resolves to the next second.
pub(crate) fn parse_date_time(s: &str) -> ::std::result::Result<Timestamp, TimestampError> {
    parse_date_time_inner(s).ok_or_else(|| TimestampError::new(WireFormat::DateTime, s))
}

fn parse_date_time_inner(s: &str) -> ::std::option::Option<Timestamp> {
    let mut c = Cursor::new(s);
    let year = c.digits(4)?;
    c.expect(b'-')?;
    let month = c.digits(2)?;
    c.expect(b'-')?;
    let day = c.digits(2)?;
    if !matches!(c.next()?, b'T' | b't') {
        return None;
    }
    let hour = c.digits(2)?;
    c.expect(b':')?;
    let minute = c.digits(2)?;
    c.expect(b':')?;
    let second = c.digits(2)?;
    let nanos = if c.peek() == Some(b'.') {
        c.pos += 1;
        c.fraction_nanos()?
    } else {
        0
    };
    let offset_secs = match c.next()? {
        b'Z' | b'z' => 0,
        sign @ (b'+' | b'-') => {
            let offset_hour = c.digits(2)?;
            c.expect(b':')?;
            let offset_minute = c.digits(2)?;
            if offset_hour > 23 || offset_minute > 59 {
                return None;
            }
            let magnitude = i64::from(offset_hour * 3600 + offset_minute * 60);
            if sign == b'-' { -magnitude } else { magnitude }
        }
        _ => return None,
    };
    if !c.at_end() {
        return None;
    }
    let date = ::chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    civil_to_timestamp(date, hour, minute, second, nanos, offset_secs)
}

/// Formats `t` as an IMF-fixdate: `Tue, 29 Apr 2014 18:30:38 GMT`.
///
/// Sub-second precision is dropped (truncated to the whole second, so `-1.5` s prints as
/// `23:59:58`): Smithy defines `http-date` as IMF-fixdate, which has no fraction, says servers
/// SHOULD reject fractional values, and every protocol test sends whole seconds. Years outside
/// 0000..=9999 are not expressible and are printed with a sign, which no parser accepts.
pub(crate) fn format_http_date(t: &Timestamp) -> ::std::string::String {
    let (second, _) = second_and_nanos(t);
    let weekday = WEEKDAYS[t.weekday().num_days_from_monday() as usize];
    let month = MONTHS[t.month0() as usize];
    format!(
        "{weekday}, {:02} {month} {} {:02}:{:02}:{second:02} GMT",
        t.day(),
        format_year(t.year()),
        t.hour(),
        t.minute(),
    )
}

/// Parses an IMF-fixdate such as `Tue, 29 Apr 2014 18:30:38 GMT`.
///
/// Names are case-sensitive and the day-of-week must match the date, per the RFC. A fraction
/// after the seconds (`18:30:38.123 GMT`) is accepted and kept, to be lenient with services
/// that send one. The obsolete RFC 850 and asctime forms are rejected.
pub(crate) fn parse_http_date(s: &str) -> ::std::result::Result<Timestamp, TimestampError> {
    parse_http_date_inner(s).ok_or_else(|| TimestampError::new(WireFormat::HttpDate, s))
}

fn parse_http_date_inner(s: &str) -> ::std::option::Option<Timestamp> {
    let mut c = Cursor::new(s);
    let weekday_name = c.take(3)?;
    let weekday = WEEKDAYS
        .iter()
        .position(|name| name.as_bytes() == weekday_name)?;
    c.expect(b',')?;
    c.expect(b' ')?;
    let day = c.digits(2)?;
    c.expect(b' ')?;
    let month_name = c.take(3)?;
    let month = MONTHS
        .iter()
        .position(|name| name.as_bytes() == month_name)?;
    c.expect(b' ')?;
    let year = c.digits(4)?;
    c.expect(b' ')?;
    let hour = c.digits(2)?;
    c.expect(b':')?;
    let minute = c.digits(2)?;
    c.expect(b':')?;
    let second = c.digits(2)?;
    let nanos = if c.peek() == Some(b'.') {
        c.pos += 1;
        c.fraction_nanos()?
    } else {
        0
    };
    if c.take(4)? != b" GMT" || !c.at_end() {
        return None;
    }
    let month = u32::try_from(month + 1).ok()?;
    let date = ::chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    if date.weekday().num_days_from_monday() as usize != weekday {
        return None;
    }
    civil_to_timestamp(date, hour, minute, second, nanos, 0)
}

/// An `epoch-seconds` value as it goes into JSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum EpochSeconds {
    /// No sub-second part: write a JSON integer.
    Whole(i64),
    /// Has a sub-second part: write a JSON number with a fraction.
    Fractional(f64),
}

/// Converts `t` to JSON epoch seconds: an integer when whole, else the nearest `f64`.
///
/// The float is produced from the exact decimal value, so a value that came from
/// `1515531081.1234` serializes back as `1515531081.1234`.
pub(crate) fn to_epoch_seconds(t: &Timestamp) -> EpochSeconds {
    let nanos = total_nanos(t);
    if let (0, Ok(secs)) = (nanos % NANOS_PER_SEC, i64::try_from(nanos / NANOS_PER_SEC)) {
        return EpochSeconds::Whole(secs);
    }
    let value = epoch_decimal(t)
        .parse::<f64>()
        .unwrap_or_else(|_| nanos as f64 / 1e9);
    EpochSeconds::Fractional(value)
}

/// Builds a timestamp from JSON integer epoch seconds.
pub(crate) fn from_epoch_seconds_i64(
    secs: i64,
) -> ::std::result::Result<Timestamp, TimestampError> {
    ::chrono::DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| TimestampError::new(WireFormat::EpochSeconds, &secs.to_string()))
}

/// Builds a timestamp from JSON float epoch seconds.
///
/// The float is read back through its shortest round-trip decimal form (what a JSON encoder
/// prints) and rounded to the nearest microsecond. That undoes binary float noise at any
/// magnitude (`1515531081.1234` gives `123_400_000` ns, `253402300799.999` stays `.999`) while
/// keeping more than the millisecond precision Smithy requires. NaN, infinities and values
/// outside chrono's range are errors.
pub(crate) fn from_epoch_seconds_f64(
    secs: f64,
) -> ::std::result::Result<Timestamp, TimestampError> {
    from_epoch_seconds_f64_inner(secs)
        .ok_or_else(|| TimestampError::new(WireFormat::EpochSeconds, &secs.to_string()))
}

fn from_epoch_seconds_f64_inner(secs: f64) -> ::std::option::Option<Timestamp> {
    /// Far beyond chrono's range (about ±8.2e12 s); keeps the decimal text short.
    const LIMIT: f64 = 1e15;
    if !secs.is_finite() || !(-LIMIT..=LIMIT).contains(&secs) {
        return None;
    }
    let (negative, whole, nanos) = parse_decimal(&secs.to_string())?;
    let micros = (nanos + 500) / 1000;
    from_signed_parts(negative, whole, micros * 1000)
}

/// Parses textual epoch seconds from a header or query string: `1515531081`,
/// `1515531081.1234`, `-1.5`.
///
/// The grammar is `-?DIGIT+(.DIGIT+)?`; exponents, `+`, `NaN`, `Infinity`, hex and whitespace
/// are rejected. Fraction digits past nanoseconds are truncated.
pub(crate) fn parse_epoch_seconds(s: &str) -> ::std::result::Result<Timestamp, TimestampError> {
    parse_decimal(s)
        .and_then(|(negative, whole, nanos)| from_signed_parts(negative, whole, nanos))
        .ok_or_else(|| TimestampError::new(WireFormat::EpochSeconds, s))
}

/// Splits `-?DIGIT+(.DIGIT+)?` into sign, whole seconds and nanoseconds (extra digits dropped).
/// Rust prints finite `f64`s in exactly this form, never with an exponent.
fn parse_decimal(s: &str) -> ::std::option::Option<(bool, i64, u32)> {
    let mut c = Cursor::new(s);
    let negative = c.peek() == Some(b'-');
    if negative {
        c.pos += 1;
    }
    let start = c.pos;
    let mut whole: i64 = 0;
    while let Some(b) = c.peek().filter(u8::is_ascii_digit) {
        whole = whole.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        c.pos += 1;
    }
    if c.pos == start {
        return None;
    }
    let nanos = if c.peek() == Some(b'.') {
        c.pos += 1;
        c.fraction_nanos()?
    } else {
        0
    };
    c.at_end().then_some((negative, whole, nanos))
}

/// `nanos` may reach 1e9 after rounding; i128 math makes the carry and the sign safe.
fn from_signed_parts(negative: bool, whole: i64, nanos: u32) -> ::std::option::Option<Timestamp> {
    let magnitude = i128::from(whole) * NANOS_PER_SEC + i128::from(nanos);
    from_total_nanos(if negative { -magnitude } else { magnitude })
}

/// Formats `t` as textual epoch seconds for headers and query strings: `1515531081` or
/// `1515531081.123`, with trailing fraction zeros trimmed and nanosecond precision kept.
pub(crate) fn format_epoch_seconds(t: &Timestamp) -> ::std::string::String {
    epoch_decimal(t)
}

#[cfg(test)]
#[path = "tests/timestamp.rs"]
mod tests;

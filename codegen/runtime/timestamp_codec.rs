//! Codecs for the three Smithy timestamp formats, chosen per member by the generator.

use ::serde::de::{Deserializer, Visitor};
use ::serde::ser::Serializer;

use super::codec::Codec;
use super::timestamp::{self, EpochSeconds, Timestamp};

/// `date-time`: an RFC 3339 string.
pub(crate) struct DateTimeFormat;
/// `epoch-seconds`: a JSON number, possibly fractional.
pub(crate) struct EpochSecondsFormat;
/// `http-date`: an IMF-fixdate string.
pub(crate) struct HttpDateFormat;

struct StrVisitor(fn(&str) -> ::std::result::Result<Timestamp, timestamp::TimestampError>);

impl Visitor<'_> for StrVisitor {
    type Value = Timestamp;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a timestamp string")
    }
    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<Timestamp, E> {
        (self.0)(v).map_err(E::custom)
    }
}

impl Codec<Timestamp> for DateTimeFormat {
    fn ser<S: Serializer>(value: &Timestamp, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&timestamp::format_date_time(value))
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> ::std::result::Result<Timestamp, D::Error> {
        d.deserialize_str(StrVisitor(timestamp::parse_date_time))
    }
}

impl Codec<Timestamp> for HttpDateFormat {
    fn ser<S: Serializer>(value: &Timestamp, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&timestamp::format_http_date(value))
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> ::std::result::Result<Timestamp, D::Error> {
        d.deserialize_str(StrVisitor(timestamp::parse_http_date))
    }
}

impl Codec<Timestamp> for EpochSecondsFormat {
    fn ser<S: Serializer>(value: &Timestamp, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        match timestamp::to_epoch_seconds(value) {
            EpochSeconds::Whole(secs) => s.serialize_i64(secs),
            EpochSeconds::Fractional(secs) => s.serialize_f64(secs),
        }
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> ::std::result::Result<Timestamp, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("epoch seconds as a number")
            }
            fn visit_i64<E: ::serde::de::Error>(
                self,
                v: i64,
            ) -> ::std::result::Result<Timestamp, E> {
                timestamp::from_epoch_seconds_i64(v).map_err(E::custom)
            }
            fn visit_u64<E: ::serde::de::Error>(
                self,
                v: u64,
            ) -> ::std::result::Result<Timestamp, E> {
                let v = i64::try_from(v).map_err(|_| E::custom("epoch seconds out of range"))?;
                timestamp::from_epoch_seconds_i64(v).map_err(E::custom)
            }
            fn visit_f64<E: ::serde::de::Error>(
                self,
                v: f64,
            ) -> ::std::result::Result<Timestamp, E> {
                timestamp::from_epoch_seconds_f64(v).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

//! Tests of `timestamp.rs`, compiled as its `tests` module.

use super::*;

/// The workspace's one test generator (`tests/src/rng.rs`), by a path relative to this file.
/// Each test file that uses it declares it: a golden compiles only some runtime files.
#[path = "../../../tests/src/rng.rs"]
#[allow(dead_code, clippy::duplicate_mod, reason = "one copy per test file")]
mod rng;
use rng::Rng;

#[path = "timestamp_errors_fuzz.rs"]
mod errors_fuzz;
#[path = "timestamp_http_date_epoch.rs"]
mod http_date_epoch;

fn ts(secs: i64, nanos: u32) -> Timestamp {
    ::chrono::DateTime::from_timestamp(secs, nanos).unwrap()
}

fn leap_second(nanos_past_59: u32) -> Timestamp {
    ::chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
        .unwrap()
        .and_hms_nano_opt(23, 59, 59, 1_000_000_000 + nanos_past_59)
        .unwrap()
        .and_utc()
}

// ---- Protocol test vectors (restJson1) ----

#[test]
fn protocol_vectors_date_time() {
    assert_eq!(
        parse_date_time("2014-04-29T18:30:38Z").unwrap(),
        ts(1398796238, 0)
    );
    assert_eq!(format_date_time(&ts(1398796238, 0)), "2014-04-29T18:30:38Z");
    assert_eq!(
        parse_date_time("2019-12-16T23:48:18Z").unwrap(),
        ts(1576540098, 0)
    );
    assert_eq!(format_date_time(&ts(1576540098, 0)), "2019-12-16T23:48:18Z");
}

#[test]
fn protocol_vectors_offsets_normalized() {
    let neg = parse_date_time("2019-12-16T22:48:18-01:00").unwrap();
    let pos = parse_date_time("2019-12-17T00:48:18+01:00").unwrap();
    assert_eq!(neg, ts(1576540098, 0));
    assert_eq!(pos, ts(1576540098, 0));
    assert_eq!(format_date_time(&neg), "2019-12-16T23:48:18Z");
    assert_eq!(format_date_time(&pos), "2019-12-16T23:48:18Z");
    assert_eq!(
        format_date_time(&parse_date_time("1996-12-19T16:39:57-08:00").unwrap()),
        "1996-12-20T00:39:57Z"
    );
    assert_eq!(
        format_date_time(&parse_date_time("2020-01-01T05:29:00+05:30").unwrap()),
        "2019-12-31T23:59:00Z"
    );
    assert_eq!(
        parse_date_time("2019-12-16T23:48:18-00:00").unwrap(),
        ts(1576540098, 0)
    );
}

#[test]
fn protocol_vectors_fractional_seconds() {
    let t = parse_date_time("2000-01-02T20:34:56.123Z").unwrap();
    assert_eq!(t, ts(946845296, 123_000_000));
    assert_eq!(
        to_epoch_seconds(&t),
        EpochSeconds::Fractional(946845296.123)
    );
    assert_eq!(format_date_time(&t), "2000-01-02T20:34:56.123Z");
}

#[test]
fn protocol_vectors_http_date() {
    assert_eq!(
        parse_http_date("Tue, 29 Apr 2014 18:30:38 GMT").unwrap(),
        ts(1398796238, 0)
    );
    assert_eq!(
        format_http_date(&ts(1398796238, 0)),
        "Tue, 29 Apr 2014 18:30:38 GMT"
    );
    assert_eq!(
        parse_http_date("Mon, 16 Dec 2019 23:48:18 GMT").unwrap(),
        ts(1576540098, 0)
    );
    assert_eq!(
        format_http_date(&ts(1576540098, 0)),
        "Mon, 16 Dec 2019 23:48:18 GMT"
    );
    assert_eq!(
        format_http_date(&ts(946845296, 0)),
        "Sun, 02 Jan 2000 20:34:56 GMT"
    );
    // Appears in the malformed-request tests as a plausible http-date; we accept it.
    assert_eq!(
        parse_http_date("Sun, 02 Jan 2000 20:34:56.000 GMT").unwrap(),
        ts(946845296, 0)
    );
}

#[test]
fn protocol_vectors_epoch_seconds() {
    assert_eq!(
        to_epoch_seconds(&ts(1398796238, 0)),
        EpochSeconds::Whole(1398796238)
    );
    assert_eq!(
        from_epoch_seconds_i64(1398796238).unwrap(),
        ts(1398796238, 0)
    );
    assert_eq!(
        parse_epoch_seconds("1576540098").unwrap(),
        ts(1576540098, 0)
    );
    assert_eq!(format_epoch_seconds(&ts(1576540098, 0)), "1576540098");
    assert_eq!(
        parse_epoch_seconds("1515531081.1234").unwrap(),
        ts(1515531081, 123_400_000)
    );
    assert_eq!(
        from_epoch_seconds_f64(1515531081.1234).unwrap(),
        ts(1515531081, 123_400_000)
    );
    assert_eq!(
        from_epoch_seconds_f64(946845296.123).unwrap(),
        ts(946845296, 123_000_000)
    );
}

#[test]
fn protocol_malformed_8601_forms_rejected() {
    for s in [
        "1996-12-19T16:39:57+00",
        "1996-12-19T16:39:57+00Z",
        "1996-12-19T16:39:57",
        "1996-12-19T163957",
        "19961219T163957Z",
        "19961219T163957",
        "19961219T16:39:57Z",
        "19961219T16:39:57",
        "1996-12-19T16:39Z",
        "1996-12-19T16:39",
        "1996-12-19T1639",
        "1996-12-19T16Z",
        "1996-12-19T16",
        "1996-12-19 16:39:57Z",
        "2011-12-03T10:15:30+01:00[Europe/Paris]",
    ] {
        assert!(parse_date_time(s).is_err(), "{s}");
    }
}

#[test]
fn protocol_malformed_epoch_rejected() {
    for s in [
        "true",
        "1515531081ABC",
        "0x42",
        "1515531081.123.456",
        "Infinity",
        "-Infinity",
        "NaN",
        "\"NaN\"",
    ] {
        assert!(parse_epoch_seconds(s).is_err(), "{s}");
    }
}

#[test]
fn formats_reject_each_other() {
    let date_times = [
        "1985-04-12T23:20:50.52Z",
        "1985-04-12T23:20:50Z",
        "1996-12-19T16:39:57-08:00",
    ];
    let http_dates = [
        "Tue, 29 Apr 2014 18:30:38 GMT",
        "Sun, 02 Jan 2000 20:34:56.000 GMT",
    ];
    let epochs = ["1515531081.1234", "1515531081"];
    for s in date_times {
        assert!(parse_date_time(s).is_ok(), "{s}");
        assert!(parse_http_date(s).is_err(), "{s}");
        assert!(parse_epoch_seconds(s).is_err(), "{s}");
    }
    for s in http_dates {
        assert!(parse_http_date(s).is_ok(), "{s}");
        assert!(parse_date_time(s).is_err(), "{s}");
        assert!(parse_epoch_seconds(s).is_err(), "{s}");
    }
    for s in epochs {
        assert!(parse_epoch_seconds(s).is_ok(), "{s}");
        assert!(parse_date_time(s).is_err(), "{s}");
        assert!(parse_http_date(s).is_err(), "{s}");
    }
}

// ---- date-time ----

#[test]
fn date_time_formatting() {
    assert_eq!(format_date_time(&ts(1420070400, 0)), "2015-01-01T00:00:00Z");
    assert_eq!(
        format_date_time(&ts(1576540098, 520_000_000)),
        "2019-12-16T23:48:18.52Z"
    );
    let t = parse_date_time("1985-04-12T23:20:50.123456789Z").unwrap();
    assert_eq!(t.timestamp_subsec_nanos(), 123_456_789);
    assert_eq!(format_date_time(&t), "1985-04-12T23:20:50.123456789Z");
    assert_eq!(
        format_date_time(&ts(0, 1)),
        "1970-01-01T00:00:00.000000001Z"
    );
    assert_eq!(format_date_time(&ts(0, 0)), "1970-01-01T00:00:00Z");
}

#[test]
fn date_time_fraction_digits() {
    let cases = [
        ("2019-12-16T23:48:18.5Z", 500_000_000),
        ("2019-12-16T23:48:18.000Z", 0),
        ("2019-12-16T23:48:18.000000001Z", 1),
        ("2019-12-16T23:48:18.1234567891Z", 123_456_789),
        (
            "2019-12-16T23:48:18.99999999999999999999999999Z",
            999_999_999,
        ),
    ];
    for (s, nanos) in cases {
        let t = parse_date_time(s).unwrap();
        assert_eq!(t.timestamp(), 1576540098, "{s}");
        assert_eq!(t.timestamp_subsec_nanos(), nanos, "{s}");
    }
    assert_eq!(
        format_date_time(&parse_date_time("2019-12-16T23:48:18.000Z").unwrap()),
        "2019-12-16T23:48:18Z"
    );
}

#[test]
fn date_time_lowercase_separators() {
    assert_eq!(
        parse_date_time("2019-12-16t23:48:18z").unwrap(),
        ts(1576540098, 0)
    );
    assert_eq!(
        parse_date_time("2019-12-16t23:48:18.5+00:00").unwrap(),
        ts(1576540098, 500_000_000)
    );
}

#[test]
fn date_time_leap_years() {
    assert_eq!(
        format_date_time(&parse_date_time("2020-02-29T12:00:00Z").unwrap()),
        "2020-02-29T12:00:00Z"
    );
    assert!(parse_date_time("2000-02-29T00:00:00Z").is_ok());
    assert!(parse_date_time("2019-02-29T00:00:00Z").is_err());
    assert!(parse_date_time("1900-02-29T00:00:00Z").is_err());
    assert!(parse_date_time("2020-02-30T00:00:00Z").is_err());
    assert_eq!(
        parse_date_time("2020-03-01T00:00:00Z").unwrap()
            - parse_date_time("2020-02-28T00:00:00Z").unwrap(),
        ::chrono::TimeDelta::days(2)
    );
}

#[test]
fn date_time_offset_crosses_dates_and_years() {
    assert_eq!(
        format_date_time(&parse_date_time("2000-01-01T00:30:00+01:00").unwrap()),
        "1999-12-31T23:30:00Z"
    );
    assert_eq!(
        format_date_time(&parse_date_time("1999-12-31T23:30:00-23:59").unwrap()),
        "2000-01-01T23:29:00Z"
    );
    assert_eq!(
        format_date_time(&parse_date_time("0000-01-01T00:00:00+01:00").unwrap()),
        "-0001-12-31T23:00:00Z"
    );
}

#[test]
fn date_time_extreme_years() {
    let min = parse_date_time("0000-01-01T00:00:00Z").unwrap();
    assert_eq!(format_date_time(&min), "0000-01-01T00:00:00Z");
    let max = parse_date_time("9999-12-31T23:59:59.999999999Z").unwrap();
    assert_eq!(format_date_time(&max), "9999-12-31T23:59:59.999999999Z");
    assert_eq!(
        format_date_time(&parse_date_time("9999-12-31T23:59:59-23:59").unwrap()),
        "+10000-01-01T23:58:59Z"
    );
}

#[test]
fn date_time_leap_second() {
    let t = parse_date_time("2016-12-31T23:59:60Z").unwrap();
    assert_eq!(t, parse_date_time("2017-01-01T00:00:00Z").unwrap());
    let t = parse_date_time("2016-12-31T23:59:60.5Z").unwrap();
    assert_eq!(t, ts(1483228800, 500_000_000));
    assert_eq!(
        parse_date_time("2017-01-01T00:59:60+01:00").unwrap(),
        ts(1483228800, 0)
    );
    assert!(parse_date_time("2016-12-31T12:00:60Z").is_err());
    assert!(parse_date_time("2016-12-31T23:58:60Z").is_err());
    assert!(parse_date_time("2016-12-31T23:59:61Z").is_err());
    assert!(parse_date_time("2016-12-31T23:59:99Z").is_err());
    // chrono's own leap-second representation formats as :60 and parses back POSIX-style.
    let chrono_leap = leap_second(500_000_000);
    let s = format_date_time(&chrono_leap);
    assert_eq!(s, "2016-12-31T23:59:60.5Z");
    assert_eq!(parse_date_time(&s).unwrap(), ts(1483228800, 500_000_000));
}

#[test]
fn date_time_negative_epoch() {
    let t = ts(-2, 500_000_000);
    assert_eq!(format_date_time(&t), "1969-12-31T23:59:58.5Z");
    assert_eq!(parse_date_time("1969-12-31T23:59:58.5Z").unwrap(), t);
    assert_eq!(
        parse_date_time("1900-01-01T00:00:00Z").unwrap(),
        ts(-2_208_988_800, 0)
    );
}

#[test]
fn date_time_malformed() {
    for s in [
        "",
        "abc",
        "2019-12-16",
        "2019-12-16T",
        " 2019-12-16T23:48:18Z",
        "2019-12-16T23:48:18Z ",
        "2019-12-16T23:48:18Z\n",
        "2019-12-16T23:48:18.Z",
        "2019-12-16T23:48:18.5",
        "2019-12-16T23:48:18,5Z",
        "2019-13-16T23:48:18Z",
        "2019-00-16T23:48:18Z",
        "2019-12-00T23:48:18Z",
        "2019-12-32T23:48:18Z",
        "2019-04-31T23:48:18Z",
        "2019-12-16T24:00:00Z",
        "2019-12-16T23:60:00Z",
        "2019-12-16T23:48:18+24:00",
        "2019-12-16T23:48:18+01:60",
        "2019-12-16T23:48:18+0100",
        "2019-12-16T23:48:18+1:00",
        "2019-12-16T23:48:18UTC",
        "2019-12-16T23:48:18GMT",
        "2019-1-16T23:48:18Z",
        "2019-12-6T23:48:18Z",
        "2019-12-16T3:48:18Z",
        "10000-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "99999999999-01-01T00:00:00Z",
        "２０19-12-16T23:48:18Z",
        "2019-12-16T23:48:18ZZ",
        "2019-12-16T23:48:18-01:00Z",
        "2019-12-16T23:48:18.5.5Z",
        "2019-12-16T23:48:18.-5Z",
        "2019-12-16T23:48:18.+5Z",
        "NaN",
        "1e400",
    ] {
        assert!(parse_date_time(s).is_err(), "{s:?}");
    }
}

//! Tests of `timestamp.rs`, compiled as its `tests` module.

use super::*;

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

/// Deterministic xorshift64 so the no-panic loops are reproducible without `rand`.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
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

// ---- http-date ----

#[test]
fn http_date_fraction_truncated_on_format() {
    assert_eq!(
        format_http_date(&ts(1398796238, 999_999_999)),
        "Tue, 29 Apr 2014 18:30:38 GMT"
    );
    assert_eq!(
        format_http_date(&ts(-2, 500_000_000)),
        "Wed, 31 Dec 1969 23:59:58 GMT"
    );
    assert_eq!(format_http_date(&ts(0, 0)), "Thu, 01 Jan 1970 00:00:00 GMT");
}

#[test]
fn http_date_parse_fraction_kept() {
    assert_eq!(
        parse_http_date("Tue, 29 Apr 2014 18:30:38.123 GMT").unwrap(),
        ts(1398796238, 123_000_000)
    );
    assert_eq!(
        parse_http_date("Tue, 29 Apr 2014 18:30:38.1234567891 GMT").unwrap(),
        ts(1398796238, 123_456_789)
    );
    assert!(parse_http_date("Tue, 29 Apr 2014 18:30:38. GMT").is_err());
}

#[test]
fn http_date_every_weekday_and_month() {
    let mut t = ts(1_577_836_800, 0);
    for _ in 0..400 {
        let s = format_http_date(&t);
        assert_eq!(parse_http_date(&s).unwrap(), t, "{s}");
        t += ::chrono::TimeDelta::days(1) + ::chrono::TimeDelta::seconds(3671);
    }
    assert_eq!(
        parse_http_date("Sat, 29 Feb 2020 00:00:00 GMT").unwrap(),
        parse_date_time("2020-02-29T00:00:00Z").unwrap()
    );
}

#[test]
fn http_date_negative_and_leap_second() {
    assert_eq!(
        parse_http_date("Mon, 01 Jan 1900 00:00:00 GMT").unwrap(),
        ts(-2_208_988_800, 0)
    );
    assert_eq!(
        format_http_date(&ts(-2_208_988_800, 0)),
        "Mon, 01 Jan 1900 00:00:00 GMT"
    );
    assert_eq!(
        parse_http_date("Sat, 31 Dec 2016 23:59:60 GMT").unwrap(),
        ts(1483228800, 0)
    );
    assert_eq!(
        format_http_date(&leap_second(0)),
        "Sat, 31 Dec 2016 23:59:60 GMT"
    );
    assert!(parse_http_date("Sat, 31 Dec 2016 12:00:60 GMT").is_err());
}

#[test]
fn http_date_malformed() {
    for s in [
        "",
        "GMT",
        "Tue, 29 Apr 2014 18:30:38",
        "Tue, 29 Apr 2014 18:30:38 UTC",
        "Tue, 29 Apr 2014 18:30:38 gmt",
        "Tue, 29 Apr 2014 18:30:38 GMT ",
        " Tue, 29 Apr 2014 18:30:38 GMT",
        "Wed, 29 Apr 2014 18:30:38 GMT",
        "tue, 29 Apr 2014 18:30:38 GMT",
        "Tue, 29 apr 2014 18:30:38 GMT",
        "Tue, 29 April 2014 18:30:38 GMT",
        "Tuesday, 29-Apr-14 18:30:38 GMT",
        "Tue Apr 29 18:30:38 2014",
        "Tue, 9 Apr 2014 18:30:38 GMT",
        "Tue,29 Apr 2014 18:30:38 GMT",
        "Tue, 29 Apr 14 18:30:38 GMT",
        "Tue, 29 Apr 2014 18:30 GMT",
        "Tue, 29 Apr 2014 24:30:38 GMT",
        "Tue, 29 Apr 2014 18:60:38 GMT",
        "Thu, 31 Apr 2014 18:30:38 GMT",
        "Sat, 29 Feb 2019 00:00:00 GMT",
        "Tue, 29 Apr 2014 18:30:38 +0000",
        "Tue, 29 Apr 12014 18:30:38 GMT",
        "Tue, 29 Apr 2014 18:30:38.5.5 GMT",
        "2014-04-29T18:30:38Z",
    ] {
        assert!(parse_http_date(s).is_err(), "{s:?}");
    }
}

// ---- epoch-seconds ----

#[test]
fn epoch_negative() {
    let t = from_epoch_seconds_f64(-1.5).unwrap();
    assert_eq!(t, ts(-2, 500_000_000));
    assert_eq!(format_date_time(&t), "1969-12-31T23:59:58.5Z");
    assert_eq!(to_epoch_seconds(&t), EpochSeconds::Fractional(-1.5));
    assert_eq!(format_epoch_seconds(&t), "-1.5");
    assert_eq!(parse_epoch_seconds("-1.5").unwrap(), t);
    assert_eq!(parse_epoch_seconds("-0.25").unwrap(), ts(-1, 750_000_000));
    assert_eq!(format_epoch_seconds(&ts(-1, 750_000_000)), "-0.25");
    assert_eq!(from_epoch_seconds_i64(-1).unwrap(), ts(-1, 0));
    assert_eq!(to_epoch_seconds(&ts(-1, 0)), EpochSeconds::Whole(-1));
    assert_eq!(format_epoch_seconds(&ts(-86400, 0)), "-86400");
    assert_eq!(parse_epoch_seconds("-0").unwrap(), ts(0, 0));
}

#[test]
fn epoch_float_rounds_to_microseconds() {
    assert_eq!(from_epoch_seconds_f64(0.1).unwrap(), ts(0, 100_000_000));
    assert_eq!(from_epoch_seconds_f64(1.0000004).unwrap(), ts(1, 0));
    assert_eq!(from_epoch_seconds_f64(1.0000006).unwrap(), ts(1, 1000));
    assert_eq!(from_epoch_seconds_f64(1.9999999).unwrap(), ts(2, 0));
    assert_eq!(from_epoch_seconds_f64(-0.0000001).unwrap(), ts(0, 0));
    assert_eq!(from_epoch_seconds_f64(-0.0).unwrap(), ts(0, 0));
    assert_eq!(from_epoch_seconds_f64(-0.3).unwrap(), ts(-1, 700_000_000));
    assert_eq!(
        from_epoch_seconds_f64(1576540098.52).unwrap(),
        ts(1576540098, 520_000_000)
    );
    for millis in [
        -1_000_000_001i64,
        -1,
        1,
        123,
        999,
        1_515_531_081_123,
        253_402_300_799_999,
    ] {
        let f = millis as f64 / 1000.0;
        let t = from_epoch_seconds_f64(f).unwrap();
        assert_eq!(t.timestamp_millis(), millis, "{f}");
        assert_eq!(t.timestamp_subsec_nanos() % 1_000_000, 0, "{f}");
        assert_eq!(to_epoch_seconds(&t), EpochSeconds::Fractional(f));
    }
}

#[test]
fn epoch_to_json() {
    assert_eq!(to_epoch_seconds(&ts(0, 0)), EpochSeconds::Whole(0));
    assert_eq!(
        to_epoch_seconds(&ts(1515531081, 123_400_000)),
        EpochSeconds::Fractional(1515531081.1234)
    );
    assert_eq!(
        to_epoch_seconds(&ts(1515531081, 123_000_000)),
        EpochSeconds::Fractional(1515531081.123)
    );
    assert_eq!(
        to_epoch_seconds(&leap_second(0)),
        EpochSeconds::Whole(1483228800)
    );
    assert_eq!(
        to_epoch_seconds(&leap_second(250_000_000)),
        EpochSeconds::Fractional(1483228800.25)
    );
}

#[test]
fn epoch_text() {
    assert_eq!(format_epoch_seconds(&ts(1515531081, 0)), "1515531081");
    assert_eq!(
        format_epoch_seconds(&ts(1515531081, 123_000_000)),
        "1515531081.123"
    );
    assert_eq!(
        format_epoch_seconds(&ts(1515531081, 123_400_000)),
        "1515531081.1234"
    );
    assert_eq!(format_epoch_seconds(&ts(0, 1)), "0.000000001");
    assert_eq!(
        format_epoch_seconds(&leap_second(500_000_000)),
        "1483228800.5"
    );
    assert_eq!(parse_epoch_seconds("0").unwrap(), ts(0, 0));
    assert_eq!(parse_epoch_seconds("007").unwrap(), ts(7, 0));
    assert_eq!(parse_epoch_seconds("1.000").unwrap(), ts(1, 0));
    assert_eq!(parse_epoch_seconds("1.0000000019").unwrap(), ts(1, 1));
    assert_eq!(
        parse_epoch_seconds("-1.0000000019").unwrap(),
        ts(-2, 999_999_999)
    );
}

#[test]
fn epoch_malformed_and_out_of_range() {
    for s in [
        "",
        "-",
        ".",
        ".5",
        "1.",
        "-.5",
        "+1",
        " 1",
        "1 ",
        "1e3",
        "1E3",
        "1e400",
        "inf",
        "nan",
        "1_000",
        "１",
        "--1",
        "1-",
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999999999",
        "8210298412800",
    ] {
        assert!(parse_epoch_seconds(s).is_err(), "{s:?}");
    }
    assert!(from_epoch_seconds_i64(i64::MAX).is_err());
    assert!(from_epoch_seconds_i64(i64::MIN).is_err());
    for f in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        1e15,
        -1e15,
        9.3e18,
        "1e400".parse::<f64>().unwrap(),
    ] {
        assert!(from_epoch_seconds_f64(f).is_err(), "{f}");
    }
}

#[test]
fn epoch_range_edges_match_chrono() {
    let max = Timestamp::MAX_UTC;
    let min = Timestamp::MIN_UTC;
    assert_eq!(
        from_epoch_seconds_i64(max.timestamp()).unwrap(),
        ts(max.timestamp(), 0)
    );
    assert!(from_epoch_seconds_i64(max.timestamp() + 1).is_err());
    assert_eq!(from_epoch_seconds_i64(min.timestamp()).unwrap(), min);
    assert!(from_epoch_seconds_i64(min.timestamp() - 1).is_err());
    assert_eq!(
        parse_epoch_seconds(&format_epoch_seconds(&max)).unwrap(),
        max
    );
    assert_eq!(
        parse_epoch_seconds(&format_epoch_seconds(&min)).unwrap(),
        min
    );
    assert!(parse_epoch_seconds(&format!("{}", max.timestamp() + 1)).is_err());
    assert!(from_epoch_seconds_f64(max.timestamp() as f64 + 2.0).is_err());
    assert!(from_epoch_seconds_f64(min.timestamp() as f64 - 2.0).is_err());
    assert!(from_epoch_seconds_f64(min.timestamp() as f64).is_ok());
}

#[test]
fn formatters_never_panic_at_range_edges() {
    for t in [Timestamp::MAX_UTC, Timestamp::MIN_UTC, ts(0, 0)] {
        let _ = format_date_time(&t);
        let _ = format_http_date(&t);
        let _ = format_epoch_seconds(&t);
        let _ = to_epoch_seconds(&t);
    }
    assert!(format_date_time(&Timestamp::MAX_UTC).starts_with('+'));
    assert!(format_date_time(&Timestamp::MIN_UTC).starts_with('-'));
}

// ---- errors ----

#[test]
fn error_display_and_truncation() {
    let e = parse_date_time("abc").unwrap_err();
    assert_eq!(e.to_string(), "invalid date-time timestamp: \"abc\"");
    assert_eq!(
        parse_http_date("x").unwrap_err().to_string(),
        "invalid http-date timestamp: \"x\""
    );
    assert_eq!(
        from_epoch_seconds_f64(f64::NAN).unwrap_err().to_string(),
        "invalid epoch-seconds timestamp: \"NaN\""
    );
    assert_eq!(
        from_epoch_seconds_i64(i64::MAX).unwrap_err().to_string(),
        "invalid epoch-seconds timestamp: \"9223372036854775807\""
    );
    let long = "é".repeat(100);
    let e = parse_date_time(&long).unwrap_err();
    assert_eq!(e.input.chars().count(), 64);
    assert!(e.to_string().ends_with(" (truncated)"));
    let exact = "x".repeat(64);
    assert!(
        !parse_date_time(&exact)
            .unwrap_err()
            .to_string()
            .contains("truncated")
    );
    let e: ::std::boxed::Box<dyn ::std::error::Error> = ::std::boxed::Box::new(e);
    assert!(e.to_string().starts_with("invalid date-time timestamp"));
    assert_eq!(
        parse_date_time("a").unwrap_err(),
        parse_date_time("a").unwrap_err()
    );
    assert_ne!(
        parse_date_time("a").unwrap_err(),
        parse_http_date("a").unwrap_err()
    );
}

#[test]
fn random_ish_byte_strings_rejected() {
    let inputs: [&[u8]; 30] = [
        b"\x00",
        b"\xff\xfe\xfd",
        b"\x1b[31m",
        b"2019-12-16T23:48:18Z\x00",
        b"\x002019-12-16T23:48:18Z",
        b"2019\xc3\xa9-12-16T23:48:18Z",
        b"Tue, 29 Apr 2014 18:30:38 GMT\r\n",
        b"Tue, 29 Apr 2014 18:30:38\tGMT",
        b"1515531081\x00",
        b"15155\xe2\x80\x8b31081",
        b"::::::::",
        b"----------",
        b"TTTTTTTTTT",
        b"ZZZZ",
        b"0000-00-00T00:00:00Z",
        b"9999-99-99T99:99:99Z",
        b"0000-00-00T00:00:00.0000000000000000000000Z",
        b"Xxx, 00 Xxx 0000 00:00:00 GMT",
        b"Tue, 99 Apr 2014 99:99:99 GMT",
        b"0.",
        b".",
        b"-",
        b"+",
        b"1515531081..1",
        b"\xef\xbb\xbf1515531081",
        b"\xef\xbb\xbf2019-12-16T23:48:18Z",
        b"2019-12-16T23:48:18\xe2\x88\x9201:00",
        b"1,5",
        b"0x1p3",
        b"{\"a\":1}",
    ];
    for bytes in inputs {
        let s = ::std::string::String::from_utf8_lossy(bytes);
        assert!(parse_date_time(&s).is_err(), "{s:?}");
        assert!(parse_http_date(&s).is_err(), "{s:?}");
        assert!(parse_epoch_seconds(&s).is_err(), "{s:?}");
    }
}

// ---- round trips and fuzzing ----

#[test]
fn round_trips_over_many_instants() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let lo = parse_date_time("0000-01-01T00:00:00Z").unwrap().timestamp();
    let hi = parse_date_time("9999-12-31T23:59:59Z").unwrap().timestamp();
    let span = (hi - lo) as u64;
    for i in 0..5000 {
        let secs = lo + (rng.next() % span) as i64;
        let nanos = match i % 4 {
            0 => 0,
            1 => (rng.next() % 1000) as u32 * 1_000_000,
            2 => (rng.next() % 1_000_000) as u32 * 1000,
            _ => (rng.next() % 1_000_000_000) as u32,
        };
        let t = ts(secs, nanos);
        let whole = ts(secs, 0);
        assert_eq!(parse_date_time(&format_date_time(&t)).unwrap(), t);
        assert_eq!(parse_http_date(&format_http_date(&t)).unwrap(), whole);
        assert_eq!(parse_epoch_seconds(&format_epoch_seconds(&t)).unwrap(), t);
        match to_epoch_seconds(&t) {
            EpochSeconds::Whole(s) => {
                assert_eq!(nanos, 0);
                assert_eq!(from_epoch_seconds_i64(s).unwrap(), t);
            }
            EpochSeconds::Fractional(f) => {
                assert_ne!(nanos, 0);
                let back = from_epoch_seconds_f64(f).unwrap();
                if i % 4 == 1 {
                    assert_eq!(back, t, "{f}");
                }
                let drift = (total_nanos(&back) - total_nanos(&t)).abs();
                assert!(drift <= 1_000_000, "{f} drifted {drift} ns");
            }
        }
    }
}

#[test]
fn fuzz_parsers_never_panic() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let alphabet: &[u8] = b"0123456789-+:.TtZzGMTSunMonTueAprDec, e\x00\xff";
    let seeds = [
        "2019-12-16T23:48:18.52-01:00",
        "2016-12-31T23:59:60Z",
        "Mon, 16 Dec 2019 23:48:18.5 GMT",
        "-1515531081.1234",
    ];
    let mut parsed = 0;
    for i in 0..6000 {
        let bytes: ::std::vec::Vec<u8> = if i % 2 == 0 {
            let len = rng.below(40);
            (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect()
        } else {
            let mut b = seeds[rng.below(seeds.len())].as_bytes().to_vec();
            for _ in 0..=rng.below(3) {
                let pos = rng.below(b.len() + 1);
                let byte = alphabet[rng.below(alphabet.len())];
                match rng.below(3) {
                    0 if pos < b.len() => b[pos] = byte,
                    1 if pos < b.len() => {
                        b.remove(pos);
                    }
                    _ => b.insert(pos, byte),
                }
            }
            b
        };
        let s = ::std::string::String::from_utf8_lossy(&bytes);
        if let Ok(t) = parse_date_time(&s) {
            parsed += 1;
            assert_eq!(parse_date_time(&format_date_time(&t)).unwrap(), t, "{s:?}");
        }
        if let Ok(t) = parse_http_date(&s) {
            parsed += 1;
            let whole = ts(t.timestamp(), 0);
            assert_eq!(
                parse_http_date(&format_http_date(&t)).unwrap(),
                whole,
                "{s:?}"
            );
        }
        if let Ok(t) = parse_epoch_seconds(&s) {
            parsed += 1;
            assert_eq!(
                parse_epoch_seconds(&format_epoch_seconds(&t)).unwrap(),
                t,
                "{s:?}"
            );
        }
    }
    assert!(
        parsed > 100,
        "mutations should often stay valid; got {parsed}"
    );
}

#[test]
fn fuzz_numbers_never_panic() {
    let mut rng = XorShift(0xdead_beef_cafe_f00d);
    let specials = [
        0.0,
        -0.0,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        f64::MAX,
        f64::MIN,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        8.2e12,
        -8.3e12,
        9.2e18,
        -9.3e18,
        1e15,
        1e15 - 0.5,
        -1e15,
    ];
    for f in specials {
        let _ = from_epoch_seconds_f64(f);
    }
    for i in 0..5000 {
        let bits = rng.next();
        let f = match i % 3 {
            0 => f64::from_bits(bits),
            1 => (bits as i64 as f64) / 1e6,
            _ => ((bits >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 2e13,
        };
        if let Ok(t) = from_epoch_seconds_f64(f) {
            if let EpochSeconds::Fractional(g) = to_epoch_seconds(&t) {
                assert!(g.is_finite());
            }
            let _ = format_date_time(&t);
            let _ = format_http_date(&t);
        }
        let n = bits as i64 >> rng.below(64);
        if let Ok(t) = from_epoch_seconds_i64(n) {
            assert_eq!(to_epoch_seconds(&t), EpochSeconds::Whole(n));
            assert_eq!(parse_epoch_seconds(&format_epoch_seconds(&t)).unwrap(), t);
        }
        assert_eq!(
            parse_epoch_seconds(&n.to_string()).ok(),
            from_epoch_seconds_i64(n).ok()
        );
        let _ = parse_epoch_seconds(&f.to_string());
    }
}

//! Tests of `timestamp.rs`: the http-date and epoch-seconds formats.

use super::*;

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

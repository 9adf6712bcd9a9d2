//! Tests of `timestamp.rs`: error messages, round trips, and parsers fed arbitrary input.

use super::*;

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
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let lo = parse_date_time("0000-01-01T00:00:00Z").unwrap().timestamp();
    let hi = parse_date_time("9999-12-31T23:59:59Z").unwrap().timestamp();
    let span = (hi - lo) as u64;
    for i in 0..5000 {
        let secs = lo + (rng.next_u64() % span) as i64;
        let nanos = match i % 4 {
            0 => 0,
            1 => (rng.next_u64() % 1000) as u32 * 1_000_000,
            2 => (rng.next_u64() % 1_000_000) as u32 * 1000,
            _ => (rng.next_u64() % 1_000_000_000) as u32,
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
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
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
    let mut rng = Rng::new(0xdead_beef_cafe_f00d);
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
        let bits = rng.next_u64();
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

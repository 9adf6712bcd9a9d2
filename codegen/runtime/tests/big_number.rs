//! Tests of `big_number.rs`, compiled as its `tests` module.

use super::*;

const HUGE: &str = "123456789012345678901234567890123456789012345678901234567890";

#[test]
fn integer_grammar() {
    for ok in ["0", "-0", "7", "-12", HUGE] {
        assert!(ok.parse::<BigInteger>().is_ok(), "{ok}");
    }
    for bad in ["", "-", "+1", "01", "1.0", "1e3", " 1", "1 ", "0x1", "١"] {
        let err = bad.parse::<BigInteger>().unwrap_err();
        assert_eq!(err.to_string(), "invalid bigInteger text", "{bad}");
    }
}

#[test]
fn decimal_grammar() {
    for ok in ["0", "-0.5", "1.25", "1e400", "1E-7", "2.5e+3", HUGE] {
        assert!(ok.parse::<BigDecimal>().is_ok(), "{ok}");
    }
    for bad in [
        "", ".5", "5.", "1e", "1e+", "01.5", "NaN", "Infinity", "1.2.3", "--1", "1_000",
    ] {
        assert!(bad.parse::<BigDecimal>().is_err(), "{bad}");
    }
    assert_eq!(
        BigDecimal::try_from(String::from("x"))
            .unwrap_err()
            .to_string(),
        "invalid bigDecimal text"
    );
}

#[test]
fn json_keeps_every_digit() {
    let text = format!("[{HUGE},-{HUGE}.000000000000000000001e-99]");
    let v: (BigInteger, BigDecimal) = ::serde_json::from_str(&text).unwrap();
    assert_eq!(v.0.as_str(), HUGE);
    assert_eq!(
        v.1.to_string(),
        format!("-{HUGE}.000000000000000000001e-99")
    );
    assert_eq!(::serde_json::to_string(&v).unwrap(), text);
}

#[test]
fn json_rejects_what_is_not_a_number_of_the_kind() {
    assert!(::serde_json::from_str::<BigInteger>("1.5").is_err());
    assert!(::serde_json::from_str::<BigInteger>("true").is_err());
    assert!(::serde_json::from_str::<BigDecimal>("{}").is_err());
    assert!(::serde_json::from_str::<BigDecimal>("\"abc\"").is_err());
    // A string holding a number is accepted.
    let v: BigDecimal = ::serde_json::from_str("\"1.50\"").unwrap();
    assert_eq!(v.as_str(), "1.50");
}

#[test]
fn conversions_and_defaults() {
    assert_eq!(BigInteger::default().as_str(), "0");
    assert_eq!(BigDecimal::default().into_string(), "0");
    assert_eq!(BigInteger::from(u128::MAX).as_str(), u128::MAX.to_string());
    assert_eq!(BigDecimal::from(-5i64).as_ref(), "-5");
    assert_eq!(BigInteger::from_checked("42").to_string(), "42");
}

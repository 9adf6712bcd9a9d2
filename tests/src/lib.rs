//! The workspace test crate. Everything lives in `tests/`; this library only anchors the package.

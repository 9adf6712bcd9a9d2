//! Command-line flags: `--flag value` and `--switch` arguments, anything else a usage error.

use anyhow::Result;

use crate::cli;

/// The flags a command was given, in order.
pub(crate) struct Flags {
    pub(crate) switches: Vec<String>,
    pub(crate) values: Vec<(String, String)>,
}

/// Parses `--flag value` and `--switch` arguments of `command`; anything else is a usage error.
pub(crate) fn parse_flags(
    command: &'static str,
    args: &[String],
    with_value: &[&str],
    switches: &[&str],
) -> Result<Flags> {
    let mut flags = Flags {
        switches: Vec::new(),
        values: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if switches.contains(&a.as_str()) {
            flags.switches.push(a.clone());
        } else if with_value.contains(&a.as_str()) {
            let v = it
                .next()
                .ok_or_else(|| cli::usage(command, format!("{a} needs a value")))?;
            flags.values.push((a.clone(), v.clone()));
        } else {
            return Err(cli::usage(command, format!("unknown argument `{a}`")));
        }
    }
    Ok(flags)
}

impl Flags {
    pub(crate) fn has(&self, switch: &str) -> bool {
        self.switches.iter().any(|s| s == switch)
    }

    /// The last value given for a flag.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value given for a repeatable flag, in order.
    pub(crate) fn all(&self, name: &str) -> Vec<&str> {
        self.values
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The value of a flag the command cannot do without.
    pub(crate) fn required(&self, command: &'static str, name: &str, value: &str) -> Result<&str> {
        self.get(name)
            .ok_or_else(|| cli::usage(command, format!("{name} {value} is required")))
    }
}

//! The error of a value parsed from a string, before it is placed at a field of a file.

/// Why a string is not a valid value, and how to write it instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub hint: String,
}

impl ParseError {
    pub(crate) fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        ParseError {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

//! Tests of the language: parsing, checking and the errors of bad definitions.

//! Integration tests: run the real commands on fixture projects.

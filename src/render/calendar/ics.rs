//! RFC 5545 serializer.

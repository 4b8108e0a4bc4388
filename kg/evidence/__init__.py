"""The evidence stage."""

"""The package version, kept apart so the user agent can read it without importing the SDK."""

__version__ = "0.1.0"

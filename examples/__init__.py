"""Runnable examples of cognito-identity (``python -m examples.webapp``)."""

"""Errors raised for mistakes a user can fix: a lexicon, an option, a path."""


class ConfigurationError(ValueError):
    """A configuration or usage mistake: the message is one line naming the file, the line and what is expected."""

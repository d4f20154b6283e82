"""Discourse analysis of Arabic news about the Syrian war.

Modules, one concern each: ``corpus`` (reading), ``normalize`` (Arabic normalization with offset maps),
``segment`` (paragraphs, sentences, tokens), ``pipeline`` (``analysis run``), ``tables`` (output files).
"""

__version__ = "0.1.0"

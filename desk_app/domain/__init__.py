"""Rules of the dialogue cycle: pure Python, no Qt, no SQL."""

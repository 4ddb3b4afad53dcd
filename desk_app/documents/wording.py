"""Words the contexts need that are not sentences of a document: weekday names, the dotted blank.

The fixed wording of every document is in its template (written by ``builder``), so a clerk changes it in
Word; the code only supplies what varies.
"""

from __future__ import annotations

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

DOTS = "…" * 28  # a blank line the clerk fills in Word

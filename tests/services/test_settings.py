"""Program settings: the font size stops where every page still fits a 1366×768 screen at 125 %."""

from __future__ import annotations

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.services import settings
from desk_app.store import models as m


def test_the_largest_font_size_is_14_points(session):
    settings.put(session, settings.FONT_SIZE, 14)
    assert settings.get(session, settings.FONT_SIZE) == 14
    with pytest.raises(ValidationError) as refused:
        settings.put(session, settings.FONT_SIZE, 15)
    assert refused.value.errors == {settings.FONT_SIZE: "Cỡ chữ phải từ 9 đến 14."}
    assert settings.get(session, settings.FONT_SIZE) == 14


def test_a_larger_size_kept_by_an_older_version_is_read_as_the_largest(session):
    row = session.scalar(m.Setting.__table__.select().where(m.Setting.key == settings.FONT_SIZE))
    assert row is None
    session.add(m.Setting(key=settings.FONT_SIZE, value=20))
    session.flush()
    assert settings.get(session, settings.FONT_SIZE) == 14

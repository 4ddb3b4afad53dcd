"""What the first-run set-up adds to a new commune's catalogue: the usual agencies and organisations and the
hamlets the clerk types (issue 14, item 8: without them the invitees, the lead agency and the walk-in's
address had nothing to choose from)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk_app.domain.errors import ValidationError
from desk_app.services import catalog, minutes
from desk_app.store import models as m


def test_the_usual_agencies_of_a_commune_are_added_once(session):
    added = catalog.add_usual_agencies(session, "xã")
    names = [a.name for a in added]
    assert "Công an xã" in names and "Ủy ban Mặt trận Tổ quốc Việt Nam xã" in names
    assert "Phòng Kinh tế thuộc Ủy ban nhân dân xã" in names
    assert {"Hội Nông dân Việt Nam xã", "Hội Liên hiệp Phụ nữ Việt Nam xã",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "Hội Cựu chiến binh Việt Nam xã"} <= set(names)
    kinds = {a.name: a.kind for a in added}
    assert kinds["Công an xã"] == "cong_an" and kinds["Hội Cựu chiến binh Việt Nam xã"] == "mttq_doan_the"
    assert kinds["Phòng Văn hóa - Xã hội thuộc Ủy ban nhân dân xã"] == "chuyen_mon"
    police = next(a for a in added if a.name == "Công an xã")
    assert catalog.agency_head_post(police) == "Trưởng Công an xã"
    assert catalog.add_usual_agencies(session, "xã") == []  # nothing twice


def test_a_ward_gets_its_own_names(session):
    names = [a.name for a in catalog.add_usual_agencies(session, "phường")]
    assert "Công an phường" in names and "Phòng Kinh tế, Hạ tầng và Đô thị thuộc Ủy ban nhân dân phường" in names
    assert not any(name.endswith(" xã") for name in names)


def test_hamlets_typed_one_a_line(session):
    names = catalog.hamlet_lines("Thôn Bản Lải\n\n  thôn  Nà Pàn ; Tổ dân phố 3\n")
    assert names == ["Thôn Bản Lải", "thôn Nà Pàn", "Tổ dân phố 3"]
    catalog.add_hamlets(session, names)
    assert [h for h, _id in catalog.active_items(session, "hamlets")] == names


def test_a_repeated_hamlet_is_named_by_its_line(session):
    with pytest.raises(ValidationError) as info:
        catalog.add_hamlets(session, ["Thôn Bản Lải", "Thôn Nà Pàn", "thôn bản lải"])
    assert "Dòng 3" in info.value.errors["hamlets"]


def test_seeded_agencies_answer_at_the_meeting(session, make_session):
    ds = make_session(stage="in_progress")
    catalog.add_usual_agencies(session, "xã")
    texts = [r.text for r in minutes.responders(session, ds.id)]
    assert any(t.startswith("Ủy ban Mặt trận Tổ quốc Việt Nam xã") for t in texts)
    assert session.scalar(select(m.Agency.id).where(m.Agency.name == "Trạm Y tế xã")) is not None

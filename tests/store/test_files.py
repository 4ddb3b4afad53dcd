"""Files the program writes (exports, backups) get the user's normal permissions: the umask decides, as for
any file the user creates, not the temporary file's private 0600 (issue 16)."""

from __future__ import annotations

import os
import stat

import pytest

from desk_app.store.files import atomic_output


@pytest.fixture
def umask():
    """Set a umask for the test; the previous one comes back after."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield os.umask
    os.umask(previous)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


if os.name == "posix":  # Windows has no mode bits beyond read-only
    @pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
    def test_atomic_output_respects_the_umask(tmp_path, umask, mask, expected):
        umask(mask)
        target = tmp_path / "ke-hoach.docx"
        with atomic_output(target) as temp:
            temp.write_bytes(b"PK")
        assert target.read_bytes() == b"PK"
        assert _mode(target) == expected
        assert [p.name for p in tmp_path.iterdir()] == ["ke-hoach.docx"]  # no temporary file left

    def test_exports_and_backups_are_readable_like_any_file_of_the_user(tmp_path, umask, capsys):
        from tests.cli_helpers import demo_database, run

        umask(0o022)
        database = demo_database(tmp_path)
        summary, backup = tmp_path / "tong-hop.xlsx", tmp_path / "sao-luu.sqlite3"
        assert run(capsys, "--db", database, "export", "summary", "--year", 2026, "-o", summary)[0] == 0
        assert run(capsys, "--db", database, "backup", backup)[0] == 0
        plan = tmp_path / "ke-hoach.docx"
        session = run(capsys, "--db", database, "sessions")[1].split("\t")[0]
        assert run(capsys, "--db", database, "export", "plan", "--session", session, "-o", plan)[0] == 0
        assert {path.name: _mode(path) for path in (summary, backup, plan)} == \
            {"tong-hop.xlsx": 0o644, "sao-luu.sqlite3": 0o644, "ke-hoach.docx": 0o644}

    def test_a_failed_write_leaves_nothing(tmp_path, umask):
        umask(0o022)
        target = tmp_path / "x.xlsx"
        with pytest.raises(RuntimeError):
            with atomic_output(target) as temp:
                temp.write_bytes(b"half")
                raise RuntimeError("stop")
        assert list(tmp_path.iterdir()) == []

"""The Word templates: the shipped originals, the clerk's own copies, checking and rendering.

Choices (documents.md §4):
- originals live in ``resources/templates/<kind>.<format>.docx`` and are never changed by the program;
- "Mở thư mục mẫu" copies an original into ``<data folder>/templates/`` where the clerk edits it in
  Word; from then on that copy is used;
- a copy that cannot be used (not a .docx, bad Jinja, an unknown variable, any rendering error) is
  reported with the file's name and the problem, and the original is used instead — the export goes
  on, the warning is shown (CLI: on stderr; window: in a message);
- "Khôi phục mẫu gốc" removes the copy (kept aside as ``<name>.bak.docx`` in case the clerk wants
  their wording back).
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from desk_app.documents.kinds import FORMAT_LABELS, FORMATS, KIND_LABELS, KINDS, template_name  # noqa: F401
from desk_app.domain.errors import DocumentError
from desk_app.store.database import os_reason, user_data_dir
from desk_app.store.paths import shipped_dir

BUILTIN_DIR = shipped_dir("resources") / "templates"


def user_templates_dir() -> Path:
    return user_data_dir() / "templates"


def _check_name(kind: str, fmt: str) -> str:
    if kind not in KINDS or fmt not in FORMATS:
        raise DocumentError(f"Không có mẫu văn bản “{kind}” ({fmt}).")
    return template_name(kind, fmt)


def builtin_path(kind: str, fmt: str) -> Path:
    return BUILTIN_DIR / _check_name(kind, fmt)


def user_path(kind: str, fmt: str) -> Path:
    return user_templates_dir() / _check_name(kind, fmt)


def builtin_problems() -> list[str]:
    """Every shipped original opens: a Word file whose document part is well-formed XML (``gui --smoke-test``).
    What is missing or damaged, in Vietnamese; empty when all is well."""
    from lxml import etree

    problems = []
    for kind in KINDS:
        for fmt in FORMATS:
            path = builtin_path(kind, fmt)
            if not path.is_file():
                problems.append(f"thiếu mẫu văn bản {path}")
                continue
            try:
                with zipfile.ZipFile(path) as archive:
                    etree.fromstring(archive.read("word/document.xml"))
            except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
                problems.append(f"mẫu văn bản {path} bị hỏng")
    return problems


@dataclass(frozen=True)
class TemplateInfo:
    kind: str
    fmt: str
    label: str
    builtin: Path
    user: Path

    @property
    def overridden(self) -> bool:
        return self.user.is_file()


def list_templates() -> list[TemplateInfo]:
    return [TemplateInfo(kind, fmt, f"{KIND_LABELS[kind]} ({FORMAT_LABELS[fmt]})", builtin_path(kind, fmt),
                         user_path(kind, fmt)) for kind in KINDS for fmt in FORMATS]


def copy_to_user(kind: str, fmt: str) -> Path:
    """Copy the original into the user's template folder (if not there yet) and return the copy."""
    target = user_path(kind, fmt)
    if target.is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(builtin_path(kind, fmt), target)
    except OSError as exc:
        raise DocumentError(f"Không sao chép được mẫu {target.name}: {os_reason(exc)}.") from exc
    return target


def restore_original(kind: str, fmt: str) -> Path | None:
    """Go back to the original; the clerk's copy is kept aside as ``….bak.docx``. Returns that file."""
    target = user_path(kind, fmt)
    if not target.is_file():
        return None
    aside = target.with_name(target.name.removesuffix(".docx") + ".bak.docx")
    try:
        target.replace(aside)
    except OSError as exc:
        raise DocumentError(f"Không khôi phục được mẫu gốc {target.name}: {os_reason(exc)}.") from exc
    return aside


# -- rendering ---------------------------------------------------------------------------------------------

class TemplateProblem(DocumentError):
    """A template that cannot be used; ``path`` names it."""

    def __init__(self, path: Path, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"Mẫu văn bản {path} không dùng được: {problem}")


@dataclass
class Rendered:
    document: object  # docx.Document
    source: Path
    warnings: list[str] = field(default_factory=list)


def _environment():
    from jinja2 import Environment, StrictUndefined

    # autoescape: a citizen's "<", "&" must stay text in the XML; StrictUndefined: a misspelt variable in
    # a clerk's copy is an error, not a silent blank in a signed document.
    return Environment(autoescape=True, undefined=StrictUndefined)


def _describe(exc: Exception, path: Path | None = None) -> str:
    """The problem in Vietnamese, in Word's terms: which text of the template (the paragraph as the clerk sees it
    in Word) holds it — never Jinja's English or a line number of the XML."""
    from jinja2 import TemplateSyntaxError, UndefinedError

    if isinstance(exc, TemplateSyntaxError):
        return _syntax_problem(path, exc)
    if isinstance(exc, UndefinedError):
        return _unknown_name(path, exc)
    if isinstance(exc, (zipfile.BadZipFile, KeyError)):
        return "tệp không phải văn bản Word (.docx) hoặc đã bị hỏng"
    if isinstance(exc, OSError):
        return os_reason(exc)
    return f"lỗi khi điền dữ liệu vào mẫu ({type(exc).__name__})"


# -- explaining a template's problem where the clerk sees it ------------------------------------------------

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_PREFIX = re.compile(r"^(\{[{%])(?:p|r|tr|tc)(?=\s)")


def _word_paragraphs(path: Path | None) -> list[str]:
    """The text of every paragraph of the template as Word shows it (tables' cells included)."""
    if path is None:
        return []
    try:
        from lxml import etree

        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
    except Exception:  # noqa: BLE001 — nothing to quote from a file that cannot be read
        return []
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    texts = []
    for paragraph in root.iter(f"{w}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{w}t"))
        if text.strip():
            texts.append(text)
    return texts


def _around(text: str, start: int, end: int, width: int = 40) -> str:
    """The words around a place in a paragraph, as a quote."""
    left, right = max(0, start - width), min(len(text), end + width)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def _jinja_words(message: str) -> str:
    """What Jinja's English means, in Vietnamese."""
    lowered = (message or "").lower()
    if "unexpected end of template" in lowered:
        return "thiếu thẻ đóng"
    if "expected an expression" in lowered or "expected token 'name'" in lowered:
        return "thiếu tên biến (ví dụ sau dấu “|” hoặc giữa hai dấu ngoặc)"
    if "unknown tag" in lowered:
        return "có thẻ không hợp lệ"
    if "unexpected" in lowered:
        return "có ký tự thừa hoặc đặt sai chỗ"
    if "expected token" in lowered:
        return "viết chưa đúng (thiếu dấu đóng “}}” hoặc “%}”, hoặc có chữ thừa)"
    return "viết chưa đúng cú pháp"


def _check_tag(tag: str) -> str | None:
    """Jinja's complaint about one tag taken alone (its block closed for it), or None."""
    from jinja2 import TemplateSyntaxError

    plain = _PREFIX.sub(r"\1", tag)
    source = plain
    if plain.startswith("{%"):
        word = plain[2:].strip().split(" ", 1)[0].rstrip("%}")
        if word in ("for", "if"):
            source = plain + ("{% endfor %}" if word == "for" else "{% endif %}")
        elif word in ("else", "elif"):
            source = "{% if x %}" + plain + "{% endif %}"
        elif word in ("endfor", "endif"):
            return None
    try:
        _environment().parse(source)
    except TemplateSyntaxError as exc:
        return exc.message or ""
    return None


def _syntax_problem(path: Path | None, exc) -> str:
    paragraphs = _word_paragraphs(path)
    for text in paragraphs:  # a tag wrong in itself, or a bracket not closed in its paragraph
        for opener, closer in (("{{", "}}"), ("{%", "%}")):
            if text.count(opener) != text.count(closer):
                place = text.find(opener) if text.count(opener) > text.count(closer) else text.find(closer)
                return (f"trong đoạn văn “{_around(text, place, place + 2)}” có cặp ngoặc “{opener} … {closer}” "
                        "chưa đóng đủ")
        for match in _TAG.finditer(text):
            complaint = _check_tag(match.group(0))
            if complaint is not None:
                return (f"thẻ “{match.group(0)}” trong đoạn văn “{_around(text, match.start(), match.end())}” "
                        f"{_jinja_words(complaint)}")
    stack: list[tuple[str, str, str]] = []  # (block word, tag, paragraph)
    for text in paragraphs:  # the blocks opened and closed across paragraphs
        for match in _TAG.finditer(text):
            plain = _PREFIX.sub(r"\1", match.group(0))
            if not plain.startswith("{%"):
                continue
            word = plain[2:].strip().split(" ", 1)[0].rstrip("%}")
            if word in ("for", "if"):
                stack.append((word, match.group(0), text))
            elif word in ("endfor", "endif"):
                wanted = word[3:]
                if not stack or stack[-1][0] != wanted:
                    return (f"thẻ “{match.group(0)}” trong đoạn văn “{_around(text, match.start(), match.end())}” "
                            "không có thẻ mở tương ứng" + (f" (thẻ đang mở: “{stack[-1][1]}”)" if stack else ""))
                stack.pop()
    if stack:
        word, tag, text = stack[-1]
        end = "{%p endfor %}" if word == "for" else "{%p endif %}"
        return f"thẻ “{tag}” trong đoạn văn “{_around(text, text.find(tag), text.find(tag) + len(tag))}” chưa có " \
               f"thẻ đóng “{end}” ở sau"
    return f"các thẻ “{{{{ … }}}}” hoặc “{{% … %}}” của mẫu {_jinja_words(getattr(exc, 'message', ''))}"


def _unknown_name(path: Path | None, exc) -> str:
    text = str(getattr(exc, "message", None) or exc)
    found = re.search(r"'([^']+)' is undefined", text) or re.search(r"has no attribute '([^']+)'", text)
    name = found.group(1) if found else ""
    for paragraph in _word_paragraphs(path):
        for match in _TAG.finditer(paragraph):
            if name and re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)|\.{re.escape(name)}(?!\w)", match.group(0)):
                return (f"có biến không xác định “{name}” trong thẻ “{match.group(0)}” ở đoạn văn "
                        f"“{_around(paragraph, match.start(), match.end())}” (xem danh sách biến trong tài liệu mẫu)")
    return f"có biến không xác định “{name}” (xem danh sách biến trong tài liệu mẫu)"


_TEMPLATE_CLASS = None


def _template_class():
    """docxtpl's DocxTemplate without two passes that cost most of a large report's time and change
    nothing in ours: the line-break pass over every text run when no text holds a tab, line break or
    page break, and the column-count repair when the template has no column loop (``{%tc``). The
    output is the same as docxtpl's (a test compares them)."""
    global _TEMPLATE_CLASS
    if _TEMPLATE_CLASS is not None:
        return _TEMPLATE_CLASS
    import re

    from docxtpl import DocxTemplate
    from lxml import etree

    special_in_text = re.compile(r"<w:t(?:\s[^>]*)?>[^<]*[\t\a\n\f]")
    column_loop = re.compile(r"\{%-?\s*tc\s")

    class Template(DocxTemplate):
        def resolve_listing(self, xml):
            # docxtpl's pass, run only on the paragraphs that need it (the issuer's two lines, a petition
            # typed on several lines), not on the 18,000 paragraphs of a large annex
            spans = []
            for match in special_in_text.finditer(xml):
                start = max(xml.rfind("<w:p ", 0, match.start()), xml.rfind("<w:p>", 0, match.start()))
                end = xml.find("</w:p>", match.end())
                if start < 0 or end < 0:
                    return super().resolve_listing(xml)  # not inside a paragraph: let docxtpl handle it all
                if spans and start < spans[-1][1]:
                    continue  # the same paragraph as the previous match
                spans.append((start, end + len("</w:p>")))
            if not spans:
                return xml
            parts, last = [], 0
            for start, end in spans:
                parts += [xml[last:start], super().resolve_listing(xml[start:end])]
                last = end
            parts.append(xml[last:])
            return "".join(parts)

        def fix_tables(self, xml):
            if column_loop.search(self.get_xml()):
                return super().fix_tables(xml)
            return etree.fromstring(xml, parser=etree.XMLParser(recover=True))

    _TEMPLATE_CLASS = Template
    return Template


def _render_file(path: Path, context: dict, prepare=None):
    if not zipfile.is_zipfile(path):
        raise TemplateProblem(path, "tệp không phải văn bản Word (.docx) hoặc đã bị hỏng")
    try:
        template = _template_class()(path)
        template.init_docx()
        extra = prepare(template) if prepare else {}
        template.render({**context, **extra}, jinja_env=_environment(), autoescape=True)
    except TemplateProblem:
        raise
    except Exception as exc:  # noqa: BLE001 — every failure of a clerk's copy becomes a named problem
        raise TemplateProblem(path, _describe(exc, path)) from exc
    return template.docx


def render(kind: str, fmt: str, context: dict, *, prepare=None, use_user: bool = True) -> Rendered:
    """Render the clerk's copy if there is one, else (or if it is broken) the original.

    ``prepare(template)`` returns extra context that needs the template object (docxtpl images and
    sub-documents are bound to the template they go into).
    """
    warnings: list[str] = []
    if use_user:
        own = user_path(kind, fmt)
        if own.is_file():
            try:
                return Rendered(_render_file(own, context, prepare), own)
            except TemplateProblem as problem:
                warnings.append(f"{problem.message} Đã dùng mẫu gốc của chương trình.")
    original = builtin_path(kind, fmt)
    if not original.is_file():
        raise DocumentError(f"Thiếu mẫu gốc {original}; hãy cài đặt lại chương trình.")
    try:
        document = _render_file(original, context, prepare)
    except TemplateProblem as problem:  # a bug of ours or a damaged installation
        raise DocumentError(f"{problem.message} Hãy cài đặt lại chương trình.") from problem
    return Rendered(document, original, warnings)


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""Màn hình hội trường: a second window for the projector or the TV of the hall, driven by the live minutes.

It shows the session's title and chair; the citizen who has the floor (name and hamlet — never anything else
of a registration: :mod:`desk_app.services.hall` does not even read it) with a large countdown, the same clock
and the same colours as the secretary's (:class:`~desk_app.gui.speaker_timer.SpeakerClock`,
:func:`~desk_app.gui.speaker_timer.timer_style`); the next three in the queue; between speakers the agenda
step; before and after the meeting a still slide (the commune, the title, the time and place).

- Full screen on a screen the secretary is not working on when there is one, a normal window otherwise; it
  moves when screens are plugged in or out (``QGuiApplication.screenAdded`` / ``screenRemoved``).
- Every text in the largest size that fits its place (:class:`FitLabel`), light on dark.
- Nothing on it answers the audience: no buttons, it never takes the keyboard, keys and clicks do nothing, no
  context menu, no mouse pointer over it when it is full screen.
- It follows the live page at once through the same change notices (``ctx.data_changed``) and the shared clock,
  and reads everything from the database (every few seconds too, for changes made by another computer on the
  shared server): the live page can be rebuilt, the hall screen goes on.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QScreen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QStyle, QVBoxLayout, QWidget

from desk_app.domain.errors import DeskAppError
from desk_app.gui import palette
from desk_app.gui.context import AppContext, error_text
from desk_app.gui.speaker_timer import timer_style
from desk_app.services import hall
from desk_app.services.hall import HallView

TITLE = "Màn hình hội trường"
WATCHED = frozenset({"sessions", "registrations", "minutes", "catalog", "settings"})
REREAD_MS = 5000  # changes made elsewhere (another computer on the shared server) show within this time
# what the room reads on the still slide
SLIDE_NOTES = {"after": "Hội nghị đã kết thúc. Trân trọng cảm ơn bà con đã tham dự!",
               "cancelled": "Hội nghị không diễn ra theo kế hoạch này."}
# events of the audience's keys and clicks, swallowed
_INPUT = frozenset({QEvent.KeyPress, QEvent.KeyRelease, QEvent.ShortcutOverride, QEvent.MouseButtonPress,
                    QEvent.MouseButtonRelease, QEvent.MouseButtonDblClick, QEvent.Wheel, QEvent.ContextMenu,
                    QEvent.TabletPress, QEvent.TouchBegin})


class FitLabel(QLabel):
    """Plain text in the largest font that fits the label, wrapped at word boundaries when ``wrap``.

    ``sample``: the text whose size is fitted instead of the shown one (the countdown keeps one size while its
    digits change). The label's size comes from its layout alone (its text never pushes the window)."""

    def __init__(self, parent: QWidget, *, bold: bool = False, wrap: bool = True, sample: str | None = None,
                 colour: str = palette.HALL_TEXT, align=Qt.AlignLeft | Qt.AlignVCenter, mono: bool = False,
                 group: list[FitLabel] | None = None, share: float = 0.0, under: FitLabel | None = None):
        super().__init__(parent)
        self._share = share  # at most this part of the window's height (a caption stays a caption)
        self._under = under  # a line below a larger one (the hamlet under the name) stays smaller than it
        self._followers: list[FitLabel] = []
        if under is not None:
            under._followers.append(self)
        self._group = group if group is not None else [self]  # labels shown in one size: the smallest fit
        if self not in self._group:
            self._group.append(self)
        self._best = 0
        self.setTextFormat(Qt.PlainText)  # a name typed as "<b>…" is shown as typed
        self.setWordWrap(wrap)
        self.setAlignment(align)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
        self.setTextInteractionFlags(Qt.NoTextInteraction)
        self.setFocusPolicy(Qt.NoFocus)
        self.setStyleSheet(f"QLabel {{ color: {colour}; background: transparent; }}")
        self._sample = sample
        self._base = QFont(self.font())
        self._base.setBold(bold)
        if mono:
            self._base.setStyleHint(QFont.Monospace)
            self._base.setFixedPitch(True)

    def setText(self, text: str) -> None:  # noqa: N802 — Qt's name
        if text == self.text():
            return
        super().setText(text)
        if self._sample is None:
            self.fit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def set_wrapping(self, wrap: bool) -> None:
        if wrap != self.wordWrap():
            self.setWordWrap(wrap)
            self.fit()

    def pixel_size(self) -> int:
        return self.font().pixelSize()

    def fit(self) -> None:
        self._best = self._largest()
        sizes = [label._best for label in self._group if label._best]
        if sizes:
            for label in self._group:
                label._apply(min(sizes))

    def _largest(self) -> int:
        """The largest pixel size whose text box fits (0: nothing to fit)."""
        text = self._sample or self.text()
        margins = self.contentsMargins()
        width = int((self.width() - margins.left() - margins.right()) * 0.97)
        height = int((self.height() - margins.top() - margins.bottom()) * 0.97)
        if width < 4 or height < 4 or not text:
            return 0
        flags = int(Qt.TextWordWrap if self.wordWrap() else 0)
        font = QFont(self._base)
        low, high = 6, max(6, height)
        if self._share:
            high = max(6, min(high, int(self.window().height() * self._share)))
        if self._under is not None and self._under.text():
            high = max(6, min(high, int(self._under.pixel_size() * 0.75)))
        while low < high:
            middle = (low + high + 1) // 2
            font.setPixelSize(middle)
            box = QFontMetrics(font).boundingRect(QRect(0, 0, width, 1 << 20), flags, text)
            if box.width() <= width and box.height() <= height:
                low = middle
            else:
                high = middle - 1
        return low

    def _apply(self, pixels: int) -> None:
        font = QFont(self._base)
        font.setPixelSize(pixels)
        if font != self.font():
            self.setFont(font)
            for follower in self._followers:
                follower.fit()


def choose_screen(screens: list, primary, working=None):
    """The screen for the hall: the first one that is not the one the secretary works on (the main window's,
    else the primary); None when there is only that one."""
    avoid = working if working is not None and any(s is working or s == working for s in screens) else primary
    others = [s for s in screens if not (s is avoid or s == avoid)]
    return others[0] if others else None


def _system_screens() -> tuple[list, object]:
    return list(QGuiApplication.screens()), QGuiApplication.primaryScreen()


class HallScreen(QWidget):
    """The hall window for the dialogue session ``meeting_id``. ``screens()`` gives (the screens, the primary
    one) and ``working()`` the screen of the secretary's window (tests hand in their own)."""

    closed = Signal()

    def __init__(self, ctx: AppContext, meeting_id: int, *, screens: Callable[[], tuple[list, object]] | None = None,
                 working: Callable[[], object] | None = None):
        super().__init__(None, Qt.Window | Qt.WindowDoesNotAcceptFocus)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.view: HallView | None = None
        self.target = None  # the screen it is full screen on (None: a normal window)
        self._screens = screens or _system_screens
        self._working = working
        self.setObjectName("hall_screen")
        self.setWindowTitle(TITLE)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setAttribute(Qt.WA_ShowWithoutActivating)  # the keyboard stays with the secretary
        self.setAttribute(Qt.WA_QuitOnClose, False)
        self.setFocusPolicy(Qt.NoFocus)
        self.setContextMenuPolicy(Qt.PreventContextMenu)
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"QWidget#hall_screen {{ background: {palette.HALL_BACKGROUND}; }}")
        self._build()
        clock = ctx.speaker_clock
        clock.changed.connect(self._show_clock)
        clock.state_changed.connect(self._clock_state)
        ctx.data_changed.connect(self._data_changed)
        self._reread = QTimer(self)
        self._reread.setSingleShot(True)
        self._reread.timeout.connect(self.reload)
        app = QGuiApplication.instance()
        for signal in (app.screenAdded, app.screenRemoved, app.primaryScreenChanged):
            signal.connect(self._screens_changed)
        self.reload()

    # -- construction -------------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 28, 48, 28)
        root.setSpacing(12)
        self.header = QWidget(self)
        heading = QVBoxLayout(self.header)
        heading.setContentsMargins(0, 0, 0, 0)
        heading.setSpacing(4)
        self.title_label = FitLabel(self.header, bold=True)
        self.host_label = FitLabel(self.header, colour=palette.HALL_SECONDARY)
        heading.addWidget(self.title_label, 3)
        heading.addWidget(self.host_label, 1)
        self.rule = QFrame(self)
        self.rule.setFixedHeight(3)
        self.rule.setStyleSheet(f"background: {palette.HALL_RULE};")

        self.body = QWidget(self)
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(40)
        column = QVBoxLayout()
        column.setSpacing(6)
        self.caption_label = FitLabel(self.body, bold=True, colour=palette.HALL_CAPTION, share=0.07)
        self.main_label = FitLabel(self.body, bold=True)
        self.sub_label = FitLabel(self.body, colour=palette.HALL_SECONDARY, under=self.main_label)
        self.note_label = FitLabel(self.body, colour=palette.HALL_SECONDARY, under=self.main_label)
        for label, stretch in ((self.caption_label, 2), (self.main_label, 6), (self.sub_label, 3),
                               (self.note_label, 2)):
            column.addWidget(label, stretch)
        body.addLayout(column, 3)
        self.countdown = FitLabel(self.body, bold=True, wrap=False, sample="−00:00", align=Qt.AlignCenter,
                                  mono=True)
        self.countdown.setAccessibleName("Thời gian phát biểu còn lại")
        body.addWidget(self.countdown, 2)

        self.footer = QWidget(self)
        foot = QVBoxLayout(self.footer)
        foot.setContentsMargins(0, 0, 0, 0)
        foot.setSpacing(2)
        self.next_caption = FitLabel(self.footer, bold=True, colour=palette.HALL_CAPTION, wrap=False, share=0.05)
        self.next_caption.setText("TIẾP THEO")
        foot.addWidget(self.next_caption, 1)
        names = QHBoxLayout()
        names.setSpacing(36)
        group: list[FitLabel] = []
        self.next_labels = [FitLabel(self.footer, group=group) for _ in range(hall.NEXT_SHOWN)]
        for label in self.next_labels:
            names.addWidget(label, 1)
        foot.addLayout(names, 3)

        root.addWidget(self.header, 20)
        root.addWidget(self.rule)
        root.addWidget(self.body, 54)
        root.addWidget(self.footer, 24)

    # -- what it shows ---------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Everything from the database again (the live page's notices, the periodic re-read)."""
        try:
            with self.ctx.read_session() as session:
                self.view = hall.hall_view(session, self.meeting_id)
        except Exception as exc:  # noqa: BLE001 — never a message box in front of the room: the last view stays
            if not isinstance(exc, DeskAppError):  # (the session gone, the database busy: said by the live page)
                error_text(exc)  # an unexpected one is logged
        self._arrange()
        self._reread.start(REREAD_MS)

    def _data_changed(self, topic: str, _initiator=None) -> None:
        if topic in WATCHED:
            self.reload()

    def _arrange(self) -> None:
        view = self.view
        if view is None:
            return
        live = view.phase == "live"
        clock_on = self.ctx.speaker_clock.state != "idle"
        self.header.setVisible(live)
        self.rule.setVisible(live)
        self.title_label.setText(view.title)
        self.host_label.setText(view.host)
        if not live:  # the still slide
            self.caption_label.setText(view.commune.upper())
            self.main_label.setText(view.title)
            self.sub_label.setText(" · ".join(t for t in (view.when, view.place) if t))
            self.note_label.setText(SLIDE_NOTES.get(view.phase, view.host))
        elif view.speaker is not None:
            self.caption_label.setText("ĐANG PHÁT BIỂU")
            self.main_label.setText(view.speaker.name)
            self.sub_label.setText(view.speaker.hamlet)
            self.note_label.setText("")
        else:
            self.caption_label.setText("CHƯƠNG TRÌNH HỘI NGHỊ")
            self.main_label.setText(view.step or "Hội nghị đang diễn ra")
            self.sub_label.setText("")
            self.note_label.setText("")
        self.main_label.set_wrapping(not (live and view.speaker is not None))  # a name on one line
        for label in (self.sub_label, self.note_label):  # an empty line leaves its room to the others
            label.setVisible(bool(label.text()))
        self.countdown.setVisible(live and (view.speaker is not None or clock_on))
        self.footer.setVisible(live and bool(view.next_up))
        for label, person in zip(self.next_labels, view.next_up + [None] * len(self.next_labels)):
            label.setText("" if person is None else
                          f"{person.name}\n{person.hamlet}" if person.hamlet else person.name)
        self._show_clock()

    def _clock_state(self, _state: str) -> None:
        self._arrange()  # the countdown shows between speakers too while it is started

    def _show_clock(self) -> None:
        clock = self.ctx.speaker_clock
        self.countdown.setText(clock.text())
        level = clock.level()
        if level != getattr(self, "_level", None):
            self._level = level
            self.countdown.setStyleSheet(timer_style(level, radius=18, padding="0px 24px"))

    def shown_texts(self) -> list[str]:
        """Every text the room can see now (tests)."""
        return [label.text() for label in self.findChildren(QLabel) if label.isVisibleTo(self) and label.text()]

    # -- where it is -----------------------------------------------------------------------------------------
    def place(self) -> None:
        """Full screen on a screen the secretary is not working on, else a normal window on the only one."""
        screens, primary = self._screens()
        working = self._working() if self._working is not None else None
        target = choose_screen(screens, primary, working)
        self.target = target
        if target is None:
            if self.isFullScreen():
                self.setWindowState(self.windowState() & ~Qt.WindowFullScreen)
            self.unsetCursor()
            area = primary.availableGeometry() if primary is not None else QRect(0, 0, 1280, 720)
            width = min(int(area.width() * 0.7), int(area.height() * 0.8 * 16 / 9))
            self.setGeometry(QStyle.alignedRect(Qt.LeftToRight, Qt.AlignCenter, QSize(width, width * 9 // 16), area))
            self.show()
            return
        if isinstance(target, QScreen):
            self.setScreen(target)
        self.setGeometry(target.geometry())  # on that screen first (a window manager then makes it full screen)
        self.show()
        # not showFullScreen(): it would ask for the keyboard, which stays with the secretary
        self.setWindowState((self.windowState() & ~Qt.WindowMinimized) | Qt.WindowFullScreen)
        self.setCursor(Qt.BlankCursor)  # no pointer on the projected picture

    def _screens_changed(self, *_args) -> None:
        QTimer.singleShot(0, self, self.place)  # after Qt has finished adding or removing the screen

    # -- nothing for the audience to press --------------------------------------------------------------------
    def event(self, event) -> bool:
        if event.type() in _INPUT:
            event.accept()
            return True
        return super().event(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        self._reread.stop()
        self.closed.emit()
        super().closeEvent(event)


def meeting_for_hall(window) -> int | None:
    """The session the hall screen shows: the live page's, else the meeting under way, else the session the
    clerk is looking at."""
    live = window.pages.get("live")
    if live is not None and live.meeting_id is not None:
        return live.meeting_id
    from desk_app.services.minutes import meeting_in_progress

    with window.ctx.read_session() as session:
        found = meeting_in_progress(session)
    return found if found is not None else window.session_in_view()


def toggle(window, **options) -> HallScreen | None:
    """Open the hall screen for the main ``window`` (F11), or close it when it is open; returns the open one.
    ``options`` go to :class:`HallScreen` (tests: their screens)."""
    if window.hall_screen is not None:
        window.hall_screen.close()
        return None
    meeting_id = meeting_for_hall(window)
    if meeting_id is None:
        from desk_app.gui.context import show_info

        show_info(window, "Chưa có cuộc đối thoại nào để chiếu lên màn hình hội trường: hãy lập kế hoạch ở trang "
                          "“Cuộc đối thoại”.", TITLE)
        return None
    options.setdefault("working", window.screen)
    screen = window.hall_screen = HallScreen(window.ctx, meeting_id, **options)

    def gone() -> None:
        if window.hall_screen is screen:
            window.hall_screen = None

    screen.closed.connect(gone)
    screen.place()
    window.activateWindow()  # the secretary goes on typing where they were
    return screen

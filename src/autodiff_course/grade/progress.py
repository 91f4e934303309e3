"""A small progress bar: count, rate and time left (tqdm is not a dependency of the package)."""

from __future__ import annotations

import sys
import time


class ProgressBar:
    """One line redrawn in place on a terminal; one line per submission otherwise (logs, CI)."""

    def __init__(self, stream=None, width: int = 28):
        self.stream = stream or sys.stderr
        self.width = width
        self.total = self.done = self.skipped = 0
        self.started = time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def start(self, total: int, skipped: int = 0) -> None:
        self.total, self.skipped, self.done = total, skipped, skipped
        self.started = time.monotonic()
        if skipped:
            self._print(f"{skipped} of {total} already graded (use --force to grade them again)", newline=True)
        if total > skipped:  # the first result waits for a worker to import torch and the rest
            self._print(f"grading {total - skipped}: starting the grading worker(s), which import the "
                        "assignment's modules once (10 to 25 s) ...", newline=True)
        self._draw(None)

    def line(self) -> str:
        graded_now = self.done - self.skipped
        elapsed = time.monotonic() - self.started
        rate = graded_now / elapsed * 60 if elapsed > 0 and graded_now else 0.0
        left = self.total - self.done
        eta = "--:--" if not rate else _clock(left / rate * 60)
        filled = int(self.width * self.done / self.total) if self.total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        return f"[{bar}] {self.done}/{self.total}  {rate:.1f}/min  left {eta}  elapsed {_clock(elapsed)}"

    def update(self, record: dict) -> None:
        self.done += 1
        self._draw(record)

    def finish(self) -> None:
        if self.tty:
            self._print("", newline=True)

    def _draw(self, record: dict | None) -> None:
        text = self.line()
        if record is not None and not self.tty:
            text += f"  {record['id']}: {record['total']:g}/{record['max_total']:g} {record['status']}"
        if self.tty:
            self._print("\r" + text, newline=False)
        elif record is not None or self.total == 0:
            self._print(text, newline=True)

    def _print(self, text: str, newline: bool) -> None:
        self.stream.write(text + ("\n" if newline else ""))
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"

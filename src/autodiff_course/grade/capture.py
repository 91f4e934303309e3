"""The grading child's IPython shell: every output of a cell captured as nbformat 4 data, capped."""

from __future__ import annotations

import base64
import json
import sys

from .protocol import MAX_MESSAGE_CHARS

MAX_STREAM_CHARS = 50_000  # per cell and stream: a flood of output is cut, not stored
MAX_OUTPUTS_PER_CELL = 40
MAX_ERROR_CHARS = MAX_MESSAGE_CHARS


class Recorder:
    """Collects a cell's outputs in nbformat 4 form, with caps on size and count."""

    def __init__(self):
        self.outputs: list[dict] = []
        self.dropped = 0

    def reset(self) -> list[dict]:
        done, self.outputs, self.dropped = self.outputs, [], 0
        return done

    def add(self, output: dict) -> None:
        if len(self.outputs) >= MAX_OUTPUTS_PER_CELL:
            self.dropped += 1
            return
        self.outputs.append(output)

    def stream(self, name: str, text: str) -> None:
        if self.outputs and self.outputs[-1].get("output_type") == "stream" and self.outputs[-1]["name"] == name:
            current = self.outputs[-1]
            room = MAX_STREAM_CHARS - len(current["text"])
            if room > 0:
                current["text"] += text[:room]
                if len(text) > room:
                    current["text"] += "\n[output cut: too long]\n"
            return
        cut = text[:MAX_STREAM_CHARS]
        self.add({"output_type": "stream", "name": name, "text": cut})


class Stream:
    """A text file object that forwards writes to the recorder."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, recorder: Recorder, name: str):
        self.recorder, self.name = recorder, name

    def write(self, text) -> int:
        text = str(text)
        self.recorder.stream(self.name, text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:  # libraries that insist on a descriptor get the real one
        return 1 if self.name == "stdout" else 2


def _plain_bundle(data: dict) -> dict:
    out = {}
    for mime, value in (data or {}).items():
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        elif not isinstance(value, (str, dict, list)):
            value = str(value)
        out[str(mime)] = value
    return out


def make_shell(recorder: Recorder):
    """An IPython shell whose displays, results and tracebacks go to ``recorder``."""
    from traitlets.config import Config
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, *args, **kwargs):
            recorder.add(
                {"output_type": "display_data", "data": _plain_bundle(data), "metadata": _json_safe(metadata or {})}
            )

        def clear_output(self, wait=False):
            pass

    class Hook(DisplayHook):
        def start_displayhook(self):
            pass

        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            recorder.add(
                {
                    "output_type": "execute_result",
                    "execution_count": self.prompt_count,
                    "data": _plain_bundle(format_dict),
                    "metadata": _json_safe(md_dict or {}),
                }
            )

        def finish_displayhook(self):
            pass

    class Shell(InteractiveShell):
        def _showtraceback(self, etype, evalue, stb):
            text = self.InteractiveTB.stb2text(stb)
            recorder.add(
                {
                    "output_type": "error",
                    "ename": getattr(etype, "__name__", str(etype)),
                    "evalue": str(evalue)[:MAX_ERROR_CHARS],
                    "traceback": text.splitlines()[-60:],
                }
            )

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.xmode = "Plain"
    shell = Shell.instance(config=config, displayhook_class=Hook, display_pub_class=Publisher)
    return shell


def connect_inline_backend(shell) -> None:
    """Draw figures as PNG into the outputs. Importing the inline backend does this for the shell
    of the moment; the fork server imported it before this shell existed, so do it now."""
    if "matplotlib_inline.backend_inline" not in sys.modules:
        return  # not preloaded: importing it later (``import matplotlib.pyplot``) connects it
    from IPython.core.pylabtools import activate_matplotlib
    from matplotlib_inline.backend_inline import configure_inline_support

    backend = "module://matplotlib_inline.backend_inline"
    activate_matplotlib(backend)
    configure_inline_support(shell, backend)


def _json_safe(value):
    return json.loads(json.dumps(value, default=str))

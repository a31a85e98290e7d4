"""Run a parser beside the writer: in a thread, or in a forked child process.

Generic plumbing for big imports: the parser produces batches while the
caller writes the previous one. Nothing here touches the database.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import threading

from .importers import ChatFormatError


def file_size(file) -> int:
    position = file.tell()
    size = file.seek(0, os.SEEK_END)
    file.seek(position)
    return size


_DONE = object()


def in_background(iterable, depth: int = 3):
    """Iterate ``iterable`` in a worker thread; at most ``depth`` items wait in between.

    An exception in the worker is re-raised here; leaving the loop early
    stops the worker.
    """
    handover: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                handover.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work():
        try:
            for item in iterable:
                if not put(item):
                    return
            put(_DONE)
        except BaseException as exc:  # handed to the caller, re-raised there
            put(exc)

    worker = threading.Thread(target=work, name="chat-import-parser", daemon=True)
    worker.start()
    try:
        while True:
            item = handover.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


def in_child_process(make_iterable):
    """Iterate ``make_iterable()`` in a forked child process; items come through a pipe.

    The child only parses (no database access) and leaves with ``os._exit``
    (multiprocessing's fork start), so it never touches the parent's database
    connection. The pipe's buffer bounds how far the child runs ahead, so
    memory stays flat. A ChatFormatError in the child is raised again here
    with its file, line and problem; leaving the loop early stops the child.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def work():
        receiver.close()
        # The child lives for one file and makes only acyclic garbage (strings,
        # tuples): collecting cycles would cost time and free nothing.
        gc.disable()
        try:
            for item in make_iterable():
                # pickle directly: Connection.send's pickler is measurably slower.
                sender.send_bytes(pickle.dumps(("item", item), pickle.HIGHEST_PROTOCOL))
            sender.send(("done",))
        except ChatFormatError as exc:
            sender.send(("format error", exc.filename, exc.line, exc.problem))
        except BaseException as exc:  # reported to the parent, which raises it
            sender.send(("crash", f"{type(exc).__name__}: {exc}"))
        finally:
            sender.close()

    child = context.Process(target=work, name="chat-import-parser")
    child.start()
    sender.close()
    try:
        while True:
            try:
                message = pickle.loads(receiver.recv_bytes())  # noqa: S301 (our child)
            except EOFError:
                raise RuntimeError(
                    "the chat parser process stopped unexpectedly"
                ) from None
            if message[0] == "item":
                yield message[1]
            elif message[0] == "done":
                return
            elif message[0] == "format error":
                raise ChatFormatError(*message[1:])
            else:
                raise RuntimeError(f"the chat parser process failed: {message[1]}")
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()

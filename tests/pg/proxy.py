"""A TCP forwarder on 127.0.0.1 whose cable can be pulled: the network between station and server.

`cut()` resets every open connection and refuses new ones (as a dead switch port would after
the station notices); `restore()` lets traffic through again. `rtt_ms` adds a round-trip delay
(half each way, order kept): 20 ms is a busy venue Wi-Fi. `set_rtt()` changes it on the fly.
`sent["up"]` / `sent["down"]` count the chunks read from station / server: the round trips a
station makes are the chunks it sends while it waits for each answer.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time


def via(url: str, proxy: CuttableProxy | int) -> str:
    """The same database reached through a proxy (a CuttableProxy, or its port)."""
    port = proxy if isinstance(proxy, int) else proxy.port
    host_port = url.split("@", 1)[1].split("/", 1)[0]
    return url.replace(host_port, f"127.0.0.1:{port}")


class CuttableProxy:
    def __init__(self, target_port: int, host: str = "127.0.0.1", *, rtt_ms: float = 0.0) -> None:
        self.rtt_ms = rtt_ms
        self._holding = False
        self.host = host
        self.target_port = target_port
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self.sent = {"up": 0, "down": 0}
        self.port = 0
        self._open_listener(0)

    def _open_listener(self, port: int) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, port))
        listener.listen(32)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if self._listener is not listener:  # cut while we were accepting
                client.close()
                return
            with self._lock:
                self._conns.append(client)  # a cut closes it even while it waits
            threading.Thread(target=self._join, args=(client,), daemon=True).start()

    def _join(self, client: socket.socket) -> None:
        while self._holding:  # a frozen server: the connection is accepted, nothing answers
            time.sleep(0.01)
        try:
            upstream = socket.create_connection((self.host, self.target_port), timeout=3)
        except OSError:
            client.close()
            return
        with self._lock:
            self._conns.append(upstream)
        for a, b, way in ((client, upstream, "up"), (upstream, client, "down")):
            threading.Thread(target=self._pump, args=(a, b, way), daemon=True).start()

    def set_rtt(self, rtt_ms: float) -> None:
        self.rtt_ms = rtt_ms

    def hold(self) -> None:
        """Keep every connection open and acknowledged but pass nothing on, and take new ones
        without answering them: a frozen server (SIGSTOP) or a hung middlebox (no reset, no
        timeout the kernel can see). `release()` lets it all through."""
        self._holding = True

    def release(self) -> None:
        self._holding = False

    def _pump(self, src: socket.socket, dst: socket.socket, way: str = "up") -> None:
        # Bytes wait half the round trip before they go on; a second thread sends them in order,
        # so a slow link delays every packet without reordering or throttling them.
        due: queue.Queue[tuple[float, bytes] | None] = queue.Queue()

        def send() -> None:
            try:
                while (item := due.get()) is not None:
                    at, data = item
                    if (wait := at - time.monotonic()) > 0:
                        time.sleep(wait)
                    while self._holding:
                        time.sleep(0.01)
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                for s in (src, dst):
                    with contextlib.suppress(OSError):
                        s.shutdown(socket.SHUT_RDWR)

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        try:
            while data := src.recv(65536):
                self.sent[way] += 1
                due.put((time.monotonic() + self.rtt_ms / 2000.0, data))
        except OSError:
            pass
        finally:
            due.put(None)

    def cut(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes accept() (Linux)
            self._listener.close()
            self._listener = None
        with self._lock:
            conns, self._conns = self._conns, []
        for s in conns:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)  # wakes the pump threads blocked in recv()
            with contextlib.suppress(OSError):
                s.close()

    def restore(self) -> None:
        if self._listener is None:
            self._open_listener(self.port)

    def close(self) -> None:
        self.cut()

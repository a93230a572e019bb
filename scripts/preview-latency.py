#!/usr/bin/env python3
"""Preview latency, end to end: from a report being written to the reload event reaching a browser.

Starts `audit-site serve` on a content folder, listens on its event stream as an open page does, then
makes edits of each kind (prose, a heading that moves lines, a status, a severity, a touch that
changes no byte) and times each from the write to the `reload` event. A touch must send no reload.

    scripts/preview-latency.py BINARY CONTENT_DIR [--rounds 5] [--port 8765]

Edits are made to a copy of the content folder, in a temporary folder. Prints one line per edit kind
with the median and worst time over the rounds.
"""
import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


class Events:
    """The server-sent events of the preview, read on a thread; `wait` returns the next event's time."""

    def __init__(self, port):
        self.events = []
        self.cond = threading.Condition()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("GET", "/__audit-site/events", headers={"Host": f"127.0.0.1:{port}", "Accept": "text/event-stream"})
        self.response = conn.getresponse()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        name = None
        while True:
            line = self.response.fp.readline()
            if not line:
                return
            line = line.decode("utf-8", "replace").rstrip("\r\n")
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line == "" and name:
                with self.cond:
                    self.events.append((time.monotonic(), name))
                    self.cond.notify_all()
                name = None

    def wait(self, since, timeout):
        """The first event after `since` (monotonic), or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for at, name in self.events:
                    if at >= since:
                        return at, name
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pick_report(content):
    """A report of the largest project that has a GAP table with a status word we can flip."""
    best = None
    for project in sorted(os.listdir(content)):
        folder = os.path.join(content, project)
        if not os.path.isdir(folder):
            continue
        reports = sorted(f for f in os.listdir(folder) if f.endswith(".md"))
        for name in reports[: len(reports) // 2]:
            text = open(os.path.join(folder, name), encoding="utf-8", errors="replace").read()
            if any(f"| {a} |" in text for pair in STATUSES for a in pair) and any(f"| {a} |" in text for pair in SEVERITIES for a in pair):
                if best is None or len(reports) > best[0]:
                    best = (len(reports), os.path.join(folder, name))
                break
    if best is None:
        sys.exit("no report with a GAP table found")
    return best[1]


def flip(text, pairs):
    for a, b in pairs:
        if f"| {a} |" in text:
            return text.replace(f"| {a} |", f"| {b} |", 1)
        if f"| {b} |" in text:
            return text.replace(f"| {b} |", f"| {a} |", 1)
    return text + "\n"


# Status and severity words as reports write them, with or without their badges.
STATUSES = [("❌ Ouvert", "✅ Corrigé"), ("❌ Open", "✅ Fixed"), ("Open", "Done"), ("Ouvert", "Corrigé")]
SEVERITIES = [("🟠 HAUTE", "🟡 MOYENNE"), ("🟠 HIGH", "🟡 MEDIUM"), ("High", "Medium"), ("Haute", "Moyenne")]

EDITS = {
    "prose": lambda text, n: text + f"\nOne more sentence ({n}).\n",
    "heading": lambda text, n: text.replace("\n\n", f"\n\n## Note {n}\n\nText.\n\n", 1),
    "status": lambda text, n: flip(text, STATUSES),
    "severity": lambda text, n: flip(text, SEVERITIES),
    "touch": None,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("content")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", help="keep the server's log (with AUDIT_SITE_PROFILE=1: step timings) in this file")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="audit-site-latency-")
    try:
        content = os.path.join(work, "content")
        shutil.copytree(args.content, content)
        output = os.path.join(work, "public")
        port = args.port or free_port()
        server = subprocess.Popen([os.path.abspath(args.binary), "serve", "--content", content, "--output", output,
                                   "--port", str(port)], cwd=work, stdout=subprocess.DEVNULL,
                                  stderr=open(args.log, "w") if args.log else subprocess.PIPE)
        try:
            for _ in range(600):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if server.poll() is not None:
                        sys.exit("serve stopped" + (": " + server.stderr.read().decode(errors="replace") if server.stderr else ""))
                    time.sleep(0.5)
            events = Events(port)
            time.sleep(1.0)
            report = pick_report(content)
            print(f"editing {os.path.relpath(report, content)}")
            results = {}
            for kind, edit in EDITS.items():
                times = []
                for n in range(args.rounds):
                    text = open(report, encoding="utf-8").read()
                    start = time.monotonic()
                    if edit is None:
                        os.utime(report)
                    else:
                        with open(report, "w", encoding="utf-8") as f:
                            f.write(edit(text, n))
                    got = events.wait(start, 1.5 if edit is None else 30)
                    if edit is None:
                        times.append(None if got is None else (got[0] - start) * 1000)
                    elif got is None or got[1] != "reload":
                        sys.exit(f"{kind}: no reload event ({got})")
                    else:
                        times.append((got[0] - start) * 1000)
                    time.sleep(1.5)  # let the exports written after the reload finish, as between two saves
                results[kind] = times
            for kind, times in results.items():
                if kind == "touch":
                    sent = [t for t in times if t is not None]
                    print(f"{kind:9} {'no reload' if not sent else f'{len(sent)} reload(s) sent!'} ({len(times)} touches)")
                else:
                    print(f"{kind:9} median {statistics.median(times):6.1f} ms   worst {max(times):6.1f} ms   ({len(times)} edits)")
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

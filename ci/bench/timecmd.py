#!/usr/bin/env python3
"""Times commands side by side: runs each of them RUNS times, alternating, and prints one JSON
object per command with the median wall time and the peak resident memory of its process tree.

    timecmd.py RUNS NAME=COMMAND [NAME=COMMAND ...]

Commands run through /bin/sh with output discarded; alternating the tools spreads any drift of
the machine over both. Peak memory comes from wait4's ru_maxrss (the largest process).
"""
import json
import os
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    process = subprocess.Popen(["/bin/sh", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def main():
    runs = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    samples = {name: [] for name, _ in commands}
    peaks = {name: 0 for name, _ in commands}
    codes = {name: set() for name, _ in commands}
    for name, command in commands:  # warm the page cache once, untimed
        run(command)
    for _ in range(runs):
        for name, command in commands:
            elapsed, rss, code = run(command)
            samples[name].append(elapsed)
            peaks[name] = max(peaks[name], rss)
            codes[name].add(code)
    for name, _ in commands:
        print(json.dumps({"name": name, "median": statistics.median(samples[name]),
                          "min": min(samples[name]), "peak_kib": peaks[name], "exit": sorted(codes[name])}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs a command and prints its wall time and peak memory (the largest resident set of it
and every process under it), for `make bench-scale`'s build figures. Standard library only.

    python3 tools/peak.py LABEL COMMAND [ARG ...]
"""
import resource
import subprocess
import sys
import time

label, command = sys.argv[1], sys.argv[2:]
start = time.monotonic()
status = subprocess.run(command).returncode
elapsed = time.monotonic() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{label}: {elapsed:.1f} s, peak memory {peak_kb / 1024:.0f} MB")
sys.exit(status)

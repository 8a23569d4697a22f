#!/usr/bin/env python3
"""The 1M rows of issue #31: `check`, `export json` and `export dot` on the
100k and 1M generated KBs, every size and build alternating, round after
round. Prints, per command and build: wall and CPU time (best, median),
peak RSS in KiB, and the growth exponent log10(CPU at 1M / CPU at 100k)
(1.0 is linear; the goal is at most 1.05), from the medians and from the
best runs (a busy spell only adds time, so the best runs are the least
disturbed; the 100k runs, a tenth of a second, carry most of the noise),
and the same exponent of user time alone (the program's own work,
without the kernel's zeroing of fresh pages and copying into the page
cache, which vary most from one spell to the next on a shared host).

    cargo build --release --bin argkb --example synth
    python3 benches/growth.py [--base OLD_ARGKB] [--rounds 5] [--dir DIR]

The KBs are generated into DIR (default target/growth) when missing. Times
come from os.wait4, to the microsecond; the machine should be otherwise
idle, and the spread between spells stated beside any figure quoted.

Each export writes a new file: the previous run's output is removed first,
untimed. Replacing a file of 600 MB costs the filesystem more than writing
it (ext4 writes back the new file's blocks when a rename replaces a file,
and frees the old one's: 0.35 s here), which is not the exporter's work;
--over-existing times the export written over the previous output instead.
"""

import argparse
import math
import os
import statistics
import subprocess
import time

COMMANDS = {
    "check": ["check"],
    # Written to a file in DIR, as a user's export is.
    "export json": ["export", "--format", "json", "-o", "{dir}/out.json"],
    "export dot": ["export", "--format", "dot", "-o", "{dir}/out.dot"],
}
SIZES = (100_000, 1_000_000)


def run(binary, kb, args):
    """Wall seconds, CPU seconds, peak RSS (KiB) and user seconds of one run."""
    start = time.perf_counter()
    p = subprocess.Popen([binary, "--kb", kb] + args,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        raise SystemExit(f"growth.py: {binary} {' '.join(args)} on {kb} failed ({status})")
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, usage.ru_utime


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(root, "target/release/argkb"))
    ap.add_argument("--base", help="an older argkb, run alternately with --bin")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--dir", default=os.path.join(root, "target/growth"))
    ap.add_argument("--over-existing", action="store_true",
                    help="write each export over the previous run's output")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    synth = os.path.join(root, "target/release/examples/synth")
    for needed in (a.bin, a.base, synth):
        if needed and not os.access(needed, os.X_OK):
            raise SystemExit(f"growth.py: {needed} is missing; run "
                             "`cargo build --release --bin argkb --example synth` first")
    kbs = {}
    for n in SIZES:
        kbs[n] = os.path.join(a.dir, f"kb{n}.ron")
        if not os.path.exists(kbs[n]):
            with open(kbs[n], "w") as f:
                subprocess.run([synth, str(n)], stdout=f, check=True)
    builds = [("argkb", a.bin)] + ([("base", a.base)] if a.base else [])
    times = {}
    for r in range(a.rounds):
        for name, args in COMMANDS.items():
            argv = [x.replace("{dir}", a.dir) for x in args]
            for n in SIZES:
                # Untimed first: the run after a 1M one finds the machine
                # still taking back a gigabyte, and the first of a group
                # paid for it every round.
                run(builds[0][1], kbs[n], argv)
                # Builds in turn, and in the other order every other round.
                for label, binary in builds[::-1] if r % 2 else builds:
                    if not a.over_existing:
                        for x in argv:
                            if x.startswith(a.dir) and os.path.exists(x):
                                os.remove(x)
                    times.setdefault((name, label, n), []).append(run(binary, kbs[n], argv))
    med = statistics.median
    print(f"{'command':12} {'build':6} {'1M wall best/med':>17} {'1M cpu best/med':>16} "
          f"{'1M peak KiB':>12} {'100k cpu best/med':>17} {'exponent best/med':>17} "
          f"{'user exp best/med':>17}")
    for name in COMMANDS:
        for label, _ in builds:
            small = times[(name, label, SIZES[0])]
            big = times[(name, label, SIZES[1])]
            cpu_small, cpu_big = med(t[1] for t in small), med(t[1] for t in big)
            best_small, best_big = min(t[1] for t in small), min(t[1] for t in big)
            print(f"{name:12} {label:6} "
                  f"{min(t[0] for t in big):8.2f}/{med(t[0] for t in big):<8.2f} "
                  f"{min(t[1] for t in big):7.2f}/{cpu_big:<8.2f} "
                  f"{max(t[2] for t in big):12} {best_small:8.3f}/{cpu_small:<8.3f} "
                  f"{math.log10(best_big / best_small):8.3f}/{math.log10(cpu_big / cpu_small):<8.3f} "
                  f"{math.log10(min(t[3] for t in big) / min(t[3] for t in small)):8.3f}/"
                  f"{math.log10(med(t[3] for t in big) / med(t[3] for t in small)):<8.3f}")
    print(f"Medians of {a.rounds} rounds; every size and build alternating, an untimed run "
          "before each size; the user exponent leaves out the kernel's time (page zeroing, "
          "the page cache), which varies most between spells; exports "
          + ("written over the previous output." if a.over_existing else "written to a new file."))


if __name__ == "__main__":
    main()

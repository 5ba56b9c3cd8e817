#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check_params: README.md's kernel command-line table against the kernel.

    check_params.py REPO

Registered options are read from the source (every kernel_param("NAME", ...)
under kernel/), and so are the values of the options that take a fixed set
of names: bench= (each benchmark file's name[]), crash= (arch_crash's table
and the generic ones in core/crash*.c), selftest= (list, help, all and every
suite). Fails, naming what is missing, when the table lacks an option or a
value, or lists an option nothing registers.
"""
import os
import re
import sys


def sources(root):
    for d, _, files in os.walk(os.path.join(root, "kernel")):
        for f in files:
            if f.endswith(".c"):
                p = os.path.join(d, f)
                yield p, open(p, errors="replace").read()


def main(argv):
    root = argv[1]
    registered, values = set(), {"bench": set(), "crash": set(), "selftest": {"all", "list", "help"}}
    for path, text in sources(root):
        names = re.findall(r'^kernel_param\("([a-z_0-9]+)"', text, re.M)
        registered.update(names)
        if "bench" in names:
            values["bench"].update(re.findall(r'static const char name\[\] = "([a-z_0-9]+)"', text))
        if re.search(r"crash\w*\.c$", path):
            values["crash"].update(re.findall(r'\{ "([a-z]+)", crash_[a-z_]+ \}', text))
            values["crash"].update(re.findall(r'strcmp\((?:crash_)?what, "([a-z_]+)"\)', text))
        m = re.search(r'static (?:const )?struct ktest_suite \w+ = \{\s*\.name = "([a-z_0-9]+)"', text)
        if m:
            values["selftest"].add(m.group(1))
    readme = open(os.path.join(root, "README.md")).read()
    m = re.search(r"^## Kernel command line\n(.*?)(?=^## )", readme, re.M | re.S)
    if not m:
        print("check_params: README.md has no '## Kernel command line' section")
        return 1
    rows = [l for l in m.group(1).splitlines() if l.startswith("| `")]
    first = " ".join(re.split(r"(?<!\\)\|", l)[1] for l in rows)
    whole = m.group(1)
    listed = {re.match(r"[a-z_0-9]+", t).group(0) for t in re.findall(r"`([^`]+)`", first)}
    errors = []
    for name in sorted(registered - listed):
        errors.append(f"option {name}= is registered (kernel_param) but not in README's table")
    for name in sorted(listed - registered):
        errors.append(f"README's table lists {name}, which no kernel_param registers")
    for opt, vals in values.items():
        for v in sorted(vals):
            if f"`{opt}={v}`" not in whole and not re.search(rf"`{opt}=[^`]*\b{v}\b[^`]*`", whole):
                errors.append(f"README's table does not name {opt}={v}")
    for e in errors:
        print("check_params:", e)
    if not errors:
        print(f"ok: {len(registered)} options, "
              + ", ".join(f"{len(v)} {k}= values" for k, v in values.items()))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

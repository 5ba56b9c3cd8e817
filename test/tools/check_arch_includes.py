#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check_arch_includes: generic code reaches the arch only through the hook
headers that kernel/include/kernel/arch.h lists.

    check_arch_includes.py REPO

1. No file under kernel/{mm,lib,core,init,drivers} includes an <asm/...>
   header or a path into kernel/arch/.
2. A header under kernel/include that includes <asm/...> is a hook header.
3. A function or variable defined in kernel/arch/ (self-tests aside) and
   declared in a header under kernel/include is declared in a hook header.
4. Every hook header arch.h lists exists.
The list is the "Hook headers:" block of arch.h's opening comment.
"""
import glob
import os
import re
import sys

GENERIC = ("mm", "lib", "core", "init", "drivers")


def strip_comments(s):
    return re.sub(r"/\*.*?\*/|//[^\n]*", " ", s, flags=re.S)


def main(argv):
    root = argv[1]
    k = os.path.join(root, "kernel")
    arch_h = open(os.path.join(k, "include/kernel/arch.h")).read()
    m = re.search(r"Hook headers[^\n]*\n((?: \*[^\n]*\n)+?) \*/", arch_h)
    if not m:
        print("check_arch_includes: arch.h has no 'Hook headers:' block")
        return 1
    hooks = set(re.findall(r"<([a-z_/]+\.h)>", m.group(1))) | {"kernel/arch.h"}
    errors = []
    for h in sorted(hooks):
        if not os.path.exists(os.path.join(k, "include", h)):
            errors.append(f"arch.h lists <{h}>, which does not exist")
    for d in GENERIC:
        for f in glob.glob(os.path.join(k, d, "**/*.[ch]"), recursive=True):
            for inc in re.findall(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', open(f).read(), re.M):
                if inc.startswith("asm/") or "arch/" in inc:
                    errors.append(f"{os.path.relpath(f, root)} includes {inc}: use a hook header")
    arch_defs = set()
    for f in glob.glob(os.path.join(k, "arch/*/*.c")):
        if f.endswith("_test.c") or "/tests/" in f:
            continue
        s = strip_comments(open(f).read())
        arch_defs.update(re.findall(r"^(?!static)[A-Za-z_][\w \t\*]*?\b([a-z_]\w*)\s*\([^;{)]*\)\s*\{", s, re.M))
        arch_defs.update(re.findall(r"^(?!static|extern)[A-Za-z_][\w \t\*]*?\b([a-z_]\w*)\s*(?:\[[^\]]*\])?\s*(?:=[^;]*)?;", s, re.M))
    for h in glob.glob(os.path.join(k, "include/**/*.h"), recursive=True):
        rel = os.path.relpath(h, os.path.join(k, "include"))
        s = strip_comments(open(h).read())
        if rel not in hooks and re.search(r"^\s*#\s*include\s*<asm/", s, re.M):
            errors.append(f"<{rel}> includes an <asm/...> header but is not a hook header in arch.h")
        if rel in hooks:
            continue
        # Top-level declarations only (a type first, at the start of a line),
        # not calls inside inline functions.
        declared = set(re.findall(r"^(?!return\b)[A-Za-z_][\w \t\*]*?\b([a-z_]\w*)\s*\([^;{()]*(?:\([^()]*\)[^;{()]*)*\)\s*;", s, re.M))
        declared |= set(re.findall(r"^extern\s[^;(]*?\b([a-z_]\w*)\s*(?:\[[^\]]*\])?\s*;", s, re.M))
        for name in sorted(declared & arch_defs):
            errors.append(f"<{rel}> declares {name}, defined in kernel/arch: make it a hook header (arch.h) or move it")
    for e in errors:
        print("check_arch_includes:", e)
    if not errors:
        print(f"ok: generic code reaches the arch through {len(hooks)} hook headers: "
              + " ".join(sorted(hooks)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

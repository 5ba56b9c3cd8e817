#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check_include_cycles: files that depend on each other through headers.

    check_include_cycles.py [--allow FILE] [--acyclic DIR]... ROOT OBJDIR:SRCDIR...

Each OBJDIR holds the objects CMake built from the sources under SRCDIR
(relative to ROOT), as OBJDIR/<path>.c.o for SRCDIR/<path>.c. File A
depends on file B when A's object calls a function B's object defines and
a header A includes (directly or through other headers) declares it; what
A uses through no header (linker symbols, assembly) does not count, nor
do variables (see DEF_TYPES).

Fails, naming the files and the symbols, on:
 - a header that includes itself through other headers;
 - two files that depend on each other (A uses B's header and B uses A's),
   unless the pair is in the --allow file with a reason;
 - any cycle, of any length, among the files under an --acyclic DIR.
Allowed pairs no longer mutual are listed as a note, so the file can shrink.
Files under a directory named tests/ are skipped: they are the users.
"""
import collections
import os
import re
import subprocess
import sys

INCLUDE_DIRS = ["kernel/include", "kernel/arch/amd64/include"]
# Functions only: a variable a header's macros read everywhere (__va's
# page_offset_base, NODE_DATA's node_data, per_cpu_ptr's offsets) is global
# state, not a dependency on whichever file happens to define it.
DEF_TYPES = set("TW")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


class Tree:
    def __init__(self, root):
        self.root = root
        self.inc_cache = {}
        self.words_cache = {}

    def resolve(self, name, cur):
        cand = [os.path.join(os.path.dirname(cur), name)]
        cand += [os.path.join(d, name) for d in INCLUDE_DIRS]
        for c in cand:
            c = os.path.normpath(c)
            if os.path.isfile(os.path.join(self.root, c)):
                return c
        return None  # a system or gnu-efi header: not ours

    def direct_includes(self, path):
        if path not in self.inc_cache:
            text = open(os.path.join(self.root, path), errors="replace").read()
            names = re.findall(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', text, re.M)
            self.inc_cache[path] = [h for h in (self.resolve(n, path) for n in names) if h]
        return self.inc_cache[path]

    def all_includes(self, path):
        seen, todo = [], list(self.direct_includes(path))
        while todo:
            h = todo.pop()
            if h not in seen:
                seen.append(h)
                todo += self.direct_includes(h)
        return seen

    def words(self, path):
        if path not in self.words_cache:
            text = open(os.path.join(self.root, path), errors="replace").read()
            self.words_cache[path] = set(re.findall(r"\b\w+\b", strip_comments(text)))
        return self.words_cache[path]


def nm(obj):
    out = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in DEF_TYPES:
            defined.add(f[2])
        elif len(f) == 2 and f[0] == "U":
            used.add(f[1])
    return defined, used


def scc(graph):
    """Tarjan's strongly connected components with more than one node."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(20000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def read_allow(path):
    allow = {}
    if not path:
        return allow
    for n, line in enumerate(open(path), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"(\S+)\s+(\S+)\s+#\s*(\S.*)", line)
        if not m:
            sys.exit(f"{path}:{n}: want 'FILE FILE # why', got: {line}")
        allow[frozenset((m.group(1), m.group(2)))] = m.group(3)
    return allow


def main(argv):
    allow_file, acyclic, rest = None, [], []
    it = iter(argv[1:])
    for a in it:
        if a == "--allow":
            allow_file = next(it)
        elif a == "--acyclic":
            acyclic.append(next(it).rstrip("/") + "/")
        else:
            rest.append(a)
    if len(rest) < 2:
        sys.exit(__doc__)
    root, pairs = rest[0], rest[1:]
    tree = Tree(root)

    defs, uses = collections.defaultdict(set), {}
    for pair in pairs:
        objdir, srcdir = pair.split(":", 1)
        for d, _, files in os.walk(objdir):
            for f in files:
                if not f.endswith(".c.o"):
                    continue
                rel = os.path.relpath(os.path.join(d, f[:-2]), objdir)
                src = os.path.normpath(os.path.join(srcdir, rel))
                if rel.startswith("..") or "/tests/" in "/" + src:
                    continue  # another directory's file built here, or a test
                if not os.path.isfile(os.path.join(root, src)):
                    continue
                defined, used = nm(os.path.join(d, f))
                uses[src] = used
                for s in defined:
                    defs[s].add(src)
    if not uses:
        sys.exit("check_include_cycles: no objects found (is the tree built?)")

    graph, why = {}, collections.defaultdict(list)
    for src, used in uses.items():
        declared = set()
        for h in tree.all_includes(src):
            declared |= tree.words(h)
        graph[src] = set()
        for s in used & declared:
            for other in defs.get(s, ()):
                if other != src and other in uses:
                    graph[src].add(other)
                    why[(src, other)].append(s)

    bad = 0
    headers = {h for src in uses for h in tree.all_includes(src)}
    for h in sorted(headers):
        if h in tree.all_includes(h):
            print(f"include cycle: {h} includes itself through other headers")
            bad += 1

    allow = read_allow(allow_file)
    seen = set()
    for a in sorted(graph):
        for b in sorted(graph[a]):
            if a < b and a in graph[b]:
                key = frozenset((a, b))
                seen.add(key)
                if key in allow:
                    continue
                print(f"mutual dependency: {a} uses {', '.join(sorted(why[(a, b)]))} of {b};"
                      f" {b} uses {', '.join(sorted(why[(b, a)]))} of {a}")
                bad += 1
    for key in sorted(allow, key=sorted):
        if key not in seen:
            print(f"note: allowed pair {' '.join(sorted(key))} no longer depend on each other")

    for comp in scc(graph):
        for d in acyclic:
            inside = [f for f in comp if f.startswith(d)]
            if len(inside) > 1:
                sub = {f: graph[f] & set(inside) for f in inside}
                for c in scc(sub):
                    print(f"cycle under {d}: {', '.join(c)}")
                    bad += 1
    n_edges = sum(len(v) for v in graph.values())
    print(f"check_include_cycles: {len(graph)} files, {n_edges} dependencies,"
          f" {len(allow)} allowed pairs, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

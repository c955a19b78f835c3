#!/usr/bin/env python3
"""checkstyle.py: the walls of the architecture and the style rules a compiler does not
check, over bootstrap/ and platform/ (curl's checksrc is the model). Each finding is one
line `file:line: rule: what`; exit 1 when there is any. Rules:
  banned      sprintf, vsprintf, strcpy, strcat, strncat, strtok, gets (use the bounded helpers)
  raw-os      rename, unlink, remove, open, fopen, stat, lstat, fstat, pthread_create outside
              platform/ (the platform layer has the right call for every OS)
  prints      printf, puts, putchar, stdout/stderr, exit in ops/ act/ decide/ probe/ core/
              (the core emits events and returns errors; the front-end prints and exits)
  signal      a signal handler installed anywhere but main.c (one handler, one cancel flag)
  cli-include #include "cli/..." outside cli/ and main.c
  layers      an include that points up: cli -> ops -> decide/act -> probe -> core ->
              platform (decide does no I/O, so it includes nothing from act/; platform
              takes only core/error.h, the one error convention)
  cycle       modules (a .c with its .h) that include each other, directly or around a loop
  long-fn     a function body over 80 lines, unless tests/tools/checkstyle-allow.txt names
              it with a reason
  py          a script in assets/py/ that does not compile
"""
import os
import re
import sys

# The tree to check: this checkout, or CHECKSTYLE_TOP (the self-test's planted copy).
TOP = os.environ.get("CHECKSTYLE_TOP") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
MAX_FN_LINES = 80
RANK = {"platform": 0, "core": 1, "probe": 2, "decide": 3, "act": 3, "ops": 4, "cli": 5}
CORE_DIRS = ("ops", "act", "decide", "probe", "core")

BANNED = re.compile(r"(?<![\w.>])(sprintf|vsprintf|strcpy|strcat|strncat|strtok|gets)\s*\(")
RAW_OS = re.compile(r"(?<![\w.>])(rename|unlink|remove|open|fopen|stat|lstat|fstat|"
                    r"pthread_create)\s*\(")
PRINTS = re.compile(r"(?<![\w.>])(printf|puts|putchar|exit|_exit|abort)\s*\(|\b(stdout|stderr)\b")
SIGNAL = re.compile(r"(?<![\w.>])(plat_on_interrupt|sigaction|signal|SetConsoleCtrlHandler)\s*\(")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')

findings = []


def say(path, line, rule, what):
    findings.append(f"{os.path.relpath(path, TOP)}:{line}: {rule}: {what}")


def sources():
    for base in ("bootstrap", "platform"):
        for dirpath, _, files in os.walk(os.path.join(TOP, base)):
            for f in sorted(files):
                if f.endswith((".c", ".h")):
                    yield os.path.join(dirpath, f)


def code_lines(text):
    """Each line with comments and string literals blanked, so rules see only code."""
    out, in_comment = [], False
    for line in text.split("\n"):
        res, i = [], 0
        while i < len(line):
            if in_comment:
                end = line.find("*/", i)
                if end < 0:
                    i = len(line)
                    continue
                in_comment, i = False, end + 2
                continue
            if line.startswith("/*", i):
                in_comment, i = True, i + 2
                continue
            if line.startswith("//", i):
                break
            c = line[i]
            if c in "\"'":
                j = i + 1
                while j < len(line) and line[j] != c:
                    j += 2 if line[j] == "\\" else 1
                res.append(c + " " * max(0, j - i - 1) + c)
                i = j + 1
                continue
            res.append(c)
            i += 1
        out.append("".join(res))
    return out


def layer_of(rel):
    parts = rel.split("/")
    if parts[0] == "platform":
        return "platform"
    if parts[0] == "bootstrap" and len(parts) > 2:
        return parts[1]
    return "main" if rel == "bootstrap/main.c" else None


def module_of(rel):
    """bootstrap/act/fetch.c and bootstrap/act/fetch.h are one module."""
    return os.path.splitext(rel)[0]


def load_allow():
    allow = {}
    path = os.path.join(TOP, "tests", "tools", "checkstyle-allow.txt")
    if os.path.exists(path):
        for n, line in enumerate(open(path), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, _, why = line.partition(" ")
            if not why.strip():
                say(path, n, "allow", f"{key} has no reason")
            allow[key] = why.strip()
    return allow


def long_functions(path, rel, lines, allow, used):
    """Functions in the project's brace style: a column-0 '{' after the signature, a
    column-0 '}' at the end."""
    start = name = None
    for n, line in enumerate(lines, 1):
        if line == "{" and n >= 2:
            sig = " ".join(lines[max(0, n - 4):n - 1])
            m = re.search(r"(\w+)\s*\([^;{}]*\)\s*$", sig)
            if m:
                start, name = n, m.group(1)
        elif line.startswith("}") and start is not None:
            body = n - start - 1
            key = f"{rel}:{name}"
            if body > MAX_FN_LINES:
                if key in allow:
                    used.add(key)
                else:
                    say(path, start, "long-fn", f"{name} is {body} lines (at most {MAX_FN_LINES})")
            start = None


def main():
    allow, used = load_allow(), set()
    graph = {}
    for path in sources():
        rel = os.path.relpath(path, TOP).replace(os.sep, "/")
        text = open(path, encoding="utf-8").read()
        raw = text.split("\n")
        code = code_lines(text)
        layer = layer_of(rel)
        mod = module_of(rel)
        graph.setdefault(mod, set())
        for n, (line, src) in enumerate(zip(code, raw), 1):
            if m := BANNED.search(line):
                say(path, n, "banned", f"{m.group(1)}()")
            if layer != "platform" and (m := RAW_OS.search(line)):
                say(path, n, "raw-os", f"{m.group(1)}() outside platform/")
            if layer in CORE_DIRS and (m := PRINTS.search(line)):
                say(path, n, "prints", f"{m.group(1) or m.group(2)} in {layer}/")
            if rel != "bootstrap/main.c" and layer != "platform" and (m := SIGNAL.search(line)):
                say(path, n, "signal", f"{m.group(1)}() outside main.c")
            inc = INCLUDE.match(src)
            if not inc:
                continue
            target = inc.group(1)
            if target.startswith("cli/") and layer not in ("cli", "main"):
                say(path, n, "cli-include", target)
            tl = target.split("/")[0]
            if target.startswith("platform/"):
                tl = "platform"
            # The platform returns the core's error codes: core/error.h is the one thing it
            # may include from above.
            if layer == "platform" and tl == "core" and target != "core/error.h":
                say(path, n, "layers", f"platform/ includes {target} (only core/error.h)")
            elif layer in RANK and tl in RANK and layer != "platform":
                if RANK[tl] > RANK[layer] or (layer == "decide" and tl == "act"):
                    say(path, n, "layers", f"{layer}/ includes {target}")
            tmod = ("bootstrap/" + os.path.splitext(target)[0]) if not target.startswith(
                "platform/") else os.path.splitext(target)[0]
            if tmod != mod and os.path.exists(os.path.join(TOP, tmod + ".h")):
                graph[mod].add(tmod)
        long_functions(path, rel, raw, allow, used)
    # Cycles between modules (Tarjan's strongly connected components).
    index, low, stack, on, sccs = {}, {}, [], set(), []

    def strong(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
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
                sccs.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            strong(v)
    for comp in sccs:
        say(os.path.join(TOP, comp[0]) + ".h", 1, "cycle", " <-> ".join(comp))
    for key in sorted(set(allow) - used):
        say(os.path.join(TOP, "tests/tools/checkstyle-allow.txt"), 1, "allow",
            f"{key} is allowed but no longer long: drop it")
    for dirpath, _, files in os.walk(os.path.join(TOP, "assets", "py")):
        for f in sorted(files):
            if f.endswith(".py"):
                path = os.path.join(dirpath, f)
                try:
                    compile(open(path, encoding="utf-8").read(), path, "exec")
                except SyntaxError as e:
                    say(path, e.lineno or 1, "py", e.msg)
    for line in findings:
        print(line)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

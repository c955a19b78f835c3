# python_probe.py: what a Python is (version, implementation, architecture, whether venv and
# ensurepip are there), one key=value a line. Written for Python 2 as well, so an old
# `python` answers instead of failing to parse. It looks venv and ensurepip up without
# importing them (importing compiles a dozen modules when there is no bytecode cache):
# Debian's python3.X without python3.X-venv has no ensurepip at all, which is exactly what
# must be caught. The architecture comes from os.uname(), already loaded, with platform only
# as the fallback (Windows).
import sys, os
print('version=%d.%d.%d' % tuple(sys.version_info[:3]))
try:
    print('impl=' + sys.implementation.name)
except Exception:
    print('impl=unknown')
try:
    print('arch=' + os.uname()[4])
except Exception:
    try:
        import platform
        print('arch=' + platform.machine())
    except Exception:
        pass
try:
    from importlib.util import find_spec
    ok = find_spec('venv') is not None and find_spec('ensurepip') is not None
    print('venv=%d' % ok)
except Exception:
    print('venv=0')

# venv_probe.py: a venv's Python minor version and whether it has pip ("3.11 1").
import sys, importlib.util as u
print('%d.%d' % sys.version_info[:2], int(u.find_spec('pip') is not None))

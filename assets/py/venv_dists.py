# venv_dists.py: what a venv holds, as JSON (name -> version), for the prefetch to skip
# the wheels already installed. Run by the venv's Python with -I.
import importlib.metadata as m, json, re
print(json.dumps({re.sub(r'[-_.]+', '-', d.metadata['Name']).lower(): d.version
                  for d in m.distributions() if d.metadata['Name']}))

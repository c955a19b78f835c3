# uv_lock_walk.py: InvokeAI's uv.lock walked for one platform: the wheels its markers and
# tags select for the planned extras and torch build, as JSON. Uses tomllib and pip's vendored
# packaging, so any Python 3.11 with pip can run it. Exit 3 with a reason when the lock
# cannot serve the plan.
import json, sys, tomllib
from urllib.parse import unquote
from pip._vendor.packaging.markers import Marker, default_environment
from pip._vendor.packaging.specifiers import SpecifierSet
from pip._vendor.packaging.tags import compatible_tags, cpython_tags, sys_tags
from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename
def fail(why):
    print('uv.lock: ' + why, file=sys.stderr)
    sys.exit(3)
path, root, extras, registries, platform = sys.argv[1:6]
extras = [e for e in extras.split(',') if e]
registries = {r.rstrip('/') for r in registries.split(',') if r}
PLATFORMS = {
    'linux-x86_64': ({'sys_platform': 'linux', 'platform_system': 'Linux',
                      'platform_machine': 'x86_64', 'os_name': 'posix'},
                     ['manylinux_2_%d_x86_64' % v for v in range(28, 16, -1)]
                     + ['manylinux2014_x86_64', 'linux_x86_64']),
    'linux-aarch64': ({'sys_platform': 'linux', 'platform_system': 'Linux',
                       'platform_machine': 'aarch64', 'os_name': 'posix'},
                      ['manylinux_2_%d_aarch64' % v for v in range(28, 16, -1)]
                      + ['manylinux2014_aarch64', 'linux_aarch64']),
    'windows-x86_64': ({'sys_platform': 'win32', 'platform_system': 'Windows',
                        'platform_machine': 'AMD64', 'os_name': 'nt'}, ['win_amd64']),
    'macos-arm64': ({'sys_platform': 'darwin', 'platform_system': 'Darwin',
                     'platform_machine': 'arm64', 'os_name': 'posix'},
                    ['macosx_%d_0_arm64' % v for v in range(14, 10, -1)]),
}
env = default_environment()
if platform:
    if platform not in PLATFORMS:
        fail('no platform ' + platform)
    keys, plats = PLATFORMS[platform]
    env.update(keys)
    v = sys.version_info[:2]
    tags = list(cpython_tags(v, platforms=plats)) + list(compatible_tags(v, platforms=plats))
else:
    tags = list(sys_tags())
rank = {t: i for i, t in enumerate(tags)}
try:
    with open(path, 'rb') as f:
        lock = tomllib.load(f)
except (OSError, tomllib.TOMLDecodeError) as e:
    fail('cannot read it: %s' % e)
if lock.get('version') != 1:
    fail('lock format version %r, not 1' % lock.get('version'))
rp = lock.get('requires-python')
if rp and env['python_full_version'] not in SpecifierSet(rp):
    fail('it is for Python %s, not %s' % (rp, env['python_full_version']))
root = canonicalize_name(root)
conflicting = {c.get('extra') for group in lock.get('conflicts', []) for c in group
               if canonicalize_name(c.get('package', '')) == root}
active = [e for e in extras if e in conflicting]
if len(active) > 1:
    fail('extras %s exclude each other' % ', '.join(active))
env['extra'] = 'extra-%d-%s-%s' % (len(root), root, active[0]) if active else ''
by_name = {}
for p in lock.get('package', []):
    by_name.setdefault(canonicalize_name(p['name']), []).append(p)
if root not in by_name:
    fail('no project ' + root)
def entry(dep):
    c = by_name.get(canonicalize_name(dep['name']), [])
    if 'version' in dep:
        c = [p for p in c if p['version'] == dep['version']]
    if 'source' in dep:
        c = [p for p in c if p.get('source') == dep['source']]
    if len(c) != 1:
        fail('%s: %d packages match %s' % (dep['name'], len(c), json.dumps(dep)))
    return c[0]
chosen, seen, todo = {}, set(), [(by_name[root][0], tuple(extras))]
while todo:
    pkg, want = todo.pop()
    key = (id(pkg), want)
    if key in seen:
        continue
    seen.add(key)
    deps = list(pkg.get('dependencies', []))
    for e in want:
        deps += pkg.get('optional-dependencies', {}).get(e, [])
    for dep in deps:
        if 'marker' in dep and not Marker(dep['marker']).evaluate(env):
            continue
        child = entry(dep)
        name = canonicalize_name(child['name'])
        if chosen.get(name, child) is not child:
            fail('%s %s and %s both apply' % (name, chosen[name]['version'], child['version']))
        chosen[name] = child
        todo.append((child, tuple(dep.get('extra', []))))
files = []
for name, pkg in sorted(chosen.items()):
    if name == root:
        continue
    reg = pkg.get('source', {}).get('registry')
    if reg is None or reg.rstrip('/') not in registries:
        fail('%s %s comes from %s, an index this install does not use'
             % (name, pkg['version'], reg or json.dumps(pkg.get('source'))))
    best = None
    for w in pkg.get('wheels', []):
        fn = unquote(w['url'].split('#')[0].rsplit('/', 1)[-1])
        try:
            r = min(rank.get(t, len(rank)) for t in parse_wheel_filename(fn)[3])
        except Exception:
            continue
        if r < len(rank) and (best is None or r < best[0]):
            best = (r, fn, w)
    if best is None:
        fail('%s %s has no wheel for this platform' % (name, pkg['version']))
    _, fn, w = best
    h = w.get('hash', '')
    files.append({'name': name, 'version': pkg['version'], 'filename': fn,
                  'url': w['url'], 'size': w.get('size', 0),
                  'sha256': h[7:] if h.startswith('sha256:') else ''})
print(json.dumps({'version': 1, 'source': 'uv.lock', 'key': '', 'files': files}))

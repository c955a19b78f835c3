/*
 * uv_lock.c: the lock reader. The script prints the resolution's JSON form, or one line
 * "uv.lock: <why>" on stderr and exits 3 when the lock cannot serve the plan.
 */
#include "act/uv_lock.h"
#include "act/venv.h"
#include "core/strutil.h"

#include <stdlib.h>
#include <string.h>

/* Kept to the standard library and pip's vendored packaging (in every pip since 20). */
static const char LOCK_SCRIPT[] =
    "import json, sys, tomllib\n"
    "from urllib.parse import unquote\n"
    "from pip._vendor.packaging.markers import Marker, default_environment\n"
    "from pip._vendor.packaging.specifiers import SpecifierSet\n"
    "from pip._vendor.packaging.tags import compatible_tags, cpython_tags, sys_tags\n"
    "from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename\n"
    "def fail(why):\n"
    "    print('uv.lock: ' + why, file=sys.stderr)\n"
    "    sys.exit(3)\n"
    "path, root, extras, registries, platform = sys.argv[1:6]\n"
    "extras = [e for e in extras.split(',') if e]\n"
    "registries = {r.rstrip('/') for r in registries.split(',') if r}\n"
    "PLATFORMS = {\n"
    "    'linux-x86_64': ({'sys_platform': 'linux', 'platform_system': 'Linux',\n"
    "                      'platform_machine': 'x86_64', 'os_name': 'posix'},\n"
    "                     ['manylinux_2_%d_x86_64' % v for v in range(28, 16, -1)]\n"
    "                     + ['manylinux2014_x86_64', 'linux_x86_64']),\n"
    "    'linux-aarch64': ({'sys_platform': 'linux', 'platform_system': 'Linux',\n"
    "                       'platform_machine': 'aarch64', 'os_name': 'posix'},\n"
    "                      ['manylinux_2_%d_aarch64' % v for v in range(28, 16, -1)]\n"
    "                      + ['manylinux2014_aarch64', 'linux_aarch64']),\n"
    "    'windows-x86_64': ({'sys_platform': 'win32', 'platform_system': 'Windows',\n"
    "                        'platform_machine': 'AMD64', 'os_name': 'nt'}, ['win_amd64']),\n"
    "    'macos-arm64': ({'sys_platform': 'darwin', 'platform_system': 'Darwin',\n"
    "                     'platform_machine': 'arm64', 'os_name': 'posix'},\n"
    "                    ['macosx_%d_0_arm64' % v for v in range(14, 10, -1)]),\n"
    "}\n"
    "env = default_environment()\n"
    "if platform:\n"
    "    if platform not in PLATFORMS:\n"
    "        fail('no platform ' + platform)\n"
    "    keys, plats = PLATFORMS[platform]\n"
    "    env.update(keys)\n"
    "    v = sys.version_info[:2]\n"
    "    tags = list(cpython_tags(v, platforms=plats)) + list(compatible_tags(v, "
    "platforms=plats))\n"
    "else:\n"
    "    tags = list(sys_tags())\n"
    "rank = {t: i for i, t in enumerate(tags)}\n"
    "try:\n"
    "    with open(path, 'rb') as f:\n"
    "        lock = tomllib.load(f)\n"
    "except (OSError, tomllib.TOMLDecodeError) as e:\n"
    "    fail('cannot read it: %s' % e)\n"
    "if lock.get('version') != 1:\n"
    "    fail('lock format version %r, not 1' % lock.get('version'))\n"
    "rp = lock.get('requires-python')\n"
    "if rp and env['python_full_version'] not in SpecifierSet(rp):\n"
    "    fail('it is for Python %s, not %s' % (rp, env['python_full_version']))\n"
    "root = canonicalize_name(root)\n"
    "conflicting = {c.get('extra') for group in lock.get('conflicts', []) for c in group\n"
    "               if canonicalize_name(c.get('package', '')) == root}\n"
    "active = [e for e in extras if e in conflicting]\n"
    "if len(active) > 1:\n"
    "    fail('extras %s exclude each other' % ', '.join(active))\n"
    "env['extra'] = 'extra-%d-%s-%s' % (len(root), root, active[0]) if active else ''\n"
    "by_name = {}\n"
    "for p in lock.get('package', []):\n"
    "    by_name.setdefault(canonicalize_name(p['name']), []).append(p)\n"
    "if root not in by_name:\n"
    "    fail('no project ' + root)\n"
    "def entry(dep):\n"
    "    c = by_name.get(canonicalize_name(dep['name']), [])\n"
    "    if 'version' in dep:\n"
    "        c = [p for p in c if p['version'] == dep['version']]\n"
    "    if 'source' in dep:\n"
    "        c = [p for p in c if p.get('source') == dep['source']]\n"
    "    if len(c) != 1:\n"
    "        fail('%s: %d packages match %s' % (dep['name'], len(c), json.dumps(dep)))\n"
    "    return c[0]\n"
    "chosen, seen, todo = {}, set(), [(by_name[root][0], tuple(extras))]\n"
    "while todo:\n"
    "    pkg, want = todo.pop()\n"
    "    key = (id(pkg), want)\n"
    "    if key in seen:\n"
    "        continue\n"
    "    seen.add(key)\n"
    "    deps = list(pkg.get('dependencies', []))\n"
    "    for e in want:\n"
    "        deps += pkg.get('optional-dependencies', {}).get(e, [])\n"
    "    for dep in deps:\n"
    "        if 'marker' in dep and not Marker(dep['marker']).evaluate(env):\n"
    "            continue\n"
    "        child = entry(dep)\n"
    "        name = canonicalize_name(child['name'])\n"
    "        if chosen.get(name, child) is not child:\n"
    "            fail('%s %s and %s both apply' % (name, chosen[name]['version'], "
    "child['version']))\n"
    "        chosen[name] = child\n"
    "        todo.append((child, tuple(dep.get('extra', []))))\n"
    "files = []\n"
    "for name, pkg in sorted(chosen.items()):\n"
    "    if name == root:\n"
    "        continue\n"
    "    reg = pkg.get('source', {}).get('registry')\n"
    "    if reg is None or reg.rstrip('/') not in registries:\n"
    "        fail('%s %s comes from %s, an index this install does not use'\n"
    "             % (name, pkg['version'], reg or json.dumps(pkg.get('source'))))\n"
    "    best = None\n"
    "    for w in pkg.get('wheels', []):\n"
    "        fn = unquote(w['url'].split('#')[0].rsplit('/', 1)[-1])\n"
    "        try:\n"
    "            r = min(rank.get(t, len(rank)) for t in parse_wheel_filename(fn)[3])\n"
    "        except Exception:\n"
    "            continue\n"
    "        if r < len(rank) and (best is None or r < best[0]):\n"
    "            best = (r, fn, w)\n"
    "    if best is None:\n"
    "        fail('%s %s has no wheel for this platform' % (name, pkg['version']))\n"
    "    _, fn, w = best\n"
    "    h = w.get('hash', '')\n"
    "    files.append({'name': name, 'version': pkg['version'], 'filename': fn,\n"
    "                  'url': w['url'], 'size': w.get('size', 0),\n"
    "                  'sha256': h[7:] if h.startswith('sha256:') else ''})\n"
    "print(json.dumps({'version': 1, 'source': 'uv.lock', 'key': '', 'files': files}))\n";

int bs_uv_lock_resolve(const char *venv_python, const char *os, const char *lock_path,
                       const char *root, const char *extras, const char *registries,
                       const char *platform, volatile sig_atomic_t *cancel, bs_resolution *out,
                       bs_error *err)
{
    const char *argv[] = {venv_python, "-I",       "-c",
                          LOCK_SCRIPT, lock_path,  root,
                          extras,      registries, platform ? platform : "",
                          NULL};
    plat_run_result res;
    int rc = bs_venv_run(argv, os, 120000, cancel, &res, "reading uv.lock", err);
    if (rc == 0)
        rc = bs_resolution_parse(res.out, out, err);
    plat_run_result_free(&res);
    if (rc == BS_E_CHILD) {
        /* The script's own "uv.lock: why" line says it best. */
        char why[sizeof(err->hint)];
        const char *line = strstr(err->hint, "uv.lock: ");
        bs_strlcpy(why, line ? line : err->message, sizeof(why));
        bs_error_init(err);
        rc = bs_error_set(err, BS_E_PARSE, "%s", bs_trim(why));
    }
    if (rc == 0)
        bs_strlcpy(out->source, "uv.lock", sizeof(out->source));
    return rc;
}

# verify.py: what a venv holds, as one JSON line: torch and its build, InvokeAI and its web
# entry point, and (argument "files") whether installed files still match pip's RECORD.
import json, os, sys, hashlib, base64
import importlib.metadata as md
out = {'python': '%d.%d.%d' % sys.version_info[:3]}
def ver(n):
    try:
        return md.version(n)
    except Exception:
        return ''
for n in ('invokeai', 'torchvision', 'xformers'):
    out[n] = ver(n)
bindir = os.path.dirname(sys.executable)
out['has_web'] = any(os.path.isfile(os.path.join(bindir, x))
                     for x in ('invokeai-web', 'invokeai-web.exe'))
if 'quick' in sys.argv:
    out['torch'] = ver('torch')
else:
    try:
        import torch
        out['torch'] = torch.__version__
        out['cuda'] = torch.version.cuda or ''
        out['hip'] = getattr(torch.version, 'hip', None) or ''
        avail, dev = False, ''
        if torch.cuda.is_available():
            avail, dev = True, torch.cuda.get_device_name(0)
        elif getattr(torch.backends, 'mps', None) and torch.backends.mps.is_available():
            avail, dev = True, 'Apple MPS'
        elif getattr(torch, 'xpu', None) and torch.xpu.is_available():
            avail, dev = True, torch.xpu.get_device_name(0)
        out['available'], out['device'] = avail, dev
        try:
            out['arch_list'] = list(torch.cuda.get_arch_list())
        except Exception:
            out['arch_list'] = []
    except Exception as e:
        out['error'] = ('%s: %s' % (type(e).__name__, e))[:200]
if 'files' in sys.argv:
    changed, example, listed = 0, '', set()
    try:
        files = md.distribution('torch').files or []
    except Exception:
        files = []
    libdir = None
    for f in files:
        s = str(f).replace('\\', '/')
        if not s.startswith('torch/lib/'):
            continue
        p = str(f.locate())
        libdir = os.path.dirname(p)
        listed.add(os.path.basename(p).lower())
        try:
            size = os.path.getsize(p)
        except OSError:
            changed += 1; example = example or s + ' is missing'; continue
        if f.size is not None and size != f.size:
            changed += 1; example = example or s + ' changed size'; continue
        if s.lower().endswith('.dll') and f.hash and f.hash.mode == 'sha256':
            with open(p, 'rb') as fh:
                d = base64.urlsafe_b64encode(hashlib.sha256(fh.read()).digest())
            if d.rstrip(b'=').decode() != f.hash.value:
                changed += 1; example = example or s + ' changed'
    if libdir and os.path.isdir(libdir):
        for x in os.listdir(libdir):
            if x.lower().endswith('.dll') and x.lower() not in listed:
                changed += 1; example = example or 'torch/lib/' + x + ' was added'
    out['files_changed'], out['changed_example'] = changed, example
print(json.dumps(out))

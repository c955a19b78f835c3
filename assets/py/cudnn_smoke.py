# cudnn_smoke.py: torch's own word on its cuDNN (version, GPU), and with argument "conv"
# one convolution on the GPU, as one JSON line: the test before and after a cuDNN swap.
import json, sys
out = {'torch': '', 'cudnn': 0, 'gpu': False, 'conv': False}
try:
    import torch
    out['torch'] = torch.__version__
    out['cudnn'] = int(torch.backends.cudnn.version() or 0)
    out['gpu'] = bool(torch.cuda.is_available())
    if out['gpu'] and 'conv' in sys.argv:
        x = torch.randn(1, 3, 32, 32, device='cuda')
        w = torch.randn(8, 3, 3, 3, device='cuda')
        torch.backends.cudnn.enabled = True
        torch.nn.functional.conv2d(x, w).sum().item()
        torch.cuda.synchronize()
        out['conv'] = True
except BaseException as e:
    out['error'] = ('%s: %s' % (type(e).__name__, e))[:300]
print(json.dumps(out))

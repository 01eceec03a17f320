"""The per-user secret store: API keys entered once, read by granted notebooks (issue 20).

- ``validation.py``: what a name and a value may be (environment-variable names, bounded sizes).
- ``store.py``: the 0600 file (values, when set, last check, "set in kernels") and the grants
  per notebook; the only module that sees values. The kernel's ``userdata`` reads it too.
- ``answers.py``: how a kernel waiting in ``userdata.get`` learns Allow or Deny.
- ``checks.py``: asking Google whether a key works (the Generative Language API's model list).
- ``kernel_env.py``: "set in kernels": the variables a granted notebook's kernel starts with.

Kept free of imports here: a kernel imports ``store`` and ``answers`` alone, in milliseconds.
"""

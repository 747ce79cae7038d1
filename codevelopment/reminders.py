"""The old import path of codevelopment.services.reminders, kept for callers outside the app (the demo data,
cross-app and browser tests) until they import codevelopment.services. This name is that very module, so a
test that patches a name here patches the service itself."""

import sys

from .services import reminders as _module

sys.modules[__name__] = _module

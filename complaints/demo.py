"""The demo as other apps take part in it. `manage.py seed_demo` stores the core's demo
(reference data, staff, complaints), then sends `demo_seeded` inside the same transaction, so
that each app adds the demo of its own screens through its own services while the core imports
none of them.

Sent with `users` (the demo staff by role code), `citizens` (the demo citizens' CitizenDetails),
`complaints` (a queryset of the demo complaints), `now` and `seed` (the command's random seed).
Each receiver returns {label: (total, created in this run)} for the command's summary.
"""

import django.dispatch

demo_seeded = django.dispatch.Signal()

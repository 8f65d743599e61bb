"""The demo (`manage.py seed_demo`): invented staff, citizens and cases for every screen, seeded
through each app's own services. Installed as the `demo` app; nothing in the apps imports it."""

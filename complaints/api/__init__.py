"""The staff REST API under /api/v1/: the back office's complaints, timeline and actions for other
systems, with the same scoping (complaints.security.access), permissions and services as the case page."""

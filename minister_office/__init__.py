"""The minister's office: urgency study, triage dashboard, directives and council sessions."""

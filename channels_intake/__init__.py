"""One adapter per intake channel, each translating its input into a call of
complaints.intake.receive. The web form lives in complaints/ until the citizen
portal grows (see the README)."""

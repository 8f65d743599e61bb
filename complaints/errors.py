class DomainError(Exception):
    """A request the rules of the ministry do not allow, with a message for the user."""

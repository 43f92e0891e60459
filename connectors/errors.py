"""Every way a warehouse call can fail, each with a message a business user can read."""


class WarehouseError(Exception):
    """Base class: str(error) is a sentence fit to show a user."""


class QueryRefused(WarehouseError):
    """The statement was not run: it is not a single read-only query over known tables."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class QueryTimeout(WarehouseError):
    """The query ran past its time limit and was cancelled in the database."""


class QueryFailed(WarehouseError):
    """The database rejected or failed the query; the message is the database's own."""


class QueryDoubtful(QueryFailed):
    """The database would run the query, but a check doubts it means what was asked (a join comparing a
    column with itself, a join beside the foreign key, a number read as a date)."""


class WarehouseUnavailable(WarehouseError):
    """The warehouse could not be reached or opened."""
